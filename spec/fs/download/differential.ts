/**
 * The `ADD <url>` differential: generated cases (`generated.ts`) are served by the local server, built
 * for real with each builder, and compared with the simulator given what `fetchDownloads` fetched from
 * the same server (build outcome and error, history, layers, files; the rules of `../copy/compare.ts`).
 * Node-side only.
 *
 * @module
 */
import fc from "fast-check";
import { fetchDownloads } from "../../../src/node/fetch-downloads.js";
import type { Engine, OracleBuilder } from "../../oracle/engine.js";
import { simulate, type Simulation } from "../../../src/simulate.js";
import { compareCase, type CaseComparison, type CopyDivergence } from "../copy/compare.js";
import type { FixtureCase } from "../copy/record.js";
import type { BuildResult } from "../copy/harness.js";
import { renderUrlCase, urlCaseArb, type GenUrlCase } from "./generated.js";
import { buildUrlCase } from "./record.js";
import { withServer, type DownloadServer } from "./server.js";

/** A generated case that disagreed, with what to rebuild it from (shrunk when `shrunk` is set). */
export interface UrlDivergence {
  readonly builder: OracleBuilder;
  readonly dockerfile: string;
  readonly routes: GenUrlCase["routes"];
  readonly divergences: readonly CopyDivergence[];
  /** How many real builds shrinking spent, when the case was shrunk. */
  readonly shrunk?: number;
}

/** Checks one generated case: the divergences of the simulator from a real build (empty when they agree or the simulator warned). */
export type UrlCaseCheck = (c: GenUrlCase, builder: OracleBuilder) => Promise<readonly CopyDivergence[]>;

/**
 * Shrinks the `index`-th case of `urlCaseArb(builder)` sampled with `seed` (it must diverge) with
 * fast-check's own shrinker, replaying that run (`path`) and rebuilding each smaller candidate for
 * real. At most `maxChecks` checks are spent; the smallest diverging case met is returned.
 */
export async function shrinkUrlCase(check: UrlCaseCheck, builder: OracleBuilder, seed: number, index: number, maxChecks: number): Promise<{ case: GenUrlCase; divergences: readonly CopyDivergence[]; checks: number } | null> {
  let checks = 0;
  let best: { case: GenUrlCase; divergences: readonly CopyDivergence[] } | null = null;
  await fc.check(
    fc.asyncProperty(urlCaseArb(builder), async (c) => {
      if (checks >= maxChecks) return true;
      checks++;
      const d = await check(c, builder);
      if (d.length === 0) return true;
      best = { case: c, divergences: d };
      return false;
    }),
    { seed, path: String(index), numRuns: 1, endOnFailure: false },
  );
  return best === null ? null : { ...(best as { case: GenUrlCase; divergences: readonly CopyDivergence[] }), checks };
}

/** The outcome of a run. */
export interface UrlDifferentialResult {
  readonly runs: number;
  readonly seed: number;
  /** Per builder: cases compared, agreeing (divergences the simulator warned about included, and counted apart), built by the engine. */
  readonly builders: Readonly<Record<string, { cases: number; agree: number; built: number; unknowable: number; warned: number }>>;
  readonly divergences: readonly UrlDivergence[];
}

/** The substituted fixture case a comparison needs. */
export function liveFixtureCase(id: string, dockerfile: string, paths: readonly string[], builder: OracleBuilder, result: BuildResult, s: DownloadServer): FixtureCase {
  const fill = (t: string): string => withServer(t, s);
  const live: BuildResult = result.ok ? { ...result, history: result.history.map((h) => ({ ...h, created_by: fill(h.created_by) })) } : { ok: false, error: fill(result.error) };
  const text = fill(dockerfile);
  const other: BuildResult = { ok: false, error: "(not built)" };
  return {
    id,
    title: id,
    dockerfile: text,
    context: { Dockerfile: { content: text, mode: 0o644 } },
    paths: [...paths],
    results: builder === "buildkit" ? { buildkit: live, legacy: other } : { buildkit: other, legacy: live },
  };
}

/**
 * BuildKit computes the cache keys of an instruction's sources concurrently (downloads included) and
 * reports whichever fails first; the simulator reports the first and records every one as an error
 * diagnostic. An engine error that is one of those is therefore not a divergence but a race
 * (docs/semantics/copy-add.md §3.8, §8a.3): it is moved to `unknowable`.
 */
export function tolerateKeyRace(cmp: CaseComparison, sim: Simulation, result: BuildResult): CaseComparison {
  if (result.ok || cmp.divergences.length !== 1 || cmp.divergences[0]!.category !== "build" || sim.error === null) return cmp;
  const keyFailure = /^failed to (load|compute) cache key: /;
  if (!keyFailure.test(result.error) || !keyFailure.test(sim.error.message)) return cmp;
  if (!sim.diagnostics.some((d) => d.severity === "error" && d.message === result.error)) return cmp;
  return { ...cmp, divergences: [], unknowable: [...cmp.unknowable, "build: BuildKit reports one of several failing cache keys, whichever fails first"] };
}

let prefixCounter = 0;

