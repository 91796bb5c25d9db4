/**
 * Records every case of `cases.ts` with BuildKit and the classic builder of the local Docker Engine,
 * downloading from the server of `server.ts`, and writes `spec/fixtures/engine-28.5/add-url.json`
 * (server addresses put back as `{URL}` and `{REFUSED}`).
 *
 * Run: `node --import tsx spec/fs/download/record.ts` with DOCKER, DOCKER_HOST and DOCKER_CONFIG set.
 * Not part of `npm test` (the engine part of `add-url.spec.ts` rebuilds every case live instead).
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import type { Engine, OracleBuilder } from "../../oracle/engine.js";
import type { BuildResult } from "../copy/harness.js";
import type { Fixture } from "../copy/record.js";
import { buildServedCase, recordServedFixture } from "../copy/record-served.js";
import { URL_CASES, type UrlCase } from "./cases.js";
import { downloadPlaceholders, startDownloadServer, type DownloadServer } from "./server.js";

/** Where the fixture is. */
export const URL_FIXTURE_PATH = fileURLToPath(new URL("../../fixtures/engine-28.5/add-url.json", import.meta.url));

/** The fixture file. */
export type UrlFixture = Fixture;

/** Builds one case with one builder on the engine (server addresses filled in, then put back). */
export function buildUrlCase(engine: Engine, s: DownloadServer, c: Pick<UrlCase, "dockerfile" | "context" | "paths">, builder: OracleBuilder): Promise<BuildResult> {
  return buildServedCase(engine, downloadPlaceholders(s), c, builder);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  recordServedFixture({
    cases: URL_CASES,
    path: URL_FIXTURE_PATH,
    note: "ADD <url> cases of spec/fs/download/cases.ts, downloaded by the daemon from spec/fs/download/server.ts on 127.0.0.1; {URL} and {REFUSED} stand for that server and a closed port",
    start: async () => downloadPlaceholders(await startDownloadServer()),
  }).catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  });
}
