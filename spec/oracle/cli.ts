/**
 * `npm run test:oracle -- [--runs N] [--seed N] [--builder buildkit|legacy] [--buildkit-concurrency N]
 * [--bake N] [--legacy-concurrency N] [--shrink-builds N] [--max-shrunk N] [--no-fixtures] [--invalid-rate P]
 * [--base-files] [--json FILE]`, or
 * `npm run test:oracle -- --dockerfile FILE [--build-arg K=V…] [--target T] [--builder B]` to check (and
 * record as a fixture) one hand-written case.
 *
 * Generates N cases (default 100) from the seed (default: random, printed), builds each with the chosen
 * builder(s) on the engine `detectEngine` finds, compares with the simulator, prints agreement per
 * category and builder, shrinks every divergence to a minimal reproducer and writes it as a regression
 * fixture under `spec/fixtures/regressions/`. Exits 1 when anything diverged, 2 when no engine answers.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { Command, Option } from "commander";
import { detectEngine, detectEngineFailure, type OracleBuilder } from "./engine.js";
import { BUILDERS, DEFAULT_PLAN, checkOne, runDifferential } from "./differential.js";
import { describeDivergence, formatReport } from "./report.js";

const int = (v: string): number => {
  const n = Number.parseInt(v, 10);
  if (!Number.isFinite(n) || n < 0) throw new Error(`not a non-negative integer: ${v}`);
  return n;
};

const program = new Command("test:oracle")
  .description("Differential testing of the simulator against a real Docker engine")
  .option("--runs <n>", "generated cases per builder", int, 100)
  .option("--seed <n>", "fast-check seed (default: random)", int)
  .addOption(new Option("--builder <builder>", "only this builder").choices([...BUILDERS]))
  .option("--buildkit-concurrency <n>", "BuildKit: bakes (or builds, with --bake 1) at once", int, DEFAULT_PLAN.buildkit.concurrency)
  .option("--bake <n>", "BuildKit: cases per docker buildx bake (1: one docker build per case)", int, DEFAULT_PLAN.buildkit.bake)
  .option("--legacy-concurrency <n>", "classic builder: builds at once", int, DEFAULT_PLAN.legacy.concurrency)
  .option("--shrink-builds <n>", "most real builds spent shrinking one divergence", int, 200)
  .option("--max-shrunk <n>", "most (builder, category) divergences shrunk", int, 8)
  .option("--invalid-rate <p>", "share of cases with an invalid line", Number.parseFloat, 0.1)
  .option("--no-fixtures", "do not write regression fixtures")
  .option("--base-files", "tell the simulator all the base images' files, as the engine exports them (default: their user databases only)")
  .option("--json <file>", "also write the result as JSON")
  .option("--dockerfile <file>", "instead of generating: check this one Dockerfile (a hand-minimised reproducer)")
  .option("--build-arg <k=v...>", "with --dockerfile: build args")
  .option("--target <stage>", "with --dockerfile: --target");

program.parse();
const opts = program.opts<{
  runs: number;
  baseFiles?: boolean;
  seed?: number;
  builder?: OracleBuilder;
  buildkitConcurrency: number;
  bake: number;
  legacyConcurrency: number;
  shrinkBuilds: number;
  maxShrunk: number;
  invalidRate: number;
  fixtures: boolean;
  json?: string;
  dockerfile?: string;
  buildArg?: string[];
  target?: string;
}>();

const engine = await detectEngine();
if (!engine) {
  console.error(`no engine: ${detectEngineFailure}`);
  process.exit(2);
}
if (opts.dockerfile !== undefined) {
  const buildArgs = Object.fromEntries((opts.buildArg ?? []).map((kv) => [kv.slice(0, kv.indexOf("=")), kv.slice(kv.indexOf("=") + 1)]));
  const c = { dockerfile: readFileSync(opts.dockerfile, "utf8"), buildArgs, runs: [{}], ...(opts.target !== undefined ? { target: opts.target } : {}) };
  const found = await checkOne(engine, c, opts.builder ? [opts.builder] : BUILDERS, opts.fixtures ? undefined : null);
  console.log(found.length === 0 ? "agrees with every builder" : found.map(describeDivergence).join("\n"));
  process.exit(found.length > 0 ? 1 : 0);
}
const seed = opts.seed ?? Math.floor(Math.random() * 2 ** 31);
console.log(`engine ${engine.serverVersion}; seed ${seed}; ${opts.runs} case(s); builders ${opts.builder ?? BUILDERS.join(", ")}`);
const result = await runDifferential(engine, {
  runs: opts.runs,
  seed,
  builders: opts.builder ? [opts.builder] : BUILDERS,
  plan: { buildkit: { concurrency: Math.max(1, opts.buildkitConcurrency), bake: Math.max(1, opts.bake) }, legacy: { concurrency: Math.max(1, opts.legacyConcurrency) } },
  maxShrinkBuilds: opts.shrinkBuilds,
  maxShrunk: opts.maxShrunk,
  ...(opts.fixtures ? {} : { fixturesDir: null }),
  ...(opts.baseFiles === true ? { baseFiles: "engine" as const } : {}),
  generator: { invalidRate: opts.invalidRate },
  log: (l) => console.log(l),
});
console.log(formatReport(result));
if (opts.json) writeFileSync(opts.json, JSON.stringify(result, null, 2) + "\n");
process.exit(result.divergences.length > 0 ? 1 : 0);
