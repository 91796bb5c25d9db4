#!/usr/bin/env node
// dockerfile-check: the bundled entry (dist/bundle/dockerfile-check.js, built by `npm run build`).
import "../dist/bundle/dockerfile-check.js";
