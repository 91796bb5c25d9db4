#!/usr/bin/env node
// dockerfile-check: runs the bundled CLI (dist/bundle/dockerfile-check.cjs, built by `npm run build`, and by
// `npm pack` before packing) through a V8 code cache; in a clone where nothing was built yet, the sources
// through tsx. Also the entry of its worker threads. See bin/run-bundle.js.
"use strict";
require("./run-bundle.js").runBundle("dockerfile-check", "src/node/check-cli/bin.ts", __filename);
