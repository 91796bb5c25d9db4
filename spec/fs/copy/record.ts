/**
 * Records every case of `cases.ts` with BuildKit and the classic builder of the local Docker Engine and
 * writes `spec/fixtures/engine-28.5/copy-add.json`.
 *
 * Run: `node --import tsx spec/fs/copy/record.ts [--only id,prefix-*] [--concurrency N]` with DOCKER,
 * DOCKER_HOST and DOCKER_CONFIG set (defaults: engine 28 of `.ci/docker-engine.sh`). With `--only`, the
 * listed cases are re-recorded and merged into the existing fixture (the others are kept). Not part of
 * `npm test`.
 *
 * @module
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { detectEngine, detectEngineFailure, ensureBaseImages, type OracleBuilder } from "../../oracle/engine.js";
import { makeArchive } from "./archives.js";
import { COPY_CASES, type CaseContextValue, type CopyCase } from "./cases.js";
import { buildAndExport, historyLength, type BuildResult, type FixtureContextValue } from "./harness.js";

const here = dirname(fileURLToPath(import.meta.url));
export const FIXTURE_PATH = join(here, "../../fixtures/engine-28.5/copy-add.json");

/** One case in the fixture file. */
export interface FixtureCase {
  id: string;
  title: string;
  note?: string;
  dockerfile: string;
  /** The whole context, the `Dockerfile` entry included (it is written at the context root). */
  context: Record<string, FixtureContextValue>;
  buildArgs?: Record<string, string>;
  /** Set when the final stage derives from an image: its reference and how many history entries and layers it has. */
  base?: { image: string; history: number; layers: number };
  paths: string[];
  results: Record<OracleBuilder, BuildResult>;
}

/** The fixture file. */
export interface Fixture {
  engine: string;
  recordedAt: string;
  note: string;
  cases: FixtureCase[];
}

function fixtureContext(c: CopyCase): Record<string, FixtureContextValue> {
  const out: Record<string, FixtureContextValue> = {};
  for (const [k, v] of Object.entries(c.context) as [string, CaseContextValue][]) {
    if (typeof v === "object" && "archive" in v) {
      const base64 = makeArchive(v.archive).toString("base64");
      out[k] = v.mode === undefined ? { base64 } : { base64, mode: v.mode };
    } else out[k] = v;
  }
  out.Dockerfile = { content: c.dockerfile, mode: 0o644 };
  return out;
}

