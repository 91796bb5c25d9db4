#!/usr/bin/env node
// dockerfile-check: the bundled entry (dist/bundle/dockerfile-check.js, built by `npm run build`, and by
// `npm pack` before packing). In a clone where nothing was built yet, the sources run through tsx (a
// development dependency), as bin/explain-cmd.js does.
import { existsSync } from "node:fs";

const built = new URL("../dist/bundle/dockerfile-check.js", import.meta.url);
if (existsSync(built)) await import(built.href);
else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(new URL("../src/node/check-cli/bin.ts", import.meta.url).href);
}
