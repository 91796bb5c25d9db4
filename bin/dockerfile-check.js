#!/usr/bin/env node
// dockerfile-check: the bundled entry (dist/dockerfile-check.mjs, built by `npm run build`).
import "../dist/dockerfile-check.mjs";
