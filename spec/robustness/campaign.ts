/**
 * The fuzzing campaign of issue 17: `npm run fuzz -- --runs N [--seed S] [--chunk C]`.
 *
 * Generated Dockerfiles (the grammar of grammar.ts, mutated by mutate.ts, and raw special
 * fragments) go through `simulate` with both builders, the JSON report and `lintDockerfile`. An input
 * fails when anything throws or the contract of check.ts breaks, the work bounds included (the
 * simulator's work counter and the report's size, linear in the input: `workViolation`). fast-check shrinks each
 * failure and the campaign saves it into `spec/regressions/fuzz-<hash>.json`, which
 * `spec/regressions/fuzz-findings.spec.ts` replays in `npm test`; then it goes on with the next seed.
 *
 * The 1 s limit is on each input's CPU time (process.cpuUsage), which the machine's load barely
 * changes; an input over it is re-timed alone (minimum of 3) to tell a loaded moment from real work.
 * Prints, and writes to `--log FILE` after every chunk: the commit, the count of inputs, the seeds,
 * wall and CPU time, the findings, the slow inputs and the slowest input with its CPU time.
 *
 * @module
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import fc from "fast-check";
import { lintDockerfile } from "../../src/lint/lint-dockerfile.js";
import { toJsonReport } from "../../src/report/json-report.js";
import { simulate } from "../../src/simulate.js";
import { BARE_VARIANTS, lineLengths, reportViolation, shapeViolation, workViolation } from "./check.js";
import { dockerfileArb } from "./grammar.js";
import { applyMutations, mutationArb, SPECIAL_FRAGMENTS } from "./mutate.js";

/** The per-input time limit of the campaign (CPU time, never in a test). */
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
      const work = workViolation(text, sim, report);
      if (work !== null) return `[work] (${v.name}) ${work}`;
      if (lint && v === BARE_VARIANTS[0]) lintDockerfile(sim);
    } catch (e) {
      return `[throw] (${v.name}) ${e instanceof Error ? e.stack ?? e.message : String(e)}`;
    }
  }
  const ms = performance.now() - t0;
  return timed && ms > INPUT_MS ? `[slow] ${Math.round(ms)} ms` : null;
}

/** What the campaign measured: written to `--log` after every chunk, printed at the end. */
export interface CampaignLog {
  readonly commit: string;
  readonly firstSeed: number;
  lastSeed: number;
  inputs: number;
  wallSeconds: number;
  cpuSeconds: number;
  /** Findings: a throw, a broken contract or the work bound (each shrunk and saved). */
  findings: string[];
  /** Inputs whose own CPU time passed {@link INPUT_MS}, with the minimum of 3 re-timings alone. */
  slow: { seed: number; cpuMs: number; retimedCpuMs: number; text: string }[];
  /** The input that took the most CPU time (wall time too, which includes the machine's load). */
  slowest: { seed: number; cpuMs: number; wallMs: number; text: string } | null;
  slowestWallMs: number;
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** The minimum CPU time of `n` runs of the campaign's property on `text` (the input re-timed alone). */
export function retimeCpuMs(text: string, n = 3): number {
  let best = Infinity;
  for (let i = 0; i < n; i++) {
    const c0 = cpuMs();
    campaignProblem(text, true, false);
    best = Math.min(best, cpuMs() - c0);
  }
  return best;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: "string", default: "10000" }, seed: { type: "string", default: "1" }, chunk: { type: "string", default: "20000" }, out: { type: "string", default: join(import.meta.dirname, "..", "regressions") }, log: { type: "string" } } });
  const runs = Number(values.runs);
  const chunk = Number(values.chunk);
  let seed = Number(values.seed);
  let commit = "unknown";
  try {
    commit = execFileSync("git", ["rev-parse", "HEAD"], { cwd: import.meta.dirname, encoding: "utf8" }).trim();
  } catch {
    // not a git checkout
  }
  const log: CampaignLog = { commit, firstSeed: seed, lastSeed: seed, inputs: 0, wallSeconds: 0, cpuSeconds: 0, findings: [], slow: [], slowest: null, slowestWallMs: 0 };
  const start = performance.now();
  const cpuStart = cpuMs();
  while (log.inputs < runs) {
    const n = Math.min(chunk, runs - log.inputs);
    let count = 0;
    const r = fc.check(
      fc.property(campaignArb, (text) => {
        count++;
        const t0 = performance.now();
        const c0 = cpuMs();
        const problem = campaignProblem(text, count % 10 === 0, false);
        const cpu = cpuMs() - c0;
        const wall = performance.now() - t0;
        log.slowestWallMs = Math.max(log.slowestWallMs, wall);
        if (log.slowest === null || cpu > log.slowest.cpuMs) log.slowest = { seed, cpuMs: cpu, wallMs: wall, text };
        if (cpu > INPUT_MS) log.slow.push({ seed, cpuMs: cpu, retimedCpuMs: retimeCpuMs(text), text });
        return problem === null;
      }),
      { numRuns: n, seed },
    );
    if (r.failed && r.counterexample !== null) {
      const text = r.counterexample[0];
      const problem = campaignProblem(text, true, false) ?? "(not reproduced after shrinking)";
      const id = createHash("sha256").update(text).digest("hex").slice(0, 12);
      mkdirSync(values.out!, { recursive: true });
      writeFileSync(join(values.out!, `fuzz-${id}.json`), JSON.stringify({ found: `npm run fuzz, seed ${seed}`, problem: problem.split("\n")[0], text }, null, 2) + "\n");
      log.findings.push(`seed ${seed}: ${problem.split("\n")[0]} -> spec/regressions/fuzz-${id}.json`);
      // The shrinking runs count too; go on from the next seed.
      log.inputs += Math.max(1, r.numRuns);
    } else log.inputs += n;
    log.lastSeed = seed;
    seed++;
    log.wallSeconds = (performance.now() - start) / 1000;
    log.cpuSeconds = (cpuMs() - cpuStart) / 1000;
    if (values.log !== undefined) writeFileSync(values.log, JSON.stringify(log, null, 2) + "\n");
    console.log(`${log.inputs} inputs (${count} this chunk), ${log.wallSeconds.toFixed(0)} s wall, ${log.cpuSeconds.toFixed(0)} s CPU, slowest ${Math.round(log.slowest?.cpuMs ?? 0)} ms CPU / ${Math.round(log.slowestWallMs)} ms wall, ${log.findings.length} finding(s), ${log.slow.length} slow`);
  }
  console.log(`campaign at ${commit}: ${log.inputs} inputs in ${log.wallSeconds.toFixed(0)} s wall, ${log.cpuSeconds.toFixed(0)} s CPU (${((log.cpuSeconds * 1000) / log.inputs).toFixed(2)} ms CPU each), slowest input ${Math.round(log.slowest?.cpuMs ?? 0)} ms CPU, seeds ${log.firstSeed}..${log.lastSeed}`);
  for (const f of log.findings) console.log(`finding: ${f}`);
  for (const s of log.slow) console.log(`slow: seed ${s.seed}, ${Math.round(s.cpuMs)} ms CPU, ${Math.round(s.retimedCpuMs)} ms CPU re-timed alone`);
  process.exitCode = log.findings.length === 0 && log.slow.every((s) => s.retimedCpuMs <= INPUT_MS) ? 0 : 1;
}

if (process.argv[1] !== undefined && import.meta.filename === process.argv[1]) await main();
