/**
 * The site's build step before VitePress: runs every example and CLI session (`run-examples.ts`) and writes
 * what they printed into `docs/.generated/`, which the pages include. Fails when one of them fails, so a
 * broken example breaks `npm run docs`.
 *
 *     npm run docs:generate
 *
 * @module
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { CLI_SESSIONS, ROOT, listExamples, runCliSession, runExample } from "./run-examples.js";

const out = join(ROOT, "docs/.generated");
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, "examples"), { recursive: true });
mkdirSync(join(out, "cli"), { recursive: true });

const fence = (lang: string, text: string) => "```" + lang + "\n" + text.replace(/\s+$/, "") + "\n```\n";
let failed = 0;
for (const path of listExamples()) {
  const r = runExample(path);
  if (r.status !== 0) {
    console.error(`${path} exited with ${r.status}:\n${r.stderr}`);
    failed += 1;
  }
  writeFileSync(join(out, "examples", basename(path, ".ts") + ".md"), fence("text", `$ npm run example ${path}\n${r.stdout}`));
}
for (const s of CLI_SESSIONS) {
  const r = runCliSession(s);
  if (r.status !== 0) {
    console.error(`explain-cmd session ${s.name} exited with ${r.status}:\n${r.stderr}`);
    failed += 1;
  }
  writeFileSync(join(out, "cli", `${s.name}.md`), fence(s.name === "json" ? "text" : "text", r.transcript));
}
console.log(`docs/.generated: ${listExamples().length} examples and ${CLI_SESSIONS.length} CLI sessions captured`);
if (failed > 0) process.exit(1);
