/**
 * Text report of a differential run ({@link DifferentialResult}): agreement per category and per builder,
 * throughput, and every divergence with its minimal reproducer.
 *
 * @module
 */
import { CATEGORIES, type DifferentialResult, type Divergence } from "./differential.js";
import type { RunOverrides } from "./engine.js";

const pct = (a: number, n: number): string => (n === 0 ? "    -" : `${((100 * a) / n).toFixed(1).padStart(5)}%`);

/** `docker run` flags of an override, e.g. `--entrypoint "" -e A=1 IMAGE a1`. */
export function describeRun(o: RunOverrides): string {
  const parts: string[] = [];
  if (o.entrypoint !== undefined) parts.push(`--entrypoint ${JSON.stringify(o.entrypoint)}`);
  for (const e of o.env ?? []) parts.push(`-e ${JSON.stringify(e)}`);
  if (o.workdir !== undefined) parts.push(`-w ${JSON.stringify(o.workdir)}`);
  if (o.user !== undefined) parts.push(`-u ${JSON.stringify(o.user)}`);
  parts.push("IMAGE", ...(o.args ?? []).map((a) => JSON.stringify(a)));
  return parts.join(" ");
}

/** One divergence as a self-contained paragraph: builder, category, reproducer, engine vs simulator. */
export function describeDivergence(d: Divergence): string {
  const lines = [`[${d.builder}] ${d.category} (${d.occurrences} generated case(s); shrunk with ${d.shrinkBuilds} build(s))`];
  lines.push("  Dockerfile:", ...d.case.dockerfile.replace(/\n$/, "").split("\n").map((l) => `    | ${l}`));
  if (d.case.buildArgs && Object.keys(d.case.buildArgs).length > 0) lines.push(`  build args: ${JSON.stringify(d.case.buildArgs)}`);
  if (d.case.target !== undefined) lines.push(`  --target ${d.case.target}`);
  if ((d.case.runs ?? []).length > 0 && d.category.startsWith("run")) lines.push(`  runs: ${(d.case.runs ?? []).map(describeRun).join(" ; ")}`);
  if (d.all.length === 0) lines.push("  (not shrunk: over the per-run shrink budget)");
  for (const v of d.all) {
    lines.push(`  ${v.category}: engine ${JSON.stringify(v.engine)}`);
    lines.push(`  ${" ".repeat(v.category.length)}  sim    ${JSON.stringify(v.simulator)}`);
  }
  if (d.fixture !== undefined) lines.push(`  fixture: ${d.fixture}`);
  return lines.join("\n");
}

/** The agreement table (one row per category, one column pair per builder) plus throughput lines. */
export function formatReport(r: DifferentialResult): string {
  const builders = Object.keys(r.builders) as (keyof typeof r.builders)[];
  const out: string[] = [];
  out.push(`Differential oracle run: engine ${r.engine}, seed ${r.seed}, ${r.cases} generated case(s) per builder`);
  const head = ["category".padEnd(14), ...builders.map((b) => `${b.padStart(22)}`)].join(" ");
  out.push(head);
  for (const c of CATEGORIES) {
    const cells = builders.map((b) => {
      const t = r.builders[b]!.tallies[c];
      const n = t.agree + t.disagree;
      return `${`${t.agree}/${n}`.padStart(9)} ${pct(t.agree, n)}${t.skipped > 0 ? ` (${t.skipped} skip)` : ""}`.padStart(22);
    });
    out.push([c.padEnd(14), ...cells].join(" "));
  }
  for (const b of builders) {
    const x = r.builders[b]!;
    out.push(
      `${b}: ${x.agreedCases}/${r.cases} cases agree in every category; ${x.builtOk} built, ${r.cases - x.builtOk} failed to build; ` +
        `${(x.buildMs / 1000).toFixed(1)} s of builds (${((r.cases * 60_000) / Math.max(1, x.buildMs)).toFixed(1)} cases/min)`,
    );
  }
  if (r.divergences.length === 0) out.push("No divergence.");
  else {
    out.push(`${r.divergences.length} divergence(s) (first disagreeing category per case, grouped):`);
    for (const d of r.divergences) out.push(describeDivergence(d));
  }
  return out.join("\n");
}
