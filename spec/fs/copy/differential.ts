/**
 * Differential test of COPY/ADD/WORKDIR files against real builds, over generated cases
 * (`spec/oracle/generators/context.ts`): each case is built with the harness (`harness.ts`: history,
 * layer count, `docker export` listing), turned into a {@link FixtureCase} and compared by
 * {@link compareCase} — the same rules (and the same "unknowable" handling) as the recorded fixture
 * `spec/fixtures/engine-28.5/copy-add.json`. A divergence is shrunk by fast-check (`fc.check` replaying the
 * diverging run, with a property that builds for real, capped at a number of builds) to a minimal
 * reproducer, printed with a ready-to-paste `cases.ts` entry.
 *
 * Which paths are compared: every top-level entry either side has (the engine's `docker export` of `/`,
 * the simulator's `/`), except what the container's init layer makes (`/.dockerenv`, `/dev`, `/proc`,
 * `/sys`, `/etc`), plus `/etc/passwd` and `/etc/group`.
 *
 * Node-side; importing needs no engine, {@link runCopyDifferential} does.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { listFiles } from "../../../src/fs/vfs/list-tree.js";
import type { Simulation } from "../../../src/simulate.js";
import type { Engine, OracleBuilder } from "../../oracle/engine.js";
import { BASE_TAGS, copyCaseArb, renderCase, TAGS, type CopyCaseOptions, type CopyGenCase, type CopyTag, type RenderedCopyCase } from "../../oracle/generators/context.js";
import { makeArchive } from "./archives.js";
import type { CaseContextValue } from "./cases.js";
import { COPY_BASE_REF, copyBaseImages, type CopyBase } from "./base-image.js";
import { compareCase, simulateCase, type CaseComparison, type CopyDivergence, type FixtureCase } from "./compare.js";
import { buildAndExport, type BuildResult, type FixtureContextValue } from "./harness.js";

/** Every coverage tag a case may have, base-image ones last. */
const ALL_TAGS: readonly CopyTag[] = [...TAGS, ...BASE_TAGS];

/** The builders, in report order. */
export const COPY_BUILDERS: readonly OracleBuilder[] = ["buildkit", "legacy"];

/** The compared categories of {@link compareCase}. */
export const COPY_CATEGORIES = ["build", "history", "layers", "files"] as const;
export type CopyCategory = (typeof COPY_CATEGORIES)[number];

// ---------------------------------------------------------------------------------------------------------
// One case

const archiveCache = new Map<string, string>();

/** The context of a rendered case as fixture values (archives made into bytes, base64). */
export function fixtureContext(context: Readonly<Record<string, CaseContextValue>>): Record<string, FixtureContextValue> {
  const out: Record<string, FixtureContextValue> = {};
  for (const [k, v] of Object.entries(context)) {
    if (typeof v === "object" && "archive" in v) {
      const key = JSON.stringify(v.archive);
      let base64 = archiveCache.get(key);
      if (base64 === undefined) {
        base64 = makeArchive(v.archive).toString("base64");
        archiveCache.set(key, base64);
      }
      out[k] = v.mode === undefined ? { base64 } : { base64, mode: v.mode };
    } else out[k] = v;
  }
  return out;
}

/** Top-level entries the container's init layer makes (never compared). */
const INIT_TOPS = new Set(["/.dockerenv", "/dev", "/proc", "/sys", "/etc"]);
/** Entries under `/etc` that are compared (the rest of `/etc` is the init layer's). */
const ETC_PATHS = ["/etc/group", "/etc/passwd"];

const top = (p: string): string => "/" + p.split("/")[1]!;

/** Simulates a fixture case the way {@link compareCase} does. */
function simulateFixture(fixture: FixtureCase, builder: OracleBuilder, base: CopyBase | undefined): Simulation {
  return simulateCase(fixture, builder, base === undefined ? {} : { images: copyBaseImages(base) });
}

/** BuildKit's "source not found" error (computing the cache key of a context or stage source). */
const BUILDKIT_NOT_FOUND = /^failed to compute cache key: failed to calculate checksum of ref <ref>: (".*": not found|too many links)$/;

/** Whether a build error looks like the daemon's trouble rather than the Dockerfile's. */
const TRANSIENT = /failed to get digest sha256:[0-9a-f]+: open .*: no such file or directory|No such image|failed to register layer|device or resource busy/;

