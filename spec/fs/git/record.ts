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
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { detectEngine, detectEngineFailure, type Engine, type OracleBuilder } from "../../oracle/engine.js";
import { buildAndExport, type BuildResult } from "../copy/harness.js";
import type { FixtureCase } from "../copy/record.js";
import { GIT_CASES, type GitCase } from "./cases.js";
import { startGitServer, withGitServer, withoutGitServer, type GitServer } from "./server.js";

/** Where the fixture is. */
export const GIT_FIXTURE_PATH = fileURLToPath(new URL("../../fixtures/engine-28.5/add-git.json", import.meta.url));

/** The fixture file. */
export interface GitFixture {
  engine: string;
  recordedAt: string;
  note: string;
  cases: FixtureCase[];
}

/** A case as a copy fixture case, without results (Dockerfile with placeholders). */
export function gitFixtureCaseOf(c: GitCase): Omit<FixtureCase, "results"> {
  return { id: c.id, title: c.title, dockerfile: c.dockerfile, context: { ...(c.context ?? {}), Dockerfile: { content: c.dockerfile, mode: 0o644 } }, paths: [...c.paths] };
}

/** A result with the servers' addresses and commit ids replaced by placeholders. */
export function gitPlaceholderResult(r: BuildResult, s: GitServer): BuildResult {
  if (!r.ok) return { ok: false, error: withoutGitServer(r.error, s) };
  return { ...r, history: r.history.map((h) => ({ ...h, created_by: withoutGitServer(h.created_by, s) })) };
}

/** Builds one case with one builder on the engine (placeholders filled in). */
export async function buildGitCase(engine: Engine, s: GitServer, c: Pick<GitCase, "dockerfile" | "context" | "paths">, builder: OracleBuilder): Promise<BuildResult> {
  const raw = await buildAndExport(engine, builder, withGitServer(c.dockerfile, s), c.context ?? {}, c.paths);
  return gitPlaceholderResult(raw, s);
}

async function main(): Promise<void> {
  const engine = await detectEngine();
  if (engine === null) throw new Error(detectEngineFailure);
  const server = await startGitServer();
  try {
    const out: FixtureCase[] = [];
    for (const c of GIT_CASES) {
      const [buildkit, legacy] = await Promise.all((["buildkit", "legacy"] as const).map((b) => buildGitCase(engine, server, c, b)));
      out.push({ ...gitFixtureCaseOf(c), results: { buildkit: buildkit!, legacy: legacy! } });
      process.stdout.write(`${c.id}: buildkit ${buildkit!.ok ? "ok" : buildkit!.error}; legacy ${legacy!.ok ? "ok" : legacy!.error}\n`);
    }
    const fixture: GitFixture = {
      engine: engine.serverVersion,
      recordedAt: new Date().toISOString(),
      note: "ADD <git source> cases of spec/fs/git/cases.ts, cloned by the daemon from spec/fs/git/server.ts on 127.0.0.1; {GIT}, {GITHTTP}, {FEATURE} and {V1} stand for the git:// server, the dumb-HTTP server and two commit ids",
      cases: out,
    };
    writeFileSync(GIT_FIXTURE_PATH, JSON.stringify(fixture, null, 1) + "\n");
  } finally {
    await server.close();
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  });
}
