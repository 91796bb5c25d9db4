/**
 * The recording loop shared by fixtures whose cases need a local server the daemon reads from (ADD of URLs,
 * ADD of git repositories): start the server, build each case with both builders, put the server's
 * addresses back as placeholders, and write the fixture file.
 *
 * @module
 */
import { writeFileSync } from "node:fs";
import { detectEngine, detectEngineFailure, type Engine, type OracleBuilder } from "../../oracle/engine.js";
import { buildAndExport, type BuildResult, type FixtureContextValue } from "./harness.js";
import type { Fixture, FixtureCase } from "./record.js";

/** A served case: a Dockerfile with placeholders for the server, its context and the paths to export. */
export interface ServedCase {
  readonly id: string;
  readonly title: string;
  readonly dockerfile: string;
  readonly context?: Readonly<Record<string, FixtureContextValue>>;
  readonly paths: readonly string[];
}

/** How a local server fills in and takes out its placeholders. */
export interface PlaceholderServer {
  /** The Dockerfile with the placeholders replaced by this server's addresses. */
  fill(text: string): string;
  /** The text with this server's addresses put back as placeholders. */
  unfill(text: string): string;
  close(): Promise<void>;
}

/** A served case as a fixture case without results (the Dockerfile keeps its placeholders). */
export function servedFixtureCaseOf(c: ServedCase): Omit<FixtureCase, "results"> {
  return { id: c.id, title: c.title, dockerfile: c.dockerfile, context: { ...(c.context ?? {}), Dockerfile: { content: c.dockerfile, mode: 0o644 } }, paths: [...c.paths] };
}

/** A result with the server's addresses put back as placeholders. */
export function placeholderResultOf(r: BuildResult, s: PlaceholderServer): BuildResult {
  if (!r.ok) return { ok: false, error: s.unfill(r.error) };
  return { ...r, history: r.history.map((h) => ({ ...h, created_by: s.unfill(h.created_by) })) };
}

/** Builds one served case with one builder on the engine (placeholders filled in, then put back). */
export async function buildServedCase(engine: Engine, s: PlaceholderServer, c: Pick<ServedCase, "dockerfile" | "context" | "paths">, builder: OracleBuilder): Promise<BuildResult> {
  const raw = await buildAndExport(engine, builder, s.fill(c.dockerfile), c.context ?? {}, c.paths);
  return placeholderResultOf(raw, s);
}

/** Records every case with both builders against a freshly started server and writes the fixture at `path`. */
export async function recordServedFixture(target: { cases: readonly ServedCase[]; path: string; note: string; start(): Promise<PlaceholderServer> }): Promise<void> {
  const engine = await detectEngine();
  if (engine === null) throw new Error(detectEngineFailure);
  const server = await target.start();
  try {
    const out: FixtureCase[] = [];
    for (const c of target.cases) {
      const [buildkit, legacy] = await Promise.all((["buildkit", "legacy"] as const).map((b) => buildServedCase(engine, server, c, b)));
      out.push({ ...servedFixtureCaseOf(c), results: { buildkit: buildkit!, legacy: legacy! } });
      process.stdout.write(`${c.id}: buildkit ${buildkit!.ok ? "ok" : buildkit!.error}; legacy ${legacy!.ok ? "ok" : legacy!.error}\n`);
    }
    const fixture: Fixture = { engine: engine.serverVersion, recordedAt: new Date().toISOString(), note: target.note, cases: out };
    writeFileSync(target.path, JSON.stringify(fixture, null, 1) + "\n");
  } finally {
    await server.close();
  }
}