async function buildOnce(engine: Engine, builder: OracleBuilder, dockerfile: string, context: Record<string, FixtureContextValue>, base: CopyBase | undefined): Promise<BuildResult> {
  for (let attempt = 0; ; attempt++) {
    try {
      const r = await buildAndExport(engine, builder, dockerfile, context, ["/"], base === undefined ? {} : { baseHistory: base.history });
      if (r.ok || !TRANSIENT.test(r.error) || attempt >= 1) return r;
    } catch (e) {
      if (attempt >= 1) throw e;
    }
  }
}

/** One generated case checked with one builder. */
export interface CopyCheck {
  readonly builder: OracleBuilder;
  readonly rendered: RenderedCopyCase;
  /** The case as the fixture would record it (only `builder`'s result is real). */
  readonly fixture: FixtureCase;
  /** The comparison, less the {@link known} divergences. */
  readonly comparison: CaseComparison;
  /**
   * Divergences the simulator announced: it emitted `simulator/known-divergence` for this builder on
   * this case (a rule it knowingly does not follow, docs/semantics/copy-add.md). Reported, not failing.
   */
  readonly known: readonly CopyDivergence[];
}

/**
 * The {@link FixtureCase} of a rendered case built with `builder` (`raw`: what the harness read with
 * paths `["/"]`), and its comparison with the simulator by {@link compareCase}. The compared paths are the
 * top-level entries of the engine's and the simulator's results, except the container's init layer
 * (`/.dockerenv`, `/dev`, `/proc`, `/sys`, `/etc`), plus `/etc/passwd` and `/etc/group`.
 *
 * One rule beyond `compareCase`: when several context sources are missing, BuildKit computes their
 * checksums concurrently and reports whichever fails first — it varies from run to run (seen with
 * `COPY missing1 /` + `COPY missing2 /`: either one). A BuildKit "not found" error that the simulator
 * also reports for a later instruction (an error diagnostic) while its own first error is another "not
 * found" is therefore unknowable, not a divergence.
 *
 * A case whose simulation emitted `simulator/known-divergence` for this builder has its divergences
 * moved to {@link CopyCheck.known}: counted and reported, not failing. Without that warning every
 * divergence fails.
 *
 * With `base` (a case on {@link COPY_BASE_REF}), the simulator is told that image with all its files,
 * and `raw`'s history starts after the image's own.
 */
export function assembleCheck(rendered: RenderedCopyCase, builder: OracleBuilder, raw: BuildResult, id = "generated", base?: CopyBase): CopyCheck {
  const context = fixtureContext(rendered.context);
  const fixture: FixtureCase = {
    id,
    title: "generated case",
    dockerfile: rendered.dockerfile,
    context: { ...context, Dockerfile: { content: rendered.dockerfile, mode: 0o644 } },
    paths: [],
    results: { buildkit: { ok: false, error: "(not built)" }, legacy: { ok: false, error: "(not built)" } },
    ...(base === undefined ? {} : { base: { image: COPY_BASE_REF, history: base.history, layers: base.image.layers ?? 0 } }),
  };
  const sim = simulateFixture(fixture, builder, base);
  const tops = new Set<string>();
  if (sim.error === null && sim.stage !== null) {
    for (const e of listFiles(sim.stage.files, "/").entries) if (e.path !== "/") tops.add(top(e.path));
  }
  if (raw.ok) for (const f of raw.files) tops.add(top(f.path));
  const paths = [...[...tops].filter((t) => !INIT_TOPS.has(t)), ...ETC_PATHS].sort();
  const under = (p: string): boolean => paths.some((r) => p === r || p.startsWith(r + "/"));
  fixture.paths = paths;
  fixture.results[builder] = raw.ok ? { ...raw, files: raw.files.filter((f) => under(f.path)) } : raw;
  let comparison = compareCase(fixture, builder, base === undefined ? {} : { images: copyBaseImages(base) });
  const d = comparison.divergences[0];
  if (
    builder === "buildkit" &&
    !raw.ok &&
    d?.category === "build" &&
    BUILDKIT_NOT_FOUND.test(raw.error) &&
    sim.error !== null &&
    BUILDKIT_NOT_FOUND.test(sim.error.message) &&
    sim.diagnostics.some((x) => x.severity === "error" && x.message === raw.error)
  ) {
    comparison = {
      ...comparison,
      divergences: comparison.divergences.slice(1),
      unknowable: [...comparison.unknowable, "build: BuildKit reports one of several missing sources, whichever its concurrent checksums fail first"],
    };
  }
  if (comparison.divergences.length > 0 && comparison.knownDivergence.length > 0) {
    return { builder, rendered, fixture, comparison: { ...comparison, divergences: [] }, known: comparison.divergences };
  }
  return { builder, rendered, fixture, comparison, known: [] };
}

