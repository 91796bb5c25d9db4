/**
 * `npm run bench` (issue 6): the full pipeline over the real-world corpus next to dockerfile-ast
 * and dockerfile-utils, scaling series with fitted growth exponents, `docker build` of
 * metadata-only Dockerfiles when an engine is reachable, and the worst case (issue 17: the
 * per-file distribution over the corpus, the adversarial series). Writes `bench/results/latest.json`.
 *
 * Options: `--limit N` (first N corpus files), `--skip corpus,scaling,docker,check,bundle,worst,adversarial`,
 * `--out FILE` (default bench/results/latest.json; `-` writes no file). `--worst-clock cpu` times the worst-case
 * section by CPU time (for a loaded machine). `BENCH_COMMIT` names the
 * source measured when it is not this checkout's HEAD (e.g. a `git archive` export).
 *
 * @module
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { arch, cpus, loadavg, platform, release, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { corpusCandidate, findCorpus, measureToolInChild, type ToolFigures } from "./corpus.js";
import { ensureBundles, measureCheckCorpus, measureParallelCeilings, measureStartup, type CheckBench } from "./check.js";
import { findEngine, measureDocker, type DockerCase } from "./docker.js";
import { runSeriesInChild, SERIES, type SeriesResult } from "./scaling.js";
import { ADVERSARIAL_CASES } from "./adversarial-cases.js";
import { runAdversarial, verdictOf, type AdversarialExponent, type AdversarialPoint } from "./adversarial.js";
import { MAX_OVER_P99, measureDistributionInChild, REPETITIONS, type Distribution } from "./worst-case.js";
import { measureBundles, renderBundles, type BundleSize } from "./bundle-size.js";
import { round } from "./stats.js";
import { TOOL_DESCRIPTIONS, TOOL_NAMES, type ToolName } from "./tools.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "..");

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const limit = arg("--limit") === undefined ? undefined : Number(arg("--limit"));
const worstClock = arg("--worst-clock") === "cpu" ? "cpu" : "wall";
const skip = new Set((arg("--skip") ?? "").split(",").filter((s) => s !== ""));
const outFile = arg("--out") ?? join(HERE, "results", "latest.json");

function pkgVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
  } catch {
    return "unknown";
  }
}

function gitCommit(): string {
  const given = process.env["BENCH_COMMIT"];
  if (given !== undefined && given !== "") return given;
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--", "src"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim() !== "";
    return dirty ? `${head}+dirty-src` : head;
  } catch {
    return "unknown";
  }
}

const log = (s = "") => process.stdout.write(s + "\n");
const pad = (s: string | number, n: number) => String(s).padStart(n);
const started = performance.now();

const machine = {
  cpu: cpus()[0]?.model ?? "unknown",
  cores: cpus().length,
  memoryGiB: round(totalmem() / 2 ** 30, 1),
  os: `${platform()} ${release()} ${arch()}`,
  node: process.version,
  loadAverageAtStart: (await import("node:os")).loadavg().map((l) => round(l, 2)),
};
log(`dockerfile-semantics benchmark, ${new Date().toISOString()}`);
log(`machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}, load ${machine.loadAverageAtStart.join(" ")}`);

// ---- 1. corpus ------------------------------------------------------------------------------
interface CorpusSection {
  readonly dir: string;
  readonly files: number;
  readonly tools: Readonly<Record<ToolName, ToolFigures>>;
  readonly ratios: Readonly<Record<string, number>>;
}
let corpus: CorpusSection | null = null;
let corpusNote: string | null = null;
const corpusDir = skip.has("corpus") ? null : findCorpus();
if (skip.has("corpus")) corpusNote = "skipped (--skip corpus)";
else if (corpusDir === null) {
  corpusNote = `no corpus: ${join(corpusCandidate(), "files")} is absent (the corpus lives in ../shared/corpus on the team's machines and CI; set DOCKERFILE_CORPUS=/path/to/corpus); corpus figures skipped`;
  log(`\n${corpusNote}`);
} else {
  log(`\n== corpus: ${corpusDir}${limit === undefined ? "" : ` (first ${limit} files)`}; each tool in its own process, per-file wall time`);
  const tools = {} as Record<ToolName, ToolFigures>;
  log(`${"tool".padEnd(18)} ${pad("files/s", 9)} ${pad("mean µs", 9)} ${pad("p50 µs", 8)} ${pad("p99 µs", 8)} ${pad("max µs", 9)} ${pad("cpu s", 7)} ${pad("peak RSS", 9)} ${pad("(base)", 7)}`);
  for (const tool of TOOL_NAMES) {
    const f = measureToolInChild(tool, corpusDir, limit);
    tools[tool] = f;
    log(`${tool.padEnd(18)} ${pad(f.filesPerSecond, 9)} ${pad(f.meanUs.toFixed(1), 9)} ${pad(f.p50Us.toFixed(1), 8)} ${pad(f.p99Us.toFixed(1), 8)} ${pad(f.maxUs, 9)} ${pad((f.cpuMs / 1000).toFixed(1), 7)} ${pad(f.peakRssMiB.toFixed(0) + " MiB", 9)} ${pad(f.baselineRssMiB.toFixed(0), 7)}${f.threw > 0 ? `  THREW on ${f.threw} files` : ""}`);
  }
  const ast = tools["dockerfile-ast"];
  const utils = tools["dockerfile-utils"];
  const ratios: Record<string, number> = {};
  for (const sim of ["simulate-legacy", "simulate-buildkit"] as const) {
    const s = tools[sim];
    ratios[`${sim}/dockerfile-ast (mean)`] = round(s.meanUs / ast.meanUs, 3);
    ratios[`${sim}/dockerfile-ast (p50)`] = round(s.p50Us / ast.p50Us, 3);
    ratios[`${sim}/dockerfile-ast (cpu)`] = round(s.cpuMs / ast.cpuMs, 3);
    ratios[`dockerfile-utils/${sim} (mean)`] = round(utils.meanUs / s.meanUs, 3);
    ratios[`dockerfile-utils/${sim} (p50)`] = round(utils.p50Us / s.p50Us, 3);
    ratios[`dockerfile-utils/${sim} (cpu)`] = round(utils.cpuMs / s.cpuMs, 3);
  }
  log("ratios (time; ours/ast: lower is better; utils/ours: higher is better; cpu = CPU time of the whole pass, the least disturbed by other load):");
  for (const [k, v] of Object.entries(ratios)) log(`  ${k.padEnd(46)} ${v.toFixed(3)}x`);
  log("slowest files for simulate-legacy: " + tools["simulate-legacy"].slowest.map((s) => `${s.file} ${s.us} µs`).join("; "));
  corpus = { dir: "../shared/corpus", files: ast.files, tools, ratios };
}

// ---- 2. scaling -----------------------------------------------------------------------------
const scaling: SeriesResult[] = [];
if (!skip.has("scaling")) {
  log("\n== scaling series (each series and builder in a fresh process; best wall time of the runs; exponent = log-log least squares over all sizes; tail = three largest; mean CPU: the same fits to the mean CPU time per run)");
  for (const series of SERIES) {
    for (const builder of ["legacy", "buildkit"] as const) {
      const r = runSeriesInChild(series, builder);
      scaling.push(r);
      const pts = r.points.map((p) => (p.ms === null ? `${p.size}:skipped(${p.skipped ?? ""})` : `${p.size}:${p.ms < 1 ? p.ms.toFixed(3) : p.ms.toFixed(1)}ms`)).join("  ");
      log(`${(r.name + " " + builder).padEnd(24)} exponent ${r.exponent.toFixed(2)} (tail ${r.tailExponent.toFixed(2)}; mean CPU ${r.meanCpuExponent.toFixed(2)}, tail ${r.meanCpuTailExponent.toFixed(2)})  ${pts}`);
    }
  }
}

// ---- 3. docker build ------------------------------------------------------------------------
let dockerSection: { engine: string; cases: DockerCase[] } | { unavailable: string } | null = null;
if (!skip.has("docker")) {
  const engine = findEngine();
  if ("unavailable" in engine) {
    dockerSection = engine;
    log(`\n== docker build: skipped (${engine.unavailable})`);
  } else {
    log(`\n== docker build --no-cache (BuildKit, engine ${engine.version}) vs simulate, metadata-only Dockerfiles`);
    try {
      const cases = measureDocker(engine);
      for (const c of cases) log(`${c.name.padEnd(14)} docker build ${pad(c.buildMs.toFixed(0), 6)} ms   simulate ${pad(c.simulateUs.toFixed(1), 7)} µs   ratio ${c.ratio}x`);
      dockerSection = { engine: engine.version, cases };
    } catch (e) {
      dockerSection = { unavailable: e instanceof Error ? e.message : String(e) };
      log(`docker build failed: ${dockerSection.unavailable}`);
    }
  }
}

// ---- 3b. dockerfile-check: start-up of both CLIs, the corpus with checks on 1 and 2 workers ----
let checkSection: CheckBench | null = null;
if (!skip.has("check")) {
  ensureBundles(ROOT);
  const loadBefore = round(loadavg()[0]!, 2);
  log("\n== start-up (whole processes, medians of interleaved rounds)");
  const startup = measureStartup(ROOT);
  log(`node -e 0 ${startup.nodeMs} ms   explain-cmd --json ${startup.explainMs} ms (${startup.explainRatio}x)   dockerfile-check ${startup.checkMs} ms (${startup.checkRatio}x)`);
  if (startup.cpu !== null) log(`CPU: node -e 0 ${startup.cpu.nodeMs} ms   explain-cmd --json ${startup.cpu.explainMs} ms (${startup.cpu.explainRatio}x)   dockerfile-check ${startup.cpu.checkMs} ms (${startup.cpu.checkRatio}x)`);
  const dir = findCorpus();
  let corpusChecks: CheckBench["corpus"];
  if (dir === null) corpusChecks = { unavailable: "no corpus (../shared/corpus)" };
  else {
    log("\n== dockerfile-check over the corpus (Docker's checks + ours, --format jsonl)");
    corpusChecks = measureCheckCorpus(ROOT, dir, [1, 2], limit, cpus().length);
    for (const r of corpusChecks.runs) {
      log(`--jobs ${r.jobs}: ${r.files} files in ${r.wallS} s = ${r.filesPerS} files/s (${r.reported} reported)`);
      if (r.cpu !== null) log(`  CPU ms: process ${r.cpu.processMs} (${r.cpuUsPerFile} us/file), main thread ${r.cpu.mainMs ?? "?"} (share ${r.mainShare ?? "?"}), workers ${r.cpu.workersMs?.join(" + ") ?? "?"}, V8 background and rest ${r.cpu.processMs - (r.cpu.mainMs ?? 0) - (r.cpu.workersMs ?? []).reduce((a, b) => a + b, 0)}`);
    }
    log(`speed-up 1 -> 2 workers: ${corpusChecks.speedup}x by wall clock; ${corpusChecks.cpuBoundSpeedup ?? "?"}x from the CPU figures on ${corpusChecks.cores} free cores`);
  }
  log("\n== parallel ceiling of this machine: one copy of a job alone, then two at once");
  const ceilings = await measureParallelCeilings(ROOT, dir, Math.min(limit ?? Infinity, 5000));
  for (const c of ceilings) {
    log(`${c.job}: alone ${c.aloneS} s, together ${c.togetherS.join(" / ")} s (CPU ${c.aloneCpuS ?? "?"} s alone, ${c.togetherCpuS ?? "?"} s together): at most ${c.ceiling}x from 1 to 2 copies here`);
    if ("runs" in corpusChecks) log(`  the 2-worker speed-up ${corpusChecks.speedup}x is ${round(corpusChecks.speedup / c.ceiling, 2)} of it`);
  }
  const loadAverage = { before: loadBefore, after: round(loadavg()[0]!, 2) };
  log(`load average (1 min) ${loadAverage.before} before, ${loadAverage.after} after, on ${cpus().length} cores`);
  checkSection = { loadAverage, startup, corpus: corpusChecks, ceilings };
}

// ---- 3c. bundle sizes (issue 18 point 11) ---------------------------------------------------
let bundles: BundleSize[] | null = null;
if (!skip.has("bundle")) {
  log("\n== bundle sizes of parts of the core (esbuild, browser, minified + gzip)");
  bundles = await measureBundles();
  log(renderBundles(bundles));
}

// ---- 3d. worst case (issue 17) ---------------------------------------------------------------
const worstDir = skip.has("worst") ? null : findCorpus();
const distributions: Distribution[] = [];
if (worstDir !== null) {
  log(`\n== worst case: per-file ${worstClock === "cpu" ? "CPU " : ""}time over the corpus, each file the minimum of ${REPETITIONS} consecutive runs (its own cost, without the GC, JIT and preemption one run can catch); target max <= ${MAX_OVER_P99}x p99`);
  log(`${"tool".padEnd(18)} ${pad("p50 µs", 8)} ${pad("p90 µs", 8)} ${pad("p99 µs", 8)} ${pad("max µs", 9)} ${pad("max/p99", 8)}`);
  for (const tool of ["simulate-legacy", "simulate-buildkit"] as const) {
    const d = measureDistributionInChild(tool, worstDir, limit, worstClock);
    distributions.push(d);
    log(`${tool.padEnd(18)} ${pad(d.p50Us, 8)} ${pad(d.p90Us, 8)} ${pad(d.p99Us, 8)} ${pad(d.maxUs, 9)} ${pad(d.maxOverP99 + "x", 8)}`);
    log(`  slowest (min of runs / slowest run / chars): ${d.slowest.slice(0, 5).map((s) => `${s.file} ${s.us}/${s.worstRunUs} µs ${s.chars}`).join("; ")}`);
  }
}
let adversarial: { points: AdversarialPoint[]; exponents: AdversarialExponent[] } | null = null;
if (!skip.has("adversarial")) {
  log("\n== worst case: the adversarial inputs of issue 17, each size in a fresh process (wall and CPU time, peak RSS; target under 2 s and 500 MB or stopped at a budget; exponents fitted to CPU time, target <= 1.1)");
  adversarial = await runAdversarial({ log });
  for (const e of adversarial.exponents) log(`exponent ${e.case} ${e.builder}: ${e.exponent} (wall ${e.wallExponent})`);
}

// ---- 4. targets -----------------------------------------------------------------------------
interface Target {
  readonly target: string;
  readonly measured: number | null;
  readonly limit: string;
  readonly met: boolean | null;
}
const targets: Target[] = [];
if (corpus !== null) {
  // CPU time of the timed pass: the machine is shared (2 cores, other builds running), and wall
  // time charges a tool for the time it sat preempted. Wall-time ratios are reported beside it.
  const r = corpus.ratios["simulate-legacy/dockerfile-ast (cpu)"]!;
  targets.push({ target: "full pipeline (legacy: every stage) CPU time over the corpus / dockerfile-ast parse", measured: r, limit: "<= 1.25", met: r <= 1.25 });
  const u = corpus.ratios["dockerfile-utils/simulate-legacy (cpu)"]!;
  targets.push({ target: "throughput (CPU time) of full pipeline (legacy) / dockerfile-utils validate", measured: u, limit: ">= 1.5", met: u >= 1.5 });
} else {
  targets.push({ target: "full pipeline / dockerfile-ast parse", measured: null, limit: "<= 1.25", met: null });
  targets.push({ target: "full pipeline throughput / dockerfile-utils validate", measured: null, limit: ">= 1.5", met: null });
}
if (dockerSection !== null && "cases" in dockerSection && dockerSection.cases.length > 0) {
  const m = Math.min(...dockerSection.cases.map((c) => c.ratio));
  targets.push({ target: "docker build --no-cache time / simulate time (worst case)", measured: m, limit: ">= 1000", met: m >= 1000 });
} else targets.push({ target: "docker build --no-cache time / simulate time", measured: null, limit: ">= 1000", met: null });
if (scaling.length > 0) {
  // The fitted exponent of each series (all sizes) is the issue's target; the tail (the three
  // largest sizes) is held to the same bound, as the stricter check, and reported on its own line.
  for (const [label, pick] of [["fitted over all sizes", (r: SeriesResult) => r.exponent], ["tail: three largest sizes", (r: SeriesResult) => r.tailExponent]] as const) {
    const worst = scaling.reduce((a, b) => (pick(b) > pick(a) ? b : a));
    targets.push({ target: `largest scaling exponent, ${label} (${worst.name} ${worst.builder})`, measured: pick(worst), limit: "<= 1.1", met: pick(worst) <= 1.1 });
  }
} else targets.push({ target: "largest scaling exponent", measured: null, limit: "<= 1.1", met: null });

for (const d of distributions) {
  targets.push({ target: `worst corpus file / corpus p99, ${d.tool} (each file the min of ${d.repetitions} runs)`, measured: d.maxOverP99, limit: `<= ${MAX_OVER_P99}`, met: d.maxOverP99 <= MAX_OVER_P99 });
}
if (adversarial !== null) {
  const worst = adversarial.exponents.reduce<AdversarialExponent | null>((a, b) => (a === null || b.exponent > a.exponent ? b : a), null);
  if (worst !== null) targets.push({ target: `largest adversarial growth exponent (${worst.case} ${worst.builder}, CPU time)`, measured: worst.exponent, limit: "<= 1.1", met: worst.exponent <= 1.1 });
  // Held at the sizes up to the issue's (the series go beyond some of them to show the growth).
  const issueSize = new Map(ADVERSARIAL_CASES.map((c) => [c.name, c.issueSize]));
  const bad = adversarial.points.filter((p) => p.size <= (issueSize.get(p.case) ?? Infinity) && (verdictOf(p) === "OVER" || verdictOf(p) === "FAILED"));
  targets.push({ target: `adversarial inputs up to the issue's sizes over 2 s or 500 MB without a budget (${bad.map((p) => `${p.case} ${p.builder} ${p.size}`).join(", ") || "none"})`, measured: bad.length, limit: "0", met: bad.length === 0 });
}
if (checkSection !== null) {
  const st = checkSection.startup;
  targets.push({ target: "start-up: explain-cmd --json on a small file / node -e 0", measured: st.explainRatio, limit: "<= 1.5", met: st.explainRatio <= 1.5 });
  targets.push({ target: "start-up: dockerfile-check on a small file / node -e 0", measured: st.checkRatio, limit: "<= 1.5", met: st.checkRatio <= 1.5 });
  const c = checkSection.corpus;
  if ("runs" in c) targets.push({ target: "dockerfile-check over the corpus: 2 workers / 1 worker speed-up", measured: c.speedup, limit: ">= 1.8", met: c.speedup >= 1.8 });
  else targets.push({ target: "dockerfile-check corpus speed-up", measured: null, limit: ">= 1.8", met: null });
}

log("\n== targets");
for (const t of targets) log(`${t.met === null ? "n/a " : t.met ? "MET " : "MISS"}  ${t.target}: ${t.measured ?? "-"} (target ${t.limit})`);

const durationS = round((performance.now() - started) / 1000, 1);
const results = {
  schema: 1,
  date: new Date().toISOString(),
  durationS,
  commit: gitCommit(),
  machine,
  versions: { "dockerfile-semantics": pkgVersion("../"), "dockerfile-ast": pkgVersion("dockerfile-ast"), "dockerfile-utils": pkgVersion("dockerfile-utils") },
  runner: `node ${process.execArgv.join(" ")} (TypeScript through tsx)`,
  corpus: corpus ?? { note: corpusNote },
  toolDescriptions: TOOL_DESCRIPTIONS,
  scaling,
  docker: dockerSection,
  check: checkSection,
  bundles,
  worstCase: { distributions, adversarial },
  targets,
};
if (outFile !== "-") {
  mkdirSync(dirname(resolve(outFile)), { recursive: true });
  writeFileSync(outFile, JSON.stringify(results, null, 2) + "\n");
  log(`\nwrote ${outFile} (${durationS} s)`);
} else log(`\n(${durationS} s)`);
