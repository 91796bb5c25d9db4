#!/usr/bin/env node
// explain-cmd: the bundled entry (dist/bundle/explain-cmd.js, built by `npm run build`, and by `npm pack`
// before packing). In a clone where nothing was built yet, the sources run through tsx (a development
// dependency), so the README's `npm install && npx explain-cmd …` needs no install script.
import { existsSync } from "node:fs";

const built = new URL("../dist/bundle/explain-cmd.js", import.meta.url);
if (existsSync(built)) await import(built.href);
else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(new URL("../src/node/explain-cli-bin.ts", import.meta.url).href);
}