/** Builds a rendered case with `builder` on the engine and compares it with the simulator ({@link assembleCheck}; `base` for cases on {@link COPY_BASE_REF}). */
export async function checkCopyCase(engine: Engine, rendered: RenderedCopyCase, builder: OracleBuilder, id = "generated", base?: CopyBase): Promise<CopyCheck> {
  const raw = await buildOnce(engine, builder, rendered.dockerfile, fixtureContext(rendered.context), base);
  return assembleCheck(rendered, builder, raw, id, base);
}

/** Checks a rendered case with each of `builders` (both by default). */
export async function checkCopyCaseWith(engine: Engine, rendered: RenderedCopyCase, builders: readonly OracleBuilder[] = COPY_BUILDERS): Promise<CopyCheck[]> {
  const out: CopyCheck[] = [];
  for (const b of builders) out.push(await checkCopyCase(engine, rendered, b));
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Reproducers

const key = (f: unknown): string => JSON.stringify(f);

/** A divergence made short: for files, only the entries one side has and the other has not. */
export function describeCopyDivergence(d: CopyDivergence): string[] {
  if (d.category === "files" && Array.isArray(d.engine) && Array.isArray(d.simulator)) {
    const e = new Set((d.engine as Record<string, unknown>[]).map((f) => key(sortKeys(f))));
    const s = new Set((d.simulator as Record<string, unknown>[]).map((f) => key(sortKeys(f))));
    return [
      `files: engine only    ${[...e].filter((x) => !s.has(x)).join("\n                      ") || "-"}`,
      `       simulator only ${[...s].filter((x) => !e.has(x)).join("\n                      ") || "-"}`,
    ];
  }
  return [`${d.category}: engine ${JSON.stringify(d.engine)}`, `${" ".repeat(d.category.length)}  sim    ${JSON.stringify(d.simulator)}`];
}

function sortKeys(f: Record<string, unknown>): Record<string, unknown> {
  const order = ["path", "type", "mode", "uid", "gid", "size", "sha256", "target", "hardlink"];
  const out: Record<string, unknown> = {};
  for (const k of [...order, ...Object.keys(f).filter((k) => !order.includes(k)).sort()]) {
    if (f[k] === undefined) continue;
    out[k] = k === "mode" && typeof f[k] === "number" ? `0${(f[k] as number).toString(8)}` : f[k];
  }
  return out;
}

function tsValue(v: unknown): string {
  return JSON.stringify(v, (k, x: unknown) => (k === "mode" && typeof x === "number" ? `__0o${x.toString(8)}__` : x)).replace(/"__(0o[0-7]+)__"/g, "$1");
}

/** A `cases.ts` entry (`add(…)` call) for a rendered case. */
export function asCopyCase(id: string, title: string, c: RenderedCopyCase, paths: readonly string[]): string {
  const ctx = Object.fromEntries(Object.entries(c.context).filter(([k]) => k !== "Dockerfile"));
  return `add(${JSON.stringify(id)}, ${JSON.stringify(title)}, ${JSON.stringify(c.dockerfile)}, ${tsValue(ctx)}, ${JSON.stringify(paths)});`;
}

// ---------------------------------------------------------------------------------------------------------
// The run

/** Agreement in one category: compared cases that agreed and disagreed. */
export interface CategoryTally {
  agree: number;
  disagree: number;
}

/** What one builder's part of a run found. */
export interface CopyBuilderResult {
  cases: number;
  /** Cases without any divergence. */
  agreed: number;
  /** Cases the engine built successfully. */
  builtOk: number;
  /** Cases where some part was unknowable to the simulator (still counted as agreeing when nothing diverged). */
  withUnknowable: number;
  /** Cases that diverged where the simulator had warned `simulator/known-divergence` (not failing). */
  knownDivergent: number;
  buildMs: number;
  byCategory: Record<CopyCategory, CategoryTally>;
  /** Per generator tag: cases that have it, and how many of them agreed. */
  byTag: Record<CopyTag, { cases: number; agreed: number }>;
  /** The distinct unknowable reasons seen, with counts. */
  unknowable: Record<string, number>;
  /** The engine's build errors, by their start (paths and numbers masked), with counts. */
  errors: Record<string, number>;
}

/** A divergence of a run, shrunk. */
export interface CopyRunDivergence {
  builder: OracleBuilder;
  category: CopyCategory;
  /** Grouping key: category, and for `build` the start of the engine's outcome. */
  signature: string;
  /** Generated cases that diverged with this signature. */
  occurrences: number;
  /** The first generated case that did (its index in the run, for `fc.check` replay). */
  index: number;
  original: RenderedCopyCase;
  /** The shrunk case, or null when it was not shrunk (over budget) or did not reproduce. */
  shrunk: RenderedCopyCase | null;
  /** Divergences of the shrunk case (of the original when not shrunk). */
  divergences: readonly CopyDivergence[];
  /** Paths compared for the shrunk (else original) case. */
  paths: readonly string[];
  shrinkBuilds: number;
  note?: string;
}

/** What {@link runCopyDifferential} found. */
export interface CopyDifferentialResult {
  engine: string;
  seed: number;
  runs: number;
  /** The image the cases start from (`FROM`), or null for `scratch`. */
  base: string | null;
  builders: Partial<Record<OracleBuilder, CopyBuilderResult>>;
  /** The shrunk divergences: one per (builder, signature). */
  divergences: CopyRunDivergence[];
  /** Generated cases that diverged as the simulator warned they might (`simulator/known-divergence`): not failing. */
  known: { builder: OracleBuilder; index: number; warnings: readonly string[]; divergences: readonly CopyDivergence[]; case: RenderedCopyCase }[];
  /** Every diverging generated case, unshrunk (for triage). */
  diverging: { builder: OracleBuilder; index: number; signature: string; case: RenderedCopyCase; paths: readonly string[]; divergences: readonly CopyDivergence[] }[];
}

/** Options of {@link runCopyDifferential}. */
export interface CopyDifferentialOptions {
  runs: number;
  seed: number;
  builders?: readonly OracleBuilder[];
  /** Concurrent builds (default 3). */
  concurrency?: number;
  /** Most real builds spent shrinking one divergence (default 40). */
  maxShrinkBuilds?: number;
  /** Most distinct divergences shrunk per builder (default 5); the others are reported unshrunk. */
  maxShrunk?: number;
  generator?: CopyCaseOptions;
  /**
   * Generate cases on the base image {@link COPY_BASE_REF} (its files as the engine exports them,
   * {@link liveCopyBase}) instead of `scratch`.
   */
  base?: CopyBase;
  log?: (line: string) => void;
}

/** The generator options of a run: its own, plus the base image when the run has one. */
function generatorOptions(o: CopyDifferentialOptions): CopyCaseOptions {
  return o.base === undefined ? (o.generator ?? {}) : { ...o.generator, base: COPY_BASE_REF };
}

/** The generated cases of a run for `builder`: deterministic in `seed`. */
export function generateCopyCases(builder: OracleBuilder, runs: number, seed: number, options: CopyCaseOptions = {}): CopyGenCase[] {
  return fc.sample(copyCaseArb(builder, options), { numRuns: runs, seed });
}

const head = (e: unknown): string =>
  typeof e === "string" && e !== "(build succeeds)" ? `error ${e.replace(/line \d+/g, "line N").replace(/"[^"]*"/g, "…").slice(0, 48)}` : "ok";

/**
 * What kind of divergence this is, to group generated cases and to keep shrinking on the same one:
 * `build` with both outcomes' starts; `files` with the first difference's kind (a path only one side
 * has, or which fields differ); `history` with whether lengths, texts or empty_layer differ.
 */
export function signature(d: CopyDivergence): string {
  if (d.category === "build") return `build: engine ${head(d.engine)} / sim ${head(d.simulator)}`;
  if (d.category === "files" && Array.isArray(d.engine) && Array.isArray(d.simulator)) {
    const e = new Map((d.engine as Record<string, unknown>[]).map((f) => [f.path as string, f]));
    const s = new Map((d.simulator as Record<string, unknown>[]).map((f) => [f.path as string, f]));
    if ([...s.values()].some((f) => f.type === "unknown")) return "files: unknown entries";
    for (const p of [...new Set([...e.keys(), ...s.keys()])].sort()) {
      const a = e.get(p);
      const b = s.get(p);
      if (a === undefined) return "files: simulator-only entry";
      if (b === undefined) return "files: engine-only entry";
      const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k])).sort();
      if (fields.length > 0) return `files: ${fields.join("+")} differ`;
    }
    return "files";
  }
  if (d.category === "history" && Array.isArray(d.engine) && Array.isArray(d.simulator)) {
    const e = d.engine as { created_by: string; empty_layer: boolean }[];
    const s = d.simulator as { created_by: string; empty_layer: boolean }[];
    if (e.length !== s.length) return "history: length";
    return e.some((h, i) => h.created_by !== s[i]!.created_by) ? "history: created_by" : "history: empty_layer";
  }
  return d.category;
}

