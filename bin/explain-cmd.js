#!/usr/bin/env node
// explain-cmd: the bundled entry (dist/bundle/explain-cmd.js, built by `npm run build`).
import "../dist/bundle/explain-cmd.js";
