/**
 * The `ADD <url>` differential: generated cases (`generated.ts`) are served by the local server, built
 * for real with each builder, and compared with the simulator given what `fetchDownloads` fetched from
 * the same server (build outcome and error, history, layers, files; the rules of `../copy/compare.ts`).
 * Node-side only.
 *
 * @module
 */
import fc from "fast-check";
import { fetchDownloads } from "../../../src/fetch-downloads.js";
import type { Engine, OracleBuilder } from "../../oracle/engine.js";
import { compareCase, type CopyDivergence } from "../copy/compare.js";
import type { FixtureCase } from "../copy/record.js";
import type { BuildResult } from "../copy/harness.js";
import { renderUrlCase, urlCaseArb, type GenUrlCase } from "./generated.js";
import { buildUrlCase } from "./record.js";
import { withServer, type DownloadServer } from "./server.js";

/** A generated case that disagreed, with what to rebuild it from. */
export interface UrlDivergence {
  readonly builder: OracleBuilder;
  readonly dockerfile: string;
  readonly routes: GenUrlCase["routes"];
  readonly divergences: readonly CopyDivergence[];
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

/** Runs `runs` generated cases per builder against the engine. */
export async function runUrlDifferential(
  engine: Engine,
  server: DownloadServer,
  o: { readonly runs: number; readonly seed: number; readonly builders: readonly OracleBuilder[]; readonly concurrency?: number },
): Promise<UrlDifferentialResult> {
  const builders: Record<string, { cases: number; agree: number; built: number; unknowable: number; warned: number }> = {};
  const divergences: UrlDivergence[] = [];
  const jobs: (() => Promise<void>)[] = [];
  for (const builder of o.builders) {
    const tally = (builders[builder] = { cases: 0, agree: 0, built: 0, unknowable: 0, warned: 0 });
    const cases = fc.sample(urlCaseArb(builder), { numRuns: o.runs, seed: o.seed });
    cases.forEach((c, k) => {
      const prefix = `g-${o.seed}-${builder}-${k}`;
      for (const r of c.routes) {
        const route = r.route.redirect === undefined ? r.route : { redirect: `/${prefix}/${encodeURI(r.route.redirect)}` };
        server.route(`/${prefix}/${r.path}`, route);
      }
      const dockerfile = renderUrlCase(c, prefix);
      jobs.push(async () => {
        const result = await buildUrlCase(engine, server, { dockerfile, paths: ["/o"] }, builder);
        const fixture = liveFixtureCase(prefix, dockerfile, ["/o"], builder, result, server);
        const downloads = await fetchDownloads(fixture.dockerfile);
        const cmp = compareCase(fixture, builder, { downloads });
        tally.cases++;
        if (result.ok) tally.built++;
        if (cmp.unknowable.length > 0) tally.unknowable++;
        const warned = cmp.knownDivergence.length > 0 && cmp.divergences.every((d) => d.category === "build");
        if (warned && cmp.divergences.length > 0) tally.warned++;
        if (cmp.divergences.length === 0 || warned) tally.agree++;
        else divergences.push({ builder, dockerfile, routes: c.routes, divergences: cmp.divergences });
      });
    });
  }
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) await jobs[next++]!();
  };
  await Promise.all(Array.from({ length: o.concurrency ?? 4 }, worker));
  return { runs: o.runs, seed: o.seed, builders, divergences };
}

/** A divergence, readable, with everything needed to rebuild it. */
export function describeUrlDivergence(d: UrlDivergence): string {
  const routes = d.routes.map((r) => {
    const body = r.route.body === undefined ? "" : typeof r.route.body === "string" ? r.route.body : `<${r.route.body.length} bytes>`;
    return `  /${r.path}: ${r.route.redirect !== undefined ? `302 -> ${r.route.redirect}` : `${r.route.status ?? 200} ${JSON.stringify(body)}${r.route.contentDisposition === undefined ? "" : ` (Content-Disposition: ${r.route.contentDisposition})`}`}`;
  });
  const what = d.divergences.map((x) => `  ${x.category}: engine ${JSON.stringify(x.engine)}\n  ${" ".repeat(x.category.length)}  sim    ${JSON.stringify(x.simulator)}`);
  return [`[${d.builder}]`, ...d.dockerfile.trimEnd().split("\n").map((l) => `  | ${l}`), "routes:", ...routes, ...what].join("\n");
}

/** The run as a short report. */
export function formatUrlReport(r: UrlDifferentialResult): string {
  const lines = [`ADD <url> differential: ${r.runs} generated case(s) per builder, seed ${r.seed}`];
  for (const [b, t] of Object.entries(r.builders)) lines.push(`${b}: ${t.agree}/${t.cases} agree (${t.warned} diverging where the simulator warned it may); ${t.built} built; ${t.unknowable} with an unknowable part`);
  return [...lines, ...r.divergences.map(describeUrlDivergence)].join("\n");
}
