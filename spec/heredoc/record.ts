/**
 * Records every case of `cases.ts` with BuildKit and the classic builder of the local Docker Engine and
 * writes `spec/fixtures/engine-28.5/heredoc.json` (with `spec/fs/copy/record.ts`'s recorder).
 *
 * Run: `node --import tsx spec/heredoc/record.ts [--only id,prefix-*] [--concurrency N]` with DOCKER,
 * DOCKER_HOST and DOCKER_CONFIG set (defaults: engine 28 of `.ci/docker-engine.sh`). Not part of `npm test`.
 *
 * @module
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { recordFixture } from "../fs/copy/record.js";
import { HEREDOC_CASES } from "./cases.js";

/** Where the heredoc fixture lives. */
export const HEREDOC_FIXTURE_PATH = join(dirname(fileURLToPath(import.meta.url)), "../fixtures/engine-28.5/heredoc.json");

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  recordFixture(
    { cases: HEREDOC_CASES, path: HEREDOC_FIXTURE_PATH, note: "Heredoc cases of spec/heredoc/cases.ts (recorded with spec/heredoc/record.ts); RUN cases copy /proc/1/cmdline of the RUN's process to /out/pid1." },
    process.argv.slice(2),
  ).catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  });
}