async function pool<T, R>(items: readonly T[], concurrency: number, f: (x: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await f(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker));
  return out;
}

/**
 * Generates `runs` cases per builder from `seed`, builds and compares each, and shrinks (by real builds)
 * the first case of each distinct divergence signature.
 */
export async function runCopyDifferential(engine: Engine, o: CopyDifferentialOptions): Promise<CopyDifferentialResult> {
  const log = o.log ?? (() => {});
  const builders = o.builders ?? COPY_BUILDERS;
  const concurrency = o.concurrency ?? 3;
  const maxShrinkBuilds = o.maxShrinkBuilds ?? 40;
  const maxShrunk = o.maxShrunk ?? 5;
  const result: CopyDifferentialResult = { engine: engine.serverVersion, seed: o.seed, runs: o.runs, base: o.base === undefined ? null : COPY_BASE_REF, builders: {}, divergences: [], known: [], diverging: [] };

  for (const builder of builders) {
    const gen = generateCopyCases(builder, o.runs, o.seed, generatorOptions(o));
    const t0 = performance.now();
    const checks = await pool(gen, concurrency, (g, i) => checkCopyCase(engine, renderCase(g), builder, `gen-${o.seed}-${i}`, o.base));
    const buildMs = performance.now() - t0;
    const r: CopyBuilderResult = {
      cases: gen.length,
      agreed: 0,
      builtOk: 0,
      withUnknowable: 0,
      knownDivergent: 0,
      buildMs,
      byCategory: Object.fromEntries(COPY_CATEGORIES.map((c) => [c, { agree: 0, disagree: 0 }])) as Record<CopyCategory, CategoryTally>,
      byTag: Object.fromEntries(ALL_TAGS.map((t) => [t, { cases: 0, agreed: 0 }])) as Record<CopyTag, { cases: number; agreed: number }>,
      unknowable: {},
      errors: {},
    };
    const found = new Map<string, { index: number; count: number; category: CopyCategory }>();
    checks.forEach((c, i) => {
      const engineResult = c.fixture.results[builder];
      const bad = new Set(c.comparison.divergences.map((d) => d.category));
      const compared: CopyCategory[] = engineResult.ok && !bad.has("build") ? [...COPY_CATEGORIES] : ["build"];
      if (engineResult.ok) r.builtOk++;
      else {
        const k = engineResult.error.replace(/line \d+/g, "line N").replace(/"[^"]*"|\S*\/\S*/g, "…").slice(0, 70);
        r.errors[k] = (r.errors[k] ?? 0) + 1;
      }
      for (const cat of compared) r.byCategory[cat][bad.has(cat) ? "disagree" : "agree"]++;
      if (bad.size === 0) r.agreed++;
      for (const t of c.rendered.tags) {
        r.byTag[t as CopyTag].cases++;
        if (bad.size === 0) r.byTag[t as CopyTag].agreed++;
      }
      if (c.comparison.unknowable.length > 0) r.withUnknowable++;
      if (c.known.length > 0) {
        r.knownDivergent++;
        result.known.push({ builder, index: i, warnings: c.comparison.knownDivergence, divergences: c.known, case: c.rendered });
      }
      for (const u of c.comparison.unknowable) {
        const k = u.replace(/\/[^\s,]*/g, "<path>").replace(/\d+/g, "N");
        r.unknowable[k] = (r.unknowable[k] ?? 0) + 1;
      }
      const first = c.comparison.divergences[0];
      if (first !== undefined) {
        const sig = signature(first);
        result.diverging.push({ builder, index: i, signature: sig, case: c.rendered, paths: c.fixture.paths, divergences: c.comparison.divergences });
        const f = found.get(sig);
        if (f) f.count++;
        else found.set(sig, { index: i, count: 1, category: first.category });
      }
    });
    result.builders[builder] = r;
    log(`${builder}: ${gen.length} cases in ${(buildMs / 1000).toFixed(1)} s (${((gen.length * 60_000) / buildMs).toFixed(1)} cases/min), ${r.agreed} agree, ${r.builtOk} built`);

    let shrunk = 0;
    for (const [sig, { index, count, category }] of found) {
      const original = checks[index]!;
      const base: CopyRunDivergence = {
        builder,
        category,
        signature: sig,
        occurrences: count,
        index,
        original: original.rendered,
        shrunk: null,
        divergences: original.comparison.divergences,
        paths: original.fixture.paths,
        shrinkBuilds: 0,
      };
      if (shrunk >= maxShrunk || maxShrinkBuilds <= 0) {
        result.divergences.push({ ...base, note: "not shrunk: over the per-run shrink budget" });
        continue;
      }
      shrunk++;
      log(`${builder}: shrinking "${sig}" (${count} case(s), first #${index})…`);
      result.divergences.push(await shrinkDivergence(engine, builder, o, index, sig, maxShrinkBuilds, base));
    }
  }
  return result;
}

