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
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { detectEngine, detectEngineFailure, type Engine, type OracleBuilder } from "../../oracle/engine.js";
import type { FixtureCase } from "../copy/record.js";
import { buildAndExport, type BuildResult } from "../copy/harness.js";
import { URL_CASES, type UrlCase } from "./cases.js";
import { startDownloadServer, withoutServer, withServer, type DownloadServer } from "./server.js";

/** Where the fixture is. */
export const URL_FIXTURE_PATH = fileURLToPath(new URL("../../fixtures/engine-28.5/add-url.json", import.meta.url));

/** The fixture file. */
export interface UrlFixture {
  engine: string;
  recordedAt: string;
  note: string;
  cases: FixtureCase[];
}

/** A case as a copy fixture case, without results (Dockerfile with placeholders). */
export function fixtureCaseOf(c: UrlCase): Omit<FixtureCase, "results"> {
  return { id: c.id, title: c.title, dockerfile: c.dockerfile, context: { ...(c.context ?? {}), Dockerfile: { content: c.dockerfile, mode: 0o644 } }, paths: [...c.paths] };
}

/** A result with the server's addresses replaced by placeholders. */
export function placeholderResult(r: BuildResult, s: DownloadServer): BuildResult {
  if (!r.ok) return { ok: false, error: withoutServer(r.error, s) };
  return { ...r, history: r.history.map((h) => ({ ...h, created_by: withoutServer(h.created_by, s) })) };
}

/** Builds one case with one builder on the engine (server addresses filled in). */
export async function buildUrlCase(engine: Engine, s: DownloadServer, c: Pick<UrlCase, "dockerfile" | "context" | "paths">, builder: OracleBuilder): Promise<BuildResult> {
  const raw = await buildAndExport(engine, builder, withServer(c.dockerfile, s), c.context ?? {}, c.paths);
  return placeholderResult(raw, s);
}

async function main(): Promise<void> {
  const engine = await detectEngine();
  if (engine === null) throw new Error(detectEngineFailure);
  const server = await startDownloadServer();
  try {
    const out: FixtureCase[] = [];
    for (const c of URL_CASES) {
      const [buildkit, legacy] = await Promise.all((["buildkit", "legacy"] as const).map((b) => buildUrlCase(engine, server, c, b)));
      out.push({ ...fixtureCaseOf(c), results: { buildkit: buildkit!, legacy: legacy! } });
      process.stdout.write(`${c.id}: buildkit ${buildkit!.ok ? "ok" : buildkit!.error}; legacy ${legacy!.ok ? "ok" : legacy!.error}\n`);
    }
    const fixture: UrlFixture = {
      engine: engine.serverVersion,
      recordedAt: new Date().toISOString(),
      note: "ADD <url> cases of spec/fs/download/cases.ts, downloaded by the daemon from spec/fs/download/server.ts on 127.0.0.1; {URL} and {REFUSED} stand for that server and a closed port",
      cases: out,
    };
    writeFileSync(URL_FIXTURE_PATH, JSON.stringify(fixture, null, 1) + "\n");
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
