/**
 * Differential testing of the simulator against a real engine: generated cases
 * (`generators/dockerfile.ts`) are simulated and built for real with each builder, compared category by
 * category ({@link CATEGORIES}), and every divergence is shrunk (by real builds, with a cap) to a minimal
 * reproducer that is written as a permanent regression fixture under `spec/fixtures/regressions/`
 * ({@link RegressionFixture}), re-checked without Docker by `differential.fixtures.spec.ts`.
 *
 * Importing this module needs no engine; {@link runDifferential} does.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { parseImageReference } from "../../src/docker/index.js";
import type { BaseImageResolver } from "../../src/image/base-image.js";
import { toInspectConfig } from "../../src/image/config.js";
import { simulate, type Simulation } from "../../src/simulate.js";
import { isTransient, resolverFromInspect, trimInspect } from "../matrix/matrix-cases.js";
import { engineBaseFiles, oracleImageFiles } from "./base-image-files.js";
import type { ImageFiles } from "../../src/image/base-image.js";
import { knownDivergenceWarnings } from "./known-warnings.js";
import { BASE_IMAGES, type BaseImageName } from "./base-images.js";
import { runDocker } from "./docker-cli.js";
import { api, apiSocket } from "./docker-api.js";
import {
  buildCase,
  buildCases,
  ensureBaseImages,
  type Engine,
  type OracleBuilder,
  type OracleCase,
  type OracleResult,
  type RunOverrides,
} from "./engine.js";
import { caseArb, renderDockerfile, shrinkCandidates, unresolvedNames, type CaseArbOptions, type GenCase } from "./generators/dockerfile.js";

/** The builders, in report order. */
export const BUILDERS: readonly OracleBuilder[] = ["buildkit", "legacy"];

/** The config fields compared (`docker image inspect .Config`), plus the image's `Author`. */
export const CONFIG_FIELDS = [
  "Entrypoint",
  "Cmd",
  "Env",
  "WorkingDir",
  "User",
  "ExposedPorts",
  "Volumes",
  "Labels",
  "StopSignal",
  "Healthcheck",
  "Shell",
  "OnBuild",
] as const;
export type ConfigField = (typeof CONFIG_FIELDS)[number];

/**
 * Comparison categories, in report order: the build outcome, each config field, `Author`, the `docker
 * create` results (argv = ok/error + Path + Args; env as a set; workdir; user), history (created_by +
 * empty_layer of the entries above the external base image) and the layer count.
 */
export const CATEGORIES = [
  "build",
  ...CONFIG_FIELDS,
  "Author",
  "run argv",
  "run env",
  "run workdir",
  "run user",
  "history",
  "layers",
] as const;
export type Category = (typeof CATEGORIES)[number];

// ---------------------------------------------------------------------------------------------------------
// Observations
// ---------------------------------------------------------------------------------------------------------

/** One `docker create` outcome. */
export type ObservedRun =
  | { ok: true; path: string; args: string[]; env: string[]; workdir: string; user: string }
  | { ok: false; error: string };

/** What the engine did with one case and one builder, as kept in fixtures. */
export interface EngineObservation {
  build: { ok: true } | { ok: false; error: string };
  /** Normalised config fields ({@link normalizeField}); null when the build failed. */
  config: Record<ConfigField, unknown> | null;
  author: string | null;
  /** The whole history of the image (base image's entries included). */
  history: { created_by: string; empty_layer: boolean }[] | null;
  layers: number | null;
  runs: ObservedRun[] | null;
}

const sortedKeys = (o: unknown): string[] | null =>
  o !== null && typeof o === "object" && Object.keys(o).length > 0 ? Object.keys(o).sort() : null;

/**
 * One config field in a comparable shape: empty lists, maps and strings are `null`; ExposedPorts and
 * Volumes are their sorted keys; Labels and Healthcheck have sorted keys.
 */
export function normalizeField(field: ConfigField, v: unknown): unknown {
  if (v === undefined || v === null || v === "") return null;
  switch (field) {
    case "ExposedPorts":
    case "Volumes":
      return sortedKeys(v);
    case "Labels":
    case "Healthcheck": {
      const keys = sortedKeys(v);
      if (keys === null) return null;
      const o = v as Record<string, unknown>;
      return Object.fromEntries(keys.map((k) => [k, o[k]]));
    }
    default:
      return Array.isArray(v) && v.length === 0 ? null : v;
  }
}