/** The external image the final stage derives from (`scratch` when none). */
export function finalBaseImage(dockerfile: string): string {
  const stages: { image: string; name?: string }[] = [];
  for (const line of dockerfile.split("\n")) {
    const m = /^\s*FROM\s+(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?\s*$/i.exec(line);
    if (m) stages.push(m[2] === undefined ? { image: m[1]! } : { image: m[1]!, name: m[2].toLowerCase() });
  }
  let i = stages.length - 1;
  for (let guard = 0; guard < 100 && i >= 0; guard++) {
    const img = stages[i]!.image.toLowerCase();
    const j = stages.findIndex((s, k) => k < i && s.name === img);
    if (j < 0) return stages[i]!.image;
    i = j;
  }
  return "scratch";
}

function parseArgs(argv: readonly string[]): { only?: string[]; concurrency: number } {
  let only: string[] | undefined;
  let concurrency = 3;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--only") only = argv[++i]!.split(",").filter((s) => s !== "");
    else if (argv[i] === "--concurrency") concurrency = Number(argv[++i]);
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  return only === undefined ? { concurrency } : { only, concurrency };
}

function selected(id: string, only: string[] | undefined): boolean {
  if (only === undefined) return true;
  return only.some((p) => (p.endsWith("*") ? id.startsWith(p.slice(0, -1)) : id === p));
}

/** What {@link recordFixture} records: a case table, where the fixture goes and the note it carries about the cases. */
export interface FixtureTarget {
  readonly cases: readonly CopyCase[];
  readonly path: string;
  /** What is special about these cases (prepended to the recording note). */
  readonly note?: string;
}

/**
 * Records the cases of `target` with both builders and writes its fixture file; `argv` takes
 * `--only id,prefix-*` and `--concurrency N` (see the module comment).
 */
export async function recordFixture(target: FixtureTarget, argv: readonly string[]): Promise<void> {
  const { only, concurrency } = parseArgs([...argv]);
  const FIXTURE_PATH = target.path;
  const COPY_CASES = target.cases;
  const engine = await detectEngine();
  if (engine === null) throw new Error(detectEngineFailure);
  const ids = new Set<string>();
  for (const c of COPY_CASES) {
    if (ids.has(c.id)) throw new Error(`duplicate case id ${c.id}`);
    ids.add(c.id);
  }
  const todo = COPY_CASES.filter((c) => selected(c.id, only));
  if (todo.some((c) => finalBaseImage(c.dockerfile) !== "scratch" || /--from=oracle\//.test(c.dockerfile))) await ensureBaseImages(engine);

  const baseInfo = new Map<string, { history: number; layers: number }>();
  const baseOf = async (image: string): Promise<{ history: number; layers: number }> => {
    let b = baseInfo.get(image);
    if (b === undefined) {
      const { runDocker } = await import("../../oracle/docker-cli.js");
      const r = await runDocker(engine, ["image", "inspect", "--format", "{{len .RootFS.Layers}}", image]);
      b = { history: await historyLength(engine, image), layers: Number(r.stdout.toString("utf8").trim()) };
      baseInfo.set(image, b);
    }
    return b;
  };

  const existing: Fixture | undefined = only !== undefined && existsSync(FIXTURE_PATH) ? (JSON.parse(readFileSync(FIXTURE_PATH, "utf8")) as Fixture) : undefined;
  const recorded = new Map<string, FixtureCase>((existing?.cases ?? []).map((c) => [c.id, c]));

  const prepared = await Promise.all(
    todo.map(async (c) => {
      const image = finalBaseImage(c.dockerfile);
      const fc: FixtureCase = {
        id: c.id,
        title: c.title,
        ...(c.note === undefined ? {} : { note: c.note }),
        dockerfile: c.dockerfile,
        context: fixtureContext(c),
        ...(c.buildArgs === undefined ? {} : { buildArgs: { ...c.buildArgs } }),
        ...(image === "scratch" ? {} : { base: { image, ...(await baseOf(image)) } }),
        paths: [...c.paths],
        results: {} as Record<OracleBuilder, BuildResult>,
      };
      return fc;
    }),
  );

  const tasks = prepared.flatMap((fc) => (["buildkit", "legacy"] as const).map((b) => [fc, b] as const));
  let next = 0;
  let done = 0;
  const started = Date.now();
  const write = (): void => {
    for (const fc of prepared) if (fc.results.buildkit !== undefined && fc.results.legacy !== undefined) recorded.set(fc.id, fc);
    const order = new Map(COPY_CASES.map((c, i) => [c.id, i]));
    const cases = [...recorded.values()]
      .filter((c) => order.has(c.id))
      .sort((a, b) => order.get(a.id)! - order.get(b.id)!)
      .map((c) => ({ ...c, results: { buildkit: c.results.buildkit, legacy: c.results.legacy } }));
    const fixture: Fixture = {
      engine: engine.serverVersion,
      recordedAt: new Date().toISOString(),
      note:
        (target.note === undefined ? "" : target.note + " ") +
        "Recorded by spec/fs/copy/record.ts: each case built with BuildKit (DOCKER_BUILDKIT=1) and the classic builder (DOCKER_BUILDKIT=0, --no-cache), " +
        "--network=none; the Dockerfile is written at the context root (it is part of the context, listed in `context`). history: the entries after the base image's; " +
        "layers: all rootfs layers of the image (base included); files: docker export entries at and under `paths`, sorted by path (byte order).",
      cases,
    };
    writeFileSync(FIXTURE_PATH, JSON.stringify(fixture, null, 1) + "\n");
  };
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const [fc, builder] = tasks[next++]!;
      const base = fc.base?.history ?? 0;
      const r = await buildAndExport(engine, builder, fc.dockerfile, Object.fromEntries(Object.entries(fc.context).filter(([k]) => k !== "Dockerfile")), fc.paths, {
        ...(fc.buildArgs === undefined ? {} : { buildArgs: fc.buildArgs }),
        baseHistory: base,
      });
      fc.results[builder] = r;
      done++;
      const what = r.ok ? `ok ${r.files.length} entries, ${r.layers} layers` : `error: ${r.error.split("\n")[0]!.slice(0, 140)}`;
      process.stderr.write(`[${done}/${tasks.length} ${Math.round((Date.now() - started) / 1000)}s] ${fc.id} ${builder}: ${what}\n`);
      if (done % 20 === 0) write();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  write();
  process.stderr.write(`wrote ${FIXTURE_PATH} (${recorded.size} cases)\n`);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  recordFixture({ cases: COPY_CASES, path: FIXTURE_PATH }, process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  });
}