/** The check of one case against the engine: its routes served under a fresh prefix, built, compared. */
export function engineUrlCheck(engine: Engine, server: DownloadServer, onBuilt?: (ok: boolean, unknowable: boolean, warned: boolean) => void): UrlCaseCheck {
  return async (c, builder) => {
    const prefix = `g-${process.pid}-${++prefixCounter}`;
    for (const r of c.routes) {
      const route = r.route.redirect === undefined ? r.route : { redirect: `/${prefix}/${encodeURI(r.route.redirect)}` };
      server.route(`/${prefix}/${r.path}`, route);
    }
    const dockerfile = renderUrlCase(c, prefix);
    const result = await buildUrlCase(engine, server, { dockerfile, paths: ["/o"] }, builder);
    const fixture = liveFixtureCase(prefix, dockerfile, ["/o"], builder, result, server);
    const downloads = await fetchDownloads(fixture.dockerfile, { builder });
    const cmp = tolerateKeyRace(compareCase(fixture, builder, { downloads }), simulate(fixture.dockerfile, { builder, downloads }), fixture.results[builder]);
    // A divergence the simulator warned it may meet (a race BuildKit decides either way) is only in the build outcome.
    const warned = cmp.knownDivergence.length > 0 && cmp.divergences.every((d) => d.category === "build");
    onBuilt?.(result.ok, cmp.unknowable.length > 0, warned && cmp.divergences.length > 0);
    return warned ? [] : cmp.divergences;
  };
}

/** Runs `runs` generated cases per builder against the engine; each divergence is shrunk with real builds (at most `maxShrinkBuilds` each, `maxShrunk` per builder). */
export async function runUrlDifferential(
  engine: Engine,
  server: DownloadServer,
  o: { readonly runs: number; readonly seed: number; readonly builders: readonly OracleBuilder[]; readonly concurrency?: number; readonly maxShrinkBuilds?: number; readonly maxShrunk?: number },
): Promise<UrlDifferentialResult> {
  const builders: Record<string, { cases: number; agree: number; built: number; unknowable: number; warned: number }> = {};
  const divergences: UrlDivergence[] = [];
  const found: { builder: OracleBuilder; index: number; case: GenUrlCase; divergences: readonly CopyDivergence[] }[] = [];
  const jobs: (() => Promise<void>)[] = [];
  for (const builder of o.builders) {
    const tally = (builders[builder] = { cases: 0, agree: 0, built: 0, unknowable: 0, warned: 0 });
    const cases = fc.sample(urlCaseArb(builder), { numRuns: o.runs, seed: o.seed });
    const check = engineUrlCheck(engine, server, (ok, unknowable, warned) => {
      if (ok) tally.built++;
      if (unknowable) tally.unknowable++;
      if (warned) tally.warned++;
    });
    cases.forEach((c, k) => {
      jobs.push(async () => {
        const d = await check(c, builder);
        tally.cases++;
        if (d.length === 0) tally.agree++;
        else found.push({ builder, index: k, case: c, divergences: d });
      });
    });
  }
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) await jobs[next++]!();
  };
  await Promise.all(Array.from({ length: o.concurrency ?? 4 }, worker));
  // Shrink the first divergences of each builder (the rest are reported as found).
  const shrinkCheck = engineUrlCheck(engine, server);
  const shrunkPer = new Map<string, number>();
  for (const f of found.sort((a, b) => a.index - b.index)) {
    const n = shrunkPer.get(f.builder) ?? 0;
    const s = n < (o.maxShrunk ?? 2) && (o.maxShrinkBuilds ?? 30) > 0 ? await shrinkUrlCase(shrinkCheck, f.builder, o.seed, f.index, o.maxShrinkBuilds ?? 30) : null;
    shrunkPer.set(f.builder, n + 1);
    const c = s?.case ?? f.case;
    divergences.push({ builder: f.builder, dockerfile: renderUrlCase(c, "<prefix>"), routes: c.routes, divergences: s?.divergences ?? f.divergences, ...(s === null ? {} : { shrunk: s.checks }) });
  }
  return { runs: o.runs, seed: o.seed, builders, divergences };
}

/** A divergence, readable, with everything needed to rebuild it. */
export function describeUrlDivergence(d: UrlDivergence): string {
  const routes = d.routes.map((r) => {
    const body = r.route.body === undefined ? "" : typeof r.route.body === "string" ? r.route.body : `<${r.route.body.length} bytes>`;
    return `  /${r.path}: ${r.route.redirect !== undefined ? `302 -> ${r.route.redirect}` : `${r.route.status ?? 200} ${JSON.stringify(body)}${r.route.contentDisposition === undefined ? "" : ` (Content-Disposition: ${r.route.contentDisposition})`}`}`;
  });
  const what = d.divergences.map((x) => `  ${x.category}: engine ${JSON.stringify(x.engine)}\n  ${" ".repeat(x.category.length)}  sim    ${JSON.stringify(x.simulator)}`);
  return [`[${d.builder}]${d.shrunk === undefined ? "" : ` (shrunk with ${d.shrunk} build(s))`}`, ...d.dockerfile.trimEnd().split("\n").map((l) => `  | ${l}`), "routes:", ...routes, ...what].join("\n");
}

/** The run as a short report. */
export function formatUrlReport(r: UrlDifferentialResult): string {
  const lines = [`ADD <url> differential: ${r.runs} generated case(s) per builder, seed ${r.seed}`];
  for (const [b, t] of Object.entries(r.builders)) lines.push(`${b}: ${t.agree}/${t.cases} agree (${t.warned} diverging where the simulator warned it may); ${t.built} built; ${t.unknowable} with an unknowable part`);
  return [...lines, ...r.divergences.map(describeUrlDivergence)].join("\n");
}