/** The {@link EngineObservation} of an oracle build. */
export function observeEngine(r: OracleResult): EngineObservation {
  if (!r.build.ok) return { build: { ok: false, error: r.build.error }, config: null, author: null, history: null, layers: null, runs: null };
  const c = r.config ?? {};
  const config = Object.fromEntries(CONFIG_FIELDS.map((f) => [f, normalizeField(f, c[f])])) as Record<ConfigField, unknown>;
  return {
    build: { ok: true },
    config,
    author: r.author ?? "",
    history: (r.history ?? []).map((h) => ({ created_by: h.created_by ?? "", empty_layer: h.empty_layer === true })),
    layers: r.layers ?? null,
    runs: (r.runs ?? []).map((run): ObservedRun =>
      run.ok ? { ok: true, path: run.path, args: [...run.args], env: [...run.env], workdir: run.workdir, user: run.user } : { ok: false, error: run.error },
    ),
  };
}

/** The environment the simulator needs for a case: base images and their history lengths. */
export interface SimEnv {
  readonly resolver: BaseImageResolver;
  /** History length of each base image, by normalized reference (`docker.io/oracle/busybox:latest`). */
  readonly baseHistory: ReadonlyMap<string, number>;
}

/**
 * A {@link SimEnv} from `docker image inspect` JSON and history lengths keyed by `FROM` references; the
 * bases' files are their user databases ({@link oracleImageFiles}), or all of them when `files` has them
 * (by normalized reference, see `engineBaseFiles`).
 */
export function simEnv(bases: ReadonlyMap<string, unknown> | Readonly<Record<string, unknown>>, baseHistory: Readonly<Record<string, number>>, files?: ReadonlyMap<string, ImageFiles>): SimEnv {
  const hist = new Map<string, number>();
  for (const [ref, n] of Object.entries(baseHistory)) {
    const p = parseImageReference(ref);
    if (p.ok) hist.set(p.value.normalized, n);
  }
  const inspected = resolverFromInspect(bases);
  // The simulator is told what it needs of the bases' files (their user databases), see base-image-files.ts.
  const resolver: BaseImageResolver = {
    resolve(ref) {
      const image = inspected.resolve(ref);
      const all = files?.get(ref);
      if (image !== undefined && all !== undefined) return { ...image, files: all };
      const name = /^docker\.io\/oracle\/([a-z-]+):/.exec(ref)?.[1];
      return image === undefined || name === undefined || !(name in BASE_IMAGES) ? image : { ...image, files: oracleImageFiles(name as BaseImageName) };
    },
  };
  return { resolver, baseHistory: hist };
}

/** What the simulator predicts for one case and builder. */
export interface SimObservation {
  build: { ok: true } | { ok: false; error: string };
  config: Record<ConfigField, unknown> | null;
  author: string | null;
  /** Entries above the external base image. */
  history: { created_by: string; empty_layer: boolean; dependsOnChanges: boolean }[] | null;
  /** History length of the target's external base image, or null when unknown. */
  baseHistory: number | null;
  layers: number | null;
  runs: ObservedRun[] | null;
  /**
   * The messages of the `simulator/known-divergence` warnings the simulator gave for this builder: where
   * it knows a real build may differ from its prediction (docs/oracle.md, "Known divergences"). A case that
   * diverges while one was given counts as a known divergence, not a failure.
   */
  known: string[];
}

function externalBaseHistory(sim: Simulation, env: SimEnv): number | null {
  let stage = sim.stage;
  for (let guard = 0; stage !== null && guard < 100; guard++) {
    const base = stage.base;
    if (base.kind === "scratch") return 0;
    if (base.kind === "image") return env.baseHistory.get(base.image.ref) ?? null;
    stage = sim.evaluation.stages.find((s) => s.index === base.index) ?? null;
  }
  return null;
}

/** The simulator's {@link SimObservation} of a case. */
export function observeSimulator(c: OracleCase, builder: OracleBuilder, env: SimEnv): SimObservation {
  try {
    return observeSimulatorUnsafe(c, builder, env);
  } catch (e) {
    // `simulate` promises never to throw; if it does, that is a divergence of its own.
    const error = `(simulator threw: ${e instanceof Error ? e.message : String(e)})`;
    return { build: { ok: false, error }, config: null, author: null, history: null, baseHistory: null, layers: null, runs: null, known: [] };
  }
}