/**
 * Shrinks the `index`-th generated case of a run by replaying it with `fc.check` (same seed, `path`) on a
 * property that builds for real and fails while the case still diverges with the same signature. After
 * `maxBuilds` builds the property passes without building, which ends the shrinking.
 */
async function shrinkDivergence(
  engine: Engine,
  builder: OracleBuilder,
  o: CopyDifferentialOptions,
  index: number,
  sig: string,
  maxBuilds: number,
  base: CopyRunDivergence,
): Promise<CopyRunDivergence> {
  let builds = 0;
  let best: CopyCheck | null = null;
  const prop = fc.asyncProperty(copyCaseArb(builder, generatorOptions(o)), async (g) => {
    if (builds >= maxBuilds) return true;
    builds++;
    const c = await checkCopyCase(engine, renderCase(g), builder, "shrunk", o.base);
    const still = c.comparison.divergences.some((d) => signature(d) === sig);
    if (still) best = c;
    return !still;
  });
  await fc.check(prop, { seed: o.seed, numRuns: o.runs, path: String(index) });
  const b = best as CopyCheck | null;
  if (b === null) return { ...base, shrinkBuilds: builds, note: "did not reproduce when rebuilt (flaky?); not shrunk" };
  return { ...base, shrunk: b.rendered, divergences: b.comparison.divergences, paths: b.fixture.paths, shrinkBuilds: builds };
}

