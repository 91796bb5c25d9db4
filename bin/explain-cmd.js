#!/usr/bin/env node
// explain-cmd: runs the bundled CLI (dist/bundle/explain-cmd.cjs, built by `npm run build`, and by `npm pack`
// before packing) through a V8 code cache; in a clone where nothing was built yet, the sources through tsx,
// so the README's `npm install && npx explain-cmd …` needs no install script. See bin/run-bundle.js.
"use strict";
require("./run-bundle.js").runBundle("explain-cmd", "src/node/explain-cli-bin.ts", __filename);