function observeSimulatorUnsafe(c: OracleCase, builder: OracleBuilder, env: SimEnv): SimObservation {
  const opts = { builder, resolver: env.resolver, buildArgs: c.buildArgs ?? {}, ...(c.target !== undefined ? { target: c.target } : {}) };
  const sim = simulate(c.dockerfile, opts);
  const known = knownDivergenceWarnings(sim, builder);
  if (sim.error !== null || sim.stage === null) {
    return {
      known,
      build: { ok: false, error: sim.error?.message ?? "(simulator: no stage)" },
      config: null,
      author: null,
      history: null,
      baseHistory: null,
      layers: null,
      runs: null,
    };
  }
  const inspect = toInspectConfig(sim.stage.config) as unknown as Record<string, unknown>;
  const config = Object.fromEntries(CONFIG_FIELDS.map((f) => [f, normalizeField(f, inspect[f])])) as Record<ConfigField, unknown>;
  const runs = (c.runs ?? []).map((o): ObservedRun => {
    const r = o === undefined ? null : simulate(c.dockerfile, { ...opts, run: o }).run;
    if (r === null) return { ok: false, error: "(simulator: no run)" };
    return r.ok ? { ok: true, path: r.path, args: [...r.args], env: [...r.env], workdir: r.workdir, user: r.user } : { ok: false, error: r.error };
  });
  return {
    build: { ok: true },
    config,
    author: sim.stage.config.Author?.value ?? "",
    history: sim.stage.history.map((h) => ({ created_by: h.created_by, empty_layer: h.empty_layer, dependsOnChanges: h.layerDependsOnChanges === true })),
    baseHistory: externalBaseHistory(sim, env),
    layers: sim.stage.layers,
    runs,
    known,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Comparison
// ---------------------------------------------------------------------------------------------------------

/** One compared category of one case with one builder (`agree: null`: not comparable, skipped). */
export interface Verdict {
  readonly category: Category;
  readonly agree: boolean | null;
  readonly engine: unknown;
  readonly simulator: unknown;
  /** Why it was skipped, when it was. */
  readonly note?: string;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Compares category by category. When the engine's build failed only `build` is compared; when the
 * simulator's failed but the engine's did not, every other category is a disagreement. Legacy history
 * entries whose layer depends on file changes (`layerDependsOnChanges`) are compared by `created_by` only,
 * and then `layers` is skipped.
 */
export function compare(engine: EngineObservation, sim: SimObservation): Verdict[] {
  const out: Verdict[] = [];
  const push = (category: Category, e: unknown, s: unknown, eq = same, note?: string): void => {
    out.push({ category, agree: eq(e, s), engine: e, simulator: s, ...(note !== undefined ? { note } : {}) });
  };
  const skip = (category: Category, e: unknown, s: unknown, note: string): void => {
    out.push({ category, agree: null, engine: e, simulator: s, note });
  };
  push("build", engine.build, sim.build);
  if (!engine.build.ok || engine.config === null) return out;
  const noImage = "(no image: the simulated build failed)";
  for (const f of CONFIG_FIELDS) push(f, engine.config[f], sim.config === null ? noImage : sim.config[f]);
  push("Author", engine.author, sim.config === null ? noImage : sim.author);

  const eruns = engine.runs ?? [];
  const sruns = sim.runs;
  const part = (r: ObservedRun | undefined, k: "argv" | "env" | "workdir" | "user"): unknown => {
    if (r === undefined) return "(missing)";
    if (!r.ok) return k === "argv" ? { error: r.error } : "(no container)";
    if (k === "argv") return [r.path, ...r.args];
    if (k === "env") return [...r.env].sort();
    return r[k];
  };
  for (const k of ["argv", "env", "workdir", "user"] as const) {
    const e = eruns.map((r) => part(r, k));
    const s = sruns === null ? noImage : eruns.map((_, i) => part(sruns[i], k));
    push(`run ${k}`, e, s);
  }

  if (sim.history === null || engine.history === null) {
    push("history", engine.history, noImage);
    push("layers", engine.layers, noImage);
    return out;
  }
  if (sim.baseHistory === null) {
    skip("history", engine.history, sim.history, "base image history length unknown");
  } else {
    const e = engine.history.slice(sim.baseHistory);
    const loose = sim.history.map((h) => h.dependsOnChanges);
    const view = (hs: { created_by: string; empty_layer: boolean }[]): unknown =>
      hs.map((h, i) => (loose[i] === true ? { created_by: h.created_by } : { created_by: h.created_by, empty_layer: h.empty_layer }));
    push("history", view(e), view(sim.history.map(({ created_by, empty_layer }) => ({ created_by, empty_layer }))));
  }
  if (sim.history.some((h) => h.dependsOnChanges)) skip("layers", engine.layers, sim.layers, "a legacy step's layer depends on file changes");
  else push("layers", engine.layers, sim.layers);
  return out;
}

/**
 * How a compared case counts: `agree` (every compared category agrees), `known` (it diverges, but the
 * simulator warned `simulator/known-divergence` for this builder: reported apart, not a failure), or
 * `diverge`.
 */
export function classifyCase(verdicts: readonly Verdict[], sim: Pick<SimObservation, "known">): "agree" | "known" | "diverge" {
  if (firstDivergence(verdicts) === null) return "agree";
  return sim.known.length > 0 ? "known" : "diverge";
}

/** The first disagreeing category of a comparison, or null when everything compared agrees. */
export function firstDivergence(v: readonly Verdict[]): Verdict | null {
  return v.find((x) => x.agree === false) ?? null;
}

// ---------------------------------------------------------------------------------------------------------
// Cases
// ---------------------------------------------------------------------------------------------------------

/** The harness's view of a generated case. */
export function toOracleCase(g: GenCase): OracleCase {
  return {
    dockerfile: renderDockerfile(g),
    ...(Object.keys(g.buildArgs).length > 0 ? { buildArgs: { ...g.buildArgs } } : {}),
    ...(g.target !== undefined ? { target: g.target } : {}),
    runs: g.runs.map((r) => ({ ...r, ...(r.args ? { args: [...r.args] } : {}), ...(r.env ? { env: [...r.env] } : {}) })),
  };
}

/** The generated cases of a run: deterministic in `seed`. */
export function generateCases(runs: number, seed: number, options: CaseArbOptions = {}): GenCase[] {
  return fc.sample(caseArb(options), { numRuns: runs, seed });
}

/** How one builder's cases are built: builds at once, and (BuildKit) cases per `docker buildx bake`. */
export interface BuildPlan {
  concurrency: number;
  bake: number;
}

/**
 * Default {@link BuildPlan} per builder, measured on the 2-core CI machines with both builders running at
 * once (docs/oracle.md, "Throughput"): BuildKit is CPU-bound, and two bakes of 8 cases keep it busy; the
 * classic builder waits about a second per step (the vfs driver's diff sleeps to the next second before a
 * commit), so it needs many builds at once to use the CPU.
 */
export const DEFAULT_PLAN: Readonly<Record<OracleBuilder, BuildPlan>> = {
  buildkit: { concurrency: 2, bake: 8 },
  legacy: { concurrency: 24, bake: 1 },
};

/**
 * Builds by `plan`, then rebuilds (one at a time, up to twice) the transient failures. With a bake plan the
 * cases the simulator expects to fail are built alone (a failing target stops its whole bake); that choice
 * only affects speed, never a result (see `buildCases`).
 */
async function buildRobust(engine: Engine, cases: readonly OracleCase[], builder: OracleBuilder, plan: BuildPlan, env: SimEnv): Promise<OracleResult[]> {
  const alone = (c: OracleCase): boolean => observeSimulator({ ...c, runs: [] }, builder, env).build.ok === false;
  const results = await buildCases(engine, cases, builder, { concurrency: plan.concurrency, bake: plan.bake, alone });
  for (let attempt = 0; attempt < 2; attempt++) {
    const again = results.flatMap((r, i) => (isTransient(r) ? [i] : []));
    if (again.length === 0) break;
    const redo = await buildCases(engine, again.map((i) => cases[i]!), builder, { concurrency: 1 });
    again.forEach((i, k) => (results[i] = redo[k]!));
  }
  return results;
}

/** History length of each base image (`docker image history`), by `FROM` reference. */
export async function baseHistoryLengths(engine: Engine, refs: readonly string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  const socket = apiSocket(engine);
  await Promise.all(
    refs.map(async (ref) => {
      if (socket !== null) {
        const r = await api(socket, "GET", `/images/${ref}/history`, { timeoutMs: 60_000 });
        if (r.status !== 200) throw new Error(`docker image history ${ref} failed: ${r.error}`);
        out[ref] = (JSON.parse(r.body.toString("utf8")) as unknown[]).length;
        return;
      }
      const r = await runDocker(engine, ["image", "history", "-q", ref], { timeoutMs: 60_000 });
      if (r.code !== 0) throw new Error(`docker image history ${ref} failed: ${r.stderr}`);
      out[ref] = r.stdout.toString("utf8").trim().split("\n").filter((l) => l.trim() !== "").length;
    }),
  );
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Regression fixtures
// ---------------------------------------------------------------------------------------------------------

/** Default directory of the regression fixtures. */
export const REGRESSIONS_DIR = new URL("../fixtures/regressions/", import.meta.url).pathname;

/**
 * A divergence found by a differential run, kept as a permanent regression: the (shrunk) case, what the
 * engine did, and everything needed to simulate it without Docker. `status` is `open` while the simulator
 * still disagrees (the fixtures spec then expects the disagreement, so a fix is noticed) and `fixed` once it
 * agrees (the spec then requires full agreement).
 */
export interface RegressionFixture {
  id: string;
  status: "open" | "fixed";
  /** `docker version .Server.Version` of the engine that built it. */
  engine: string;
  recordedAt: string;
  builder: OracleBuilder;
  /** The category that diverged when it was found (others may diverge too; see `divergences`). */
  category: Category;
  /** Every disagreeing category at recording time: engine value vs simulator value. */
  divergences: { category: Category; engine: unknown; simulator: unknown }[];
  dockerfile: string;
  buildArgs: Record<string, string>;
  target: string | null;
  runs: RunOverrides[];
  observed: EngineObservation;
  /** Trimmed `docker image inspect` of the base images the case mentions, by `FROM` reference. */
  bases: Record<string, Record<string, unknown>>;
  /** History lengths of those base images. */
  baseHistory: Record<string, number>;
}

/** The {@link OracleCase} of a fixture. */
export function fixtureCase(f: RegressionFixture): OracleCase {
  return { dockerfile: f.dockerfile, buildArgs: f.buildArgs, ...(f.target !== null ? { target: f.target } : {}), runs: f.runs };
}

/** Every fixture in `dir` (sorted by file name). */
export function loadFixtures(dir = REGRESSIONS_DIR): { file: string; fixture: RegressionFixture }[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
  } catch {
    return [];
  }
  return files.map((file) => ({ file, fixture: JSON.parse(readFileSync(join(dir, file), "utf8")) as RegressionFixture }));
}

/** Compares a fixture's recorded engine result with the simulator now. */
export function checkFixture(f: RegressionFixture): Verdict[] {
  const env = simEnv(f.bases, f.baseHistory);
  return compare(f.observed, observeSimulator(fixtureCase(f), f.builder, env));
}

function fixtureId(builder: OracleBuilder, category: Category, c: OracleCase): string {
  const h = createHash("sha256").update(JSON.stringify([builder, c.dockerfile, c.buildArgs ?? {}, c.target ?? null, c.runs ?? []])).digest("hex");
  return `${builder}-${category.replace(/\s+/g, "-").toLowerCase()}-${h.slice(0, 10)}`;
}

/** Writes a fixture (`<id>.json`); returns its path. An existing fixture with the same id is left as is. */
export function writeFixture(dir: string, f: RegressionFixture): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${f.id}.json`);
  try {
    readFileSync(path);
    return path;
  } catch {
    writeFileSync(path, JSON.stringify(f, null, 2) + "\n");
    return path;
  }
}

// ---------------------------------------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------------------------------------

/** A divergence after shrinking. */
export interface Divergence {
  builder: OracleBuilder;
  category: Category;
  /** The shrunk case. */
  case: OracleCase;
  engine: unknown;
  simulator: unknown;
  /** Every disagreeing category of the shrunk case. */
  all: Verdict[];
  /** Real builds spent shrinking. */
  shrinkBuilds: number;
  /** Where the fixture was written (undefined when fixtures were not written). */
  fixture?: string;
  /** How many generated cases diverged in this (builder, category) before shrinking. */
  occurrences: number;
}

/** Options of {@link runDifferential}. */
export interface DifferentialOptions {
  runs: number;
  seed: number;
  builders?: readonly OracleBuilder[];
  /**
   * How each builder's cases are built ({@link BuildPlan}: builds at once, BuildKit cases per bake);
   * missing fields come from {@link DEFAULT_PLAN}. The builders run at the same time.
   */
  plan?: Partial<Record<OracleBuilder, Partial<BuildPlan>>>;
  /** Most real builds spent shrinking one divergence (default 200; candidates are built a chunk at a time). */
  maxShrinkBuilds?: number;
  /** Most distinct (builder, category) divergences shrunk per run (default 8); the rest are counted only. */
  maxShrunk?: number;
  /** Where to write regression fixtures; null: do not write (default {@link REGRESSIONS_DIR}). */
  fixturesDir?: string | null;
  /**
   * What the simulator is told of the base images' files: their user databases (default), or all of
   * them as the engine exports them (`engine`).
   */
  baseFiles?: "user-db" | "engine";
  generator?: CaseArbOptions;
  log?: (line: string) => void;
}

/** Agreement of one builder in one category. */
export interface Tally {
  agree: number;
  disagree: number;
  skipped: number;
}

/** What a differential run found. */
export interface DifferentialResult {
  engine: string;
  seed: number;
  cases: number;
  /** Per builder: what it found and how long it took ({@link BuilderRun}). */
  builders: Partial<Record<OracleBuilder, BuilderRun>>;
  divergences: Divergence[];
  /** Every generated case that diverged, unshrunk, with its disagreeing verdicts (for triage; `--json`). */
  divergentCases: { builder: OracleBuilder; index: number; category: Category; case: OracleCase; disagree: Verdict[] }[];
  /**
   * Generated cases that diverged where the simulator had warned `simulator/known-divergence` for that
   * builder (with the warnings' messages): reported, not shrunk, and not failures.
   */
  knownCases: { builder: OracleBuilder; index: number; category: Category; case: OracleCase; disagree: Verdict[]; known: string[] }[];
  /** Wall-clock ms of the whole run: base images, every builder's builds and shrinking (builders run at once). */
  wallMs: number;
}

/** One builder's part of a differential run. */
export interface BuilderRun {
  tallies: Record<Category, Tally>;
  /** Wall-clock ms from the first to the last build of the generated cases (the other builder ran meanwhile). */
  buildMs: number;
  /** Wall-clock ms spent shrinking this builder's divergences. */
  shrinkMs: number;
  /** Cases whose every compared category agreed. */
  agreedCases: number;
  /** Cases that diverged where the simulator warned it may (`simulator/known-divergence`); not failures. */
  knownCases: number;
  /** Cases whose real build succeeded. */
  builtOk: number;
  /** Cases whose image came out of a `docker buildx bake` (the others had their own `docker build`). */
  baked: number;
  plan: BuildPlan;
}

function emptyTallies(): Record<Category, Tally> {
  return Object.fromEntries(CATEGORIES.map((c) => [c, { agree: 0, disagree: 0, skipped: 0 }])) as Record<Category, Tally>;
}

/** Trimmed inspect JSON and history lengths of the bases a case mentions (`oracle/<name>` in its text or args). */
function basesOf(c: OracleCase, bases: ReadonlyMap<string, unknown>, history: Readonly<Record<string, number>>): Pick<RegressionFixture, "bases" | "baseHistory"> {
  const text = c.dockerfile + JSON.stringify(c.buildArgs ?? {});
  const out: Pick<RegressionFixture, "bases" | "baseHistory"> = { bases: {}, baseHistory: {} };
  for (const [ref, json] of bases) {
    const name = ref.replace(/^oracle\//, "").replace(/:latest$/, "");
    const used = text.includes(`oracle/${name}`) || (/oracle\/\$\{?BASE/.test(text) && new RegExp(`\\b${name}\\b`).test(text));
    if (!used) continue;
    out.bases[ref] = trimInspect(json);
    if (history[ref] !== undefined) out.baseHistory[ref] = history[ref];
  }
  return out;
}

/** The fixture of a shrunk divergence. */
function fixtureOf(engine: Engine, builder: OracleBuilder, category: Category, d: Shrunk, bases: ReadonlyMap<string, unknown>, history: Readonly<Record<string, number>>): RegressionFixture {
  return {
    id: fixtureId(builder, category, d.case),
    status: "open",
    engine: engine.serverVersion,
    recordedAt: new Date().toISOString(),
    builder,
    category,
    divergences: d.all.map((v) => ({ category: v.category, engine: v.engine, simulator: v.simulator })),
    dockerfile: d.case.dockerfile,
    buildArgs: d.case.buildArgs ?? {},
    target: d.case.target ?? null,
    runs: d.case.runs ?? [],
    observed: d.observed,
    ...basesOf(d.case, bases, history),
  };
}

/**
 * Generates `runs` cases from `seed`, builds each with every builder (the builders at the same time, each
 * by its {@link BuildPlan}), compares with the simulator, shrinks the divergences (at most `maxShrunk`
 * distinct (builder, category) ones per builder, `maxShrinkBuilds` builds each) and writes them as
 * regression fixtures.
 */
export async function runDifferential(engine: Engine, o: DifferentialOptions): Promise<DifferentialResult> {
  const started = performance.now();
  const log = o.log ?? (() => {});
  const builders = o.builders ?? BUILDERS;
  const maxShrinkBuilds = o.maxShrinkBuilds ?? 200;
  const maxShrunk = o.maxShrunk ?? 8;
  const fixturesDir = o.fixturesDir === undefined ? REGRESSIONS_DIR : o.fixturesDir;

  const bases = await ensureBaseImages(engine);
  const history = await baseHistoryLengths(engine, [...bases.keys()]);
  const env = simEnv(bases, history, o.baseFiles === "engine" ? await engineBaseFiles(engine, bases.keys()) : undefined);
  const gen = generateCases(o.runs, o.seed, o.generator);
  for (const g of gen) {
    const bad = unresolvedNames(g);
    if (bad.length > 0) throw new Error(`generator bug: a case names images or stages that do not exist (${bad.join(", ")}):\n${renderDockerfile(g)}`);
  }
  const cases = gen.map(toOracleCase);
  const result: DifferentialResult = { engine: engine.serverVersion, seed: o.seed, cases: cases.length, builders: {}, divergences: [], divergentCases: [], knownCases: [], wallMs: 0 };

  const runBuilder = async (builder: OracleBuilder): Promise<Divergence[]> => {
    const plan: BuildPlan = { ...DEFAULT_PLAN[builder], ...o.plan?.[builder] };
    const t0 = performance.now();
    const built = await buildRobust(engine, cases, builder, plan, env);
    const buildMs = performance.now() - t0;
    const tallies = emptyTallies();
    let agreedCases = 0;
    let knownCases = 0;
    let builtOk = 0;
    const found = new Map<Category, { index: number; count: number }>();
    built.forEach((r, i) => {
      if (r.build.ok) builtOk++;
      const sim = observeSimulator(cases[i]!, builder, env);
      const verdicts = compare(observeEngine(r), sim);
      for (const v of verdicts) {
        const t = tallies[v.category];
        if (v.agree === null) t.skipped++;
        else if (v.agree) t.agree++;
        else t.disagree++;
      }
      const first = firstDivergence(verdicts);
      const outcome = classifyCase(verdicts, sim);
      if (first === null || outcome === "agree") agreedCases++;
      else if (outcome === "known") {
        knownCases++;
        result.knownCases.push({ builder, index: i, category: first.category, case: cases[i]!, disagree: verdicts.filter((v) => v.agree === false), known: sim.known });
      } else {
        result.divergentCases.push({ builder, index: i, category: first.category, case: cases[i]!, disagree: verdicts.filter((v) => v.agree === false) });
        const f = found.get(first.category);
        if (f) f.count++;
        else found.set(first.category, { index: i, count: 1 });
      }
    });
    const baked = built.filter((r) => r.via === "bake").length;
    const run: BuilderRun = { tallies, buildMs, shrinkMs: 0, agreedCases, knownCases, builtOk, baked, plan };
    result.builders[builder] = run;
    log(
      `${builder}: ${cases.length} cases built in ${(buildMs / 1000).toFixed(1)} s (${((cases.length * 60_000) / buildMs).toFixed(1)} cases/min; ` +
        `${plan.concurrency} at once${builder === "buildkit" && plan.bake > 1 ? `, ${plan.bake} per bake, ${baked} baked` : ""}), ${agreedCases} agree in every category` +
        (knownCases > 0 ? `, ${knownCases} known divergence(s)` : ""),
    );

    const out: Divergence[] = [];
    const s0 = performance.now();
    let shrunk = 0;
    for (const [category, { index, count }] of found) {
      if (shrunk >= maxShrunk) {
        out.push({ builder, category, case: cases[index]!, engine: null, simulator: null, all: [], shrinkBuilds: 0, occurrences: count });
        continue;
      }
      shrunk++;
      log(`${builder}: shrinking a ${category} divergence (${count} case(s))…`);
      const d = await shrink(engine, builder, env, gen[index]!, category, maxShrinkBuilds, plan);
      const div: Divergence = { builder, category, case: d.case, engine: d.verdict.engine, simulator: d.verdict.simulator, all: d.all, shrinkBuilds: d.builds, occurrences: count };
      if (fixturesDir !== null) div.fixture = writeFixture(fixturesDir, fixtureOf(engine, builder, category, d, bases, history));
      out.push(div);
    }
    run.shrinkMs = performance.now() - s0;
    return out;
  };

  const found = await Promise.all(builders.map(runBuilder));
  result.divergences = found.flat();
  result.wallMs = performance.now() - started;
  return result;
}

/**
 * Builds one hand-written case with each builder, compares it, and (when `fixturesDir` is not null) writes a
 * regression fixture for every builder on which it diverges. For recording a reproducer minimised by hand.
 */
export async function checkOne(
  engine: Engine,
  c: OracleCase,
  builders: readonly OracleBuilder[] = BUILDERS,
  fixturesDir: string | null = REGRESSIONS_DIR,
  baseFiles: DifferentialOptions["baseFiles"] = "user-db",
): Promise<Divergence[]> {
  const bases = await ensureBaseImages(engine);
  const history = await baseHistoryLengths(engine, [...bases.keys()]);
  const env = simEnv(bases, history, baseFiles === "engine" ? await engineBaseFiles(engine, bases.keys()) : undefined);
  const out: Divergence[] = [];
  for (const builder of builders) {
    const observed = observeEngine(await buildCase(engine, c, builder));
    const verdicts = compare(observed, observeSimulator(c, builder, env));
    const first = firstDivergence(verdicts);
    if (first === null) continue;
    const all = verdicts.filter((v) => v.agree === false);
    const d: Divergence = { builder, category: first.category, case: c, engine: first.engine, simulator: first.simulator, all, shrinkBuilds: 0, occurrences: 1 };
    if (fixturesDir !== null) {
      d.fixture = writeFixture(fixturesDir, {
        id: fixtureId(builder, first.category, c),
        status: "open",
        engine: engine.serverVersion,
        recordedAt: new Date().toISOString(),
        builder,
        category: first.category,
        divergences: all.map((v) => ({ category: v.category, engine: v.engine, simulator: v.simulator })),
        dockerfile: c.dockerfile,
        buildArgs: c.buildArgs ?? {},
        target: c.target ?? null,
        runs: c.runs ?? [],
        observed,
        ...basesOf(c, bases, history),
      });
    }
    out.push(d);
  }
  return out;
}

/** A shrunk divergence. */
interface Shrunk {
  case: OracleCase;
  verdict: Verdict;
  all: Verdict[];
  observed: EngineObservation;
  builds: number;
}

/**
 * Greedy shrinking by real builds: tries {@link shrinkCandidates} in order, keeps the first that still
 * diverges in `category`, and starts again from it, until no candidate does or `maxBuilds` is spent.
 * Candidates are built a chunk at a time by `plan` (as many as it builds at once); the first of the chunk,
 * in candidate order, that still diverges is kept, so the result does not depend on the chunk size except
 * through the build budget.
 */
async function shrink(
  engine: Engine,
  builder: OracleBuilder,
  env: SimEnv,
  start: GenCase,
  category: Category,
  maxBuilds: number,
  plan: BuildPlan,
): Promise<Shrunk> {
  // A candidate must diverge in the same category *the same way*: for `build`, with the same engine
  // outcome (success, or an error starting alike), so shrinking does not slip to another failure.
  const errHead = (v: Verdict | undefined): string => {
    const b = v?.engine as { ok: boolean; error?: string } | undefined;
    return b === undefined ? "" : b.ok ? "ok" : (b.error ?? "").replace(/line \d+/g, "line N").slice(0, 40);
  };
  let wanted = "";
  // A candidate the simulator warns about (`simulator/known-divergence`) is a known divergence, not this one.
  const still = (verdicts: Verdict[], known: readonly string[] = []): boolean => {
    if (known.length > 0) return false;
    const v = verdicts.find((x) => x.category === category && x.agree === false);
    if (v === undefined) return false;
    return category !== "build" || errHead(v) === wanted;
  };
  const attempt = async (gs: readonly GenCase[]): Promise<{ verdicts: Verdict[]; observed: EngineObservation; known: string[] }[]> => {
    const ocs = gs.map(toOracleCase);
    const rs = await buildRobust(engine, ocs, builder, plan, env);
    return rs.map((r, i) => {
      const observed = observeEngine(r);
      const sim = observeSimulator(ocs[i]!, builder, env);
      return { verdicts: compare(observed, sim), observed, known: sim.known };
    });
  };
  let builds = 1;
  let current = start;
  let best = (await attempt([start]))[0]!;
  wanted = errHead(best.verdicts.find((x) => x.category === category));
  if (!still(best.verdicts)) {
    // Not reproducible (flaky?): report it unshrunk.
    const v = best.verdicts.find((x) => x.category === category) ?? { category, agree: false, engine: null, simulator: null };
    return { case: toOracleCase(start), verdict: v, all: best.verdicts.filter((x) => x.agree === false), observed: best.observed, builds };
  }
  const chunk = Math.max(1, plan.concurrency * (builder === "buildkit" ? Math.max(1, plan.bake) : 1));
  let progress = true;
  while (progress && builds < maxBuilds) {
    progress = false;
    const candidates = shrinkCandidates(current);
    for (let at = 0; at < candidates.length && builds < maxBuilds && !progress; at += chunk) {
      const batch = candidates.slice(at, at + Math.min(chunk, maxBuilds - builds));
      builds += batch.length;
      const rs = await attempt(batch);
      const k = rs.findIndex((r) => still(r.verdicts, r.known));
      if (k >= 0) {
        current = batch[k]!;
        best = rs[k]!;
        progress = true;
      }
    }
  }
  const verdict = best.verdicts.find((v) => v.category === category)!;
  return { case: toOracleCase(current), verdict, all: best.verdicts.filter((v) => v.agree === false), observed: best.observed, builds };
}