// ---------------------------------------------------------------------------------------------------------
// Report

const pct = (a: number, n: number): string => (n === 0 ? "    -" : `${((100 * a) / n).toFixed(1).padStart(5)}%`);

/** One divergence as a self-contained paragraph with its minimal reproducer and a `cases.ts` entry. */
export function describeRunDivergence(d: CopyRunDivergence): string {
  const c = d.shrunk ?? d.original;
  const lines = [`[${d.builder}] ${d.signature} (${d.occurrences} generated case(s), first #${d.index}; shrunk with ${d.shrinkBuilds} build(s))`];
  if (d.note !== undefined) lines.push(`  (${d.note})`);
  lines.push("  Dockerfile:", ...c.dockerfile.replace(/\n$/, "").split("\n").map((l) => `    | ${l}`));
  lines.push(`  context: ${tsValue(c.context)}`);
  for (const x of d.divergences) lines.push(...describeCopyDivergence(x).map((l) => `  ${l}`));
  lines.push(`  as a case: ${asCopyCase(`gen-${d.builder}-${d.category}`, `generated: ${d.signature}`, c, d.paths)}`);
  return lines.join("\n");
}

/** The agreement tables (per category, per tag) and throughput, then every divergence. */
export function formatCopyReport(r: CopyDifferentialResult): string {
  const builders = Object.keys(r.builders) as OracleBuilder[];
  const out: string[] = [`COPY/ADD differential run: engine ${r.engine}, seed ${r.seed}, ${r.runs} generated case(s) per builder, FROM ${r.base ?? "scratch"}`];
  const row = (name: string, cells: string[]): string => [name.padEnd(26), ...cells.map((c) => c.padStart(20))].join(" ");
  out.push(row("category", builders));
  for (const cat of COPY_CATEGORIES) {
    out.push(row(cat, builders.map((b) => {
      const t = r.builders[b]!.byCategory[cat];
      return `${t.agree}/${t.agree + t.disagree} ${pct(t.agree, t.agree + t.disagree)}`;
    })));
  }
  out.push(row("tag (cases agreeing/with it)", builders));
  for (const t of ALL_TAGS) {
    if (builders.every((b) => r.builders[b]!.byTag[t].cases === 0) && (BASE_TAGS as readonly string[]).includes(t)) continue;
    out.push(row(t, builders.map((b) => {
      const x = r.builders[b]!.byTag[t];
      return `${x.agreed}/${x.cases} ${pct(x.agreed, x.cases)}`;
    })));
  }
  for (const b of builders) {
    const x = r.builders[b]!;
    out.push(
      `${b}: ${x.agreed}/${x.cases} cases agree in every category (${x.withUnknowable} with an unknowable part, ${x.knownDivergent} diverging as the simulator warned); ${x.builtOk} built, ${x.cases - x.builtOk} failed to build; ` +
        `${(x.buildMs / 1000).toFixed(1)} s (${((x.cases * 60_000) / Math.max(1, x.buildMs)).toFixed(1)} cases/min)`,
    );
    for (const [u, n] of Object.entries(x.unknowable)) out.push(`  unknowable ×${n}: ${u}`);
    for (const [e, n] of Object.entries(x.errors).sort((a, b) => b[1] - a[1])) out.push(`  engine error ×${n}: ${e}`);
  }
  for (const k of r.known) {
    out.push("", `[${k.builder}] known divergence (generated case #${k.index}), as the simulator warned: ${k.warnings.join("; ")}`);
    for (const x of k.divergences) out.push(...describeCopyDivergence(x).map((l) => `  ${l}`));
  }
  for (const d of r.divergences) out.push("", describeRunDivergence(d));
  return out.join("\n");
}

