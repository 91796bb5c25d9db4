/**
 * Text report of a differential run ({@link DifferentialResult}): agreement per category and per builder,
 * throughput, and every divergence with its minimal reproducer.
 *
 * @module
 */
import { CATEGORIES, type DifferentialResult, type Divergence } from "./differential.js";

/** The most known divergences printed per (builder, warning); the rest are counted. */
const KNOWN_EXAMPLES = 1;
import type { RunOverrides } from "./engine.js";
import { divergenceIdOf } from "./known-warnings.js";

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
    const how = `${x.plan.concurrency} at once${b === "buildkit" && x.plan.bake > 1 ? `, ${x.plan.bake} per bake, ${x.baked} baked` : ""}`;
    out.push(
      `${b}: ${x.agreedCases}/${r.cases} cases agree in every category` +
        (x.knownCases > 0 ? `, ${x.knownCases} diverge where the simulator warned (known divergences)` : "") +
        `; ${x.builtOk} built, ${r.cases - x.builtOk} failed to build; ` +
        `${(x.buildMs / 1000).toFixed(1)} s of builds (${((r.cases * 60_000) / Math.max(1, x.buildMs)).toFixed(1)} cases/min, ${how})` +
        (x.shrinkMs >= 1 ? `, ${(x.shrinkMs / 1000).toFixed(1)} s shrinking` : ""),
    );
  }
  out.push(`wall time ${(r.wallMs / 1000).toFixed(1)} s for ${r.cases} case(s) x ${builders.length} builder(s) (the builders build at the same time)`);
  out.push(...formatKnown(r));
  if (r.divergences.length === 0) out.push("No divergence.");
  else {
    out.push(`${r.divergences.length} divergence(s) (first disagreeing category per case, grouped):`);
    for (const d of r.divergences) out.push(describeDivergence(d));
  }
  return out.join("\n");
}

/**
 * The known divergences of a run: cases that diverged where the simulator had warned
 * `simulator/known-divergence` (not failures). Grouped by builder, category and the warning's
 * documented divergence id, with the first examples of each.
 */
export function formatKnown(r: DifferentialResult): string[] {
  if (r.knownCases.length === 0) return [];
  const groups = new Map<string, DifferentialResult["knownCases"]>();
  for (const k of r.knownCases) {
    const key = `${k.builder}\0${k.category}\0${divergenceIdOf(k.known[0] ?? "")}`;
    groups.set(key, [...(groups.get(key) ?? []), k]);
  }
  const out = [`${r.knownCases.length} known divergence(s) (the simulator warned simulator/known-divergence; not failures):`];
  for (const [, ks] of groups) {
    const first = ks[0]!;
    out.push(`[${first.builder}] ${first.category} (${ks.length} generated case(s)), warned: ${first.known[0]}`);
    for (const k of ks.slice(0, KNOWN_EXAMPLES)) {
      out.push("  Dockerfile:", ...k.case.dockerfile.replace(/\n$/, "").split("\n").map((l) => `    | ${l}`));
      if (k.case.buildArgs && Object.keys(k.case.buildArgs).length > 0) out.push(`  build args: ${JSON.stringify(k.case.buildArgs)}`);
      if (k.case.target !== undefined) out.push(`  --target ${k.case.target}`);
      for (const v of k.disagree) {
        out.push(`  ${v.category}: engine ${JSON.stringify(v.engine)}`);
        out.push(`  ${" ".repeat(v.category.length)}  sim    ${JSON.stringify(v.simulator)}`);
      }
    }
  }
  return out;
}
