/**
 * Records every case of `cases.ts` with BuildKit and the classic builder of the local Docker Engine,
 * cloning from the servers of `server.ts`, and writes `spec/fixtures/engine-28.5/add-git.json`
 * (server addresses and commit ids put back as placeholders).
 *
 * Run: `node --import tsx spec/fs/git/record.ts` with DOCKER, DOCKER_HOST and DOCKER_CONFIG set.
 * Not part of `npm test` (the engine part of `add-git.spec.ts` rebuilds every case live instead).
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import type { Engine, OracleBuilder } from "../../oracle/engine.js";
import type { BuildResult } from "../copy/harness.js";
import type { Fixture, FixtureCase } from "../copy/record.js";
import { buildServedCase, recordServedFixture, servedFixtureCaseOf } from "../copy/record-served.js";
import { GIT_CASES, type GitCase } from "./cases.js";
import { gitPlaceholders, startGitServer, type GitServer } from "./server.js";

/** Where the fixture is. */
export const GIT_FIXTURE_PATH = fileURLToPath(new URL("../../fixtures/engine-28.5/add-git.json", import.meta.url));

/** The fixture file. */
export type GitFixture = Fixture;

/** A case as a copy fixture case, without results (Dockerfile with placeholders). */
export const gitFixtureCaseOf: (c: GitCase) => Omit<FixtureCase, "results"> = servedFixtureCaseOf;

/** Builds one case with one builder on the engine (placeholders filled in, then put back). */
export function buildGitCase(engine: Engine, s: GitServer, c: Pick<GitCase, "dockerfile" | "context" | "paths">, builder: OracleBuilder): Promise<BuildResult> {
  return buildServedCase(engine, gitPlaceholders(s), c, builder);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  recordServedFixture({
    cases: GIT_CASES,
    path: GIT_FIXTURE_PATH,
    note: "ADD <git source> cases of spec/fs/git/cases.ts, cloned by the daemon from spec/fs/git/server.ts on 127.0.0.1; {GIT}, {GITHTTP}, {FEATURE} and {V1} stand for the git:// server, the dumb-HTTP server and two commit ids",
    start: async () => gitPlaceholders(await startGitServer()),
  }).catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  });
}