// ---------------------------------------------------------------------------------------------------------
// Command line: `node --import tsx spec/fs/copy/differential.ts [--runs N] [--seed S] [--builder buildkit|legacy]
// [--concurrency N] [--shrink-builds N] [--max-shrunk N] [--dump diverging.json] [--base]` (engine from DOCKER,
// DOCKER_HOST, DOCKER_CONFIG). Prints the report; exits 1 when something diverged. `--dump` writes every diverging
// case, unshrunk. `--base` generates the cases on the base image `oracle/copy-base` with its files (base-image.ts).

async function main(argv: readonly string[]): Promise<void> {
  const { detectEngine, detectEngineFailure } = await import("../../oracle/engine.js");
  const opt: CopyDifferentialOptions = { runs: 20, seed: 1, log: (l) => process.stderr.write(l + "\n") };
  let builders: OracleBuilder[] = [...COPY_BUILDERS];
  let dump: string | undefined;
  let onBase = false;
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i + 1];
    const num = (): number => {
      i++;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) throw new Error(`${argv[i - 1]} needs a non-negative integer`);
      return n;
    };
    switch (argv[i]) {
      case "--runs": opt.runs = num(); break;
      case "--seed": opt.seed = num(); break;
      case "--concurrency": opt.concurrency = num(); break;
      case "--shrink-builds": opt.maxShrinkBuilds = num(); break;
      case "--max-shrunk": opt.maxShrunk = num(); break;
      case "--base":
        onBase = true;
        break;
      case "--dump":
        dump = argv[++i];
        break;
      case "--builder":
        i++;
        if (v !== "buildkit" && v !== "legacy") throw new Error("--builder is buildkit or legacy");
        builders = [v];
        break;
      default:
        throw new Error(`unknown argument ${String(argv[i])}`);
    }
  }
  const engine = await detectEngine();
  if (engine === null) throw new Error(detectEngineFailure);
  const base = onBase ? await (await import("./base-image.js")).liveCopyBase(engine) : undefined;
  const r = await runCopyDifferential(engine, { ...opt, builders, ...(base === undefined ? {} : { base }) });
  process.stdout.write(formatCopyReport(r) + "\n");
  if (dump !== undefined) (await import("node:fs")).writeFileSync(dump, JSON.stringify(r.diverging, null, 1) + "\n");
  if (r.divergences.length > 0) process.exitCode = 1;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  });
}
