/**
 * The fuzzing campaign of issue 17: `npm run fuzz -- --runs N [--seed S] [--chunk C]`.
 *
 * Generated Dockerfiles (the grammar of grammar.ts, mutated by mutate.ts, and raw special
 * fragments) go through `simulate` with both builders, the JSON report and `lintDockerfile`. An input
 * fails when anything throws, the contract of check.ts breaks, the report is larger than
 * {@link OUTPUT_PER_CHAR} bytes per input character (the work bound), or it takes over 1 s (the
 * campaign is a script, not a test: wall time is what it measures). fast-check shrinks each failure
 * and the campaign saves it into `spec/regressions/fuzz-<hash>.json`, which
 * `spec/regressions/fuzz-findings.spec.ts` replays in `npm test`; then it goes on with the next seed.
 *
 * Prints the count of inputs, the time, the slowest input's time and the findings.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import fc from "fast-check";
import { lintDockerfile } from "../../src/lint/lint-dockerfile.js";
import { toJsonReport } from "../../src/report/json-report.js";
import { simulate } from "../../src/simulate.js";
import { BARE_VARIANTS, lineLengths, reportViolation, shapeViolation } from "./check.js";
import { dockerfileArb } from "./grammar.js";
import { applyMutations, mutationArb, SPECIAL_FRAGMENTS } from "./mutate.js";

/** The work bound: most bytes of JSON report per character of input (plus a fixed allowance). */
export const OUTPUT_PER_CHAR = 400;
/** Bytes of output allowed per exposed port, in the config and in each EXPOSE history entry. */
export const OUTPUT_PER_PORT = 24;
/** The fixed allowance of {@link OUTPUT_PER_CHAR}. */
export const OUTPUT_BASE = 64 * 1024;
/** The per-input time limit of the campaign. */
export const INPUT_MS = 1_000;

/** The inputs: grammar Dockerfiles, mutated ones, and special fragments. */
export const campaignArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: dockerfileArb },
  { weight: 4, arbitrary: fc.tuple(dockerfileArb, fc.array(mutationArb, { minLength: 1, maxLength: 6 })).map(([t, ms]) => applyMutations(t, ms)) },
  { weight: 2, arbitrary: fc.array(fc.oneof(fc.constantFrom(...SPECIAL_FRAGMENTS), fc.string({ unit: "binary", maxLength: 3 })), { maxLength: 40 }).map((p) => `FROM x\n${p.join("")}`) },
);

/**
 * Why one input fails the campaign's property, or null: the contract of check.ts with both
 * builders (one simulation each), the work bound on the report, `lintDockerfile` (which simulates
 * the other builder again) when `lint`, and the 1 s limit when `timed` (never in a test).
 */
export function campaignProblem(text: string, lint = true, timed = true): string | null {
  const t0 = performance.now();
  const lengths = lineLengths(text);
  for (const v of BARE_VARIANTS) {
    try {
      const sim = simulate(text, v.options);
      const shape = shapeViolation(sim, lengths);
      if (shape !== null) return `[${shape.kind}] (${v.name}) ${shape.detail}`;
      const report = toJsonReport(sim);
      const bad = reportViolation(report);
      if (bad !== null) return `[serialise] (${v.name}) ${bad}`;
      // EXPOSE 1-65535 lists 65,535 ports in the config and in the history text, as Docker does:
      // that output is the answer (OUTPUT_PER_PORT bytes per port and place), not work.
      const size = JSON.stringify(report).length;
      const ports = Object.keys(report.config?.ExposedPorts ?? {}).length;
      const places = 1 + (report.history ?? []).filter((h) => h.created_by.includes("EXPOSE")).length;
      if (size > OUTPUT_BASE + OUTPUT_PER_CHAR * text.length + OUTPUT_PER_PORT * ports * places) return `[work] (${v.name}) a ${size}-byte report for ${text.length} characters`;
      if (lint && v === BARE_VARIANTS[0]) lintDockerfile(sim);
    } catch (e) {
      return `[throw] (${v.name}) ${e instanceof Error ? e.stack ?? e.message : String(e)}`;
    }
  }
  const ms = performance.now() - t0;
  return timed && ms > INPUT_MS ? `[slow] ${Math.round(ms)} ms` : null;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: "string", default: "10000" }, seed: { type: "string", default: "1" }, chunk: { type: "string", default: "20000" }, out: { type: "string", default: join(import.meta.dirname, "..", "regressions") } } });
  const runs = Number(values.runs);
  const chunk = Number(values.chunk);
  let seed = Number(values.seed);
  let done = 0;
  let slowest = 0;
  const findings: string[] = [];
  const start = performance.now();
  while (done < runs) {
    const n = Math.min(chunk, runs - done);
    let count = 0;
    const r = fc.check(
      fc.property(campaignArb, (text) => {
        count++;
        const t0 = performance.now();
        const problem = campaignProblem(text, count % 10 === 0);
        slowest = Math.max(slowest, performance.now() - t0);
        return problem === null;
      }),
      { numRuns: n, seed },
    );
    if (r.failed && r.counterexample !== null) {
      const text = r.counterexample[0];
      const problem = campaignProblem(text) ?? "(not reproduced after shrinking)";
      const id = createHash("sha256").update(text).digest("hex").slice(0, 12);
      mkdirSync(values.out!, { recursive: true });
      writeFileSync(join(values.out!, `fuzz-${id}.json`), JSON.stringify({ found: `npm run fuzz, seed ${seed}`, problem: problem.split("\n")[0], text }, null, 2) + "\n");
      findings.push(`seed ${seed}: ${problem.split("\n")[0]} -> spec/regressions/fuzz-${id}.json`);
      // The shrinking runs count too; go on from the next seed.
      done += Math.max(1, r.numRuns);
    } else done += n;
    seed++;
    const s = (performance.now() - start) / 1000;
    console.log(`${done} inputs (${count} this chunk), ${s.toFixed(0)} s, slowest ${Math.round(slowest)} ms, ${findings.length} finding(s)`);
  }
  const seconds = (performance.now() - start) / 1000;
  console.log(`campaign: ${done} inputs in ${seconds.toFixed(0)} s (${((seconds * 1000) / done).toFixed(2)} ms each), slowest input ${Math.round(slowest)} ms, seeds ${values.seed}..${seed - 1}`);
  for (const f of findings) console.log(`finding: ${f}`);
  process.exitCode = findings.length === 0 ? 0 : 1;
}

if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) await main();
