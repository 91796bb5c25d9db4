#!/usr/bin/env node
// explain-cmd: the bundled entry (dist/explain-cmd.mjs, built by `npm run build`).
import "../dist/explain-cmd.mjs";
