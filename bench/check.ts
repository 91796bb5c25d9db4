/**
 * Bench of `dockerfile-check` (issue 20), measured on whole processes of the bundled CLIs:
 * - start-up: a one-shot `explain-cmd --json` and `dockerfile-check` on a small file against `node -e 0`,
 *   interleaved round by round in the same run (the median wall time of each, and the mean CPU time of each;
 *   targets: <= 1.5x by wall clock);
 * - the corpus with checks: `dockerfile-check --format jsonl --files-from LIST` over every corpus file with
 *   `--jobs 1` (one worker thread) and `--jobs 2` (two), the same code path but for the number of workers
 *   (files per second; the 2-worker speed-up, target >= 1.8x). Each run also reports, through
 *   `DOCKERFILE_CHECK_STATS=1`, where its CPU time went: the main thread, each worker, and the rest of the
 *   process (V8's background threads: optimising compiler, garbage collector). On a shared machine the wall
 *   ratio depends on the load; the CPU figures say what the run would do on free cores:
 *   `cpuBoundSpeedup` = the 1-worker run's critical path over the 2-worker run's, where a run's critical
 *   path on `cores` free cores is max(its busiest thread, its process CPU / cores).
 *
 * The bundles are rebuilt first when a source file is newer than them.
 *
 * @module
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { procCpuMs } from "../src/node/check-cli/batch.js";

/** Start-up figures: medians in milliseconds and ratios to `node -e 0`. */
export interface StartupFigures {
  readonly rounds: number;
  readonly nodeMs: number;
  readonly explainMs: number;
  readonly checkMs: number;
  readonly explainRatio: number;
  readonly checkRatio: number;
  /**
   * Mean CPU milliseconds of each command (all its threads; Linux: the children's times in /proc/self/stat,
   * 10 ms ticks summed over the rounds) and the ratios: on a loaded machine steadier than wall times.
   */
  readonly cpu: { readonly nodeMs: number; readonly explainMs: number; readonly checkMs: number; readonly explainRatio: number; readonly checkRatio: number } | null;
}

/** Corpus figures for one worker count. */
export interface CheckCorpusRun {
  readonly jobs: number;
  readonly files: number;
  readonly wallS: number;
  readonly filesPerS: number;
  /** Lines of output: one per file (checks every file was reported). */
  readonly reported: number;
  /** CPU milliseconds: the whole process, its main thread, each worker (null where unknown). */
  readonly cpu: { readonly processMs: number; readonly mainMs: number | null; readonly workersMs: readonly number[] | null } | null;
  /** The main thread's share of the process's CPU time. */
  readonly mainShare: number | null;
  /** CPU microseconds per file (whole process). */
  readonly cpuUsPerFile: number | null;
}

/** The corpus runs and the 1 -> 2 worker speed-up, by wall clock and as the CPU figures predict on free cores. */
export interface CheckCorpusFigures {
  readonly runs: readonly CheckCorpusRun[];
  readonly speedup: number;
  readonly cpuBoundSpeedup: number | null;
  readonly cores: number;
}

/**
 * What this machine gives two copies of a job run at once, against one alone: `ceiling` = 2 x alone / the
 * slower of the two together, the largest 1 -> 2 speed-up that job could show here (2x on ideal hardware;
 * shared caches, memory bandwidth and, on a VM, the host take their share). Measured for a `node` loop that
 * allocates nothing (the hardware's share alone) and for a whole `dockerfile-check --jobs 1` process over the
 * first corpus files (two independent processes: the same per-isolate costs, JIT compiling included, that two
 * workers have, with no sharing at all between them).
 */
export interface ParallelCeiling {
  /** What ran: "node loop" or "dockerfile-check --jobs 1 over N corpus files". */
  readonly job: string;
  /** Wall seconds of one copy alone (the faster of two runs) and of each of the two run together. */
  readonly aloneS: number;
  readonly togetherS: readonly number[];
  /** CPU seconds of one copy alone and of the two together (summed): more CPU for the same work means the copies slowed each other. */
  readonly aloneCpuS: number | null;
  readonly togetherCpuS: number | null;
  readonly ceiling: number;
}

/** The check section of the bench. */
export interface CheckBench {
  /** The 1-minute load average before and after the section (a shared machine's wall times depend on it). */
  readonly loadAverage: { readonly before: number; readonly after: number };
  readonly startup: StartupFigures;
  readonly corpus: CheckCorpusFigures | { readonly unavailable: string };
  /** Two copies of a job at once against one alone, measured in the same section (see {@link ParallelCeiling}). */
  readonly ceilings: readonly ParallelCeiling[];
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the bundles when missing or older than the sources. */
export function ensureBundles(root: string): void {
  let stale = true;
  try {
    const built = Math.min(statSync(join(root, "dist", "bundle", "dockerfile-check.cjs")).mtimeMs, statSync(join(root, "dist", "bundle", "explain-cmd.cjs")).mtimeMs);
    stale = Math.max(newestMtime(join(root, "src")), statSync(join(root, "scripts", "bundle.mjs")).mtimeMs) > built;
  } catch {
    stale = true;
  }
  if (stale) execFileSync("npm", ["run", "build"], { cwd: root, stdio: "ignore" });
}

/** CPU milliseconds used by this process's finished children (Linux; null elsewhere). */
const childrenCpuMs = (): number | null => procCpuMs("/proc/self/stat", 16);

function timed(args: readonly string[], cwd: string): { wallMs: number; cpuMs: number | null } {
  const c = childrenCpuMs();
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.error !== undefined) throw r.error;
  const c2 = childrenCpuMs();
  return { wallMs: ms, cpuMs: c === null || c2 === null ? null : c2 - c };
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

/** Measures start-up: `rounds` interleaved rounds of the three commands (after two warm-up rounds). */
export function measureStartup(root: string, rounds = 15): StartupFigures {
  const dir = mkdtempSync(join(tmpdir(), "dfs-startup-"));
  try {
    writeFileSync(join(dir, "Dockerfile"), 'FROM scratch\nENV A=1\nCOPY app /app\nENTRYPOINT ["/app"]\nCMD ["--help"]\n');
    const commands = {
      node: ["-e", "0"],
      explain: [join(root, "bin", "explain-cmd.js"), "--json", "."],
      check: [join(root, "bin", "dockerfile-check.js"), "Dockerfile"],
    };
    const times = { node: [] as number[], explain: [] as number[], check: [] as number[] };
    const cpu: Record<"node" | "explain" | "check", number | null> = { node: 0, explain: 0, check: 0 };
    for (let k = 0; k < rounds + 2; k++) {
      for (const name of ["node", "explain", "check"] as const) {
        const t = timed(commands[name], dir);
        if (k < 2) continue;
        times[name].push(t.wallMs);
        const sum = cpu[name];
        cpu[name] = sum === null || t.cpuMs === null ? null : sum + t.cpuMs;
      }
    }
    const nodeMs = median(times.node);
    const explainMs = median(times.explain);
    const checkMs = median(times.check);
    const r2 = (x: number): number => Math.round(x * 100) / 100;
    const c = cpu.node === null || cpu.explain === null || cpu.check === null || cpu.node === 0 ? null : { node: cpu.node / rounds, explain: cpu.explain / rounds, check: cpu.check / rounds };
    return {
      rounds,
      nodeMs: r2(nodeMs),
      explainMs: r2(explainMs),
      checkMs: r2(checkMs),
      explainRatio: r2(explainMs / nodeMs),
      checkRatio: r2(checkMs / nodeMs),
      cpu: c === null ? null : { nodeMs: r2(c.node), explainMs: r2(c.explain), checkMs: r2(c.check), explainRatio: r2(c.explain / c.node), checkRatio: r2(c.check / c.node) },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The critical path of a run on `cores` free cores, from its CPU figures (ms), or null where unknown. */
function criticalPathMs(run: CheckCorpusRun, cores: number): number | null {
  if (run.cpu === null || run.cpu.workersMs === null || run.cpu.mainMs === null) return null;
  return Math.max(run.cpu.mainMs, ...run.cpu.workersMs, run.cpu.processMs / cores);
}

/** Runs `dockerfile-check` over the corpus files (the first `limit`) with each worker count. */
export function measureCheckCorpus(root: string, corpusDir: string, jobsList: readonly number[], limit = Infinity, cores = 2): CheckCorpusFigures {
  const names = readdirSync(join(corpusDir, "files")).sort().slice(0, limit);
  const dir = mkdtempSync(join(tmpdir(), "dfs-check-corpus-"));
  try {
    const list = join(dir, "files.txt");
    writeFileSync(list, names.map((n) => join(corpusDir, "files", n)).join("\n") + "\n");
    const runs: CheckCorpusRun[] = [];
    for (const jobs of jobsList) {
      const t = process.hrtime.bigint();
      const r = spawnSync(process.execPath, [join(root, "bin", "dockerfile-check.js"), "--format", "jsonl", "--fail-on", "none", "--jobs", String(jobs), "--files-from", list], {
        cwd: dir,
        maxBuffer: 1 << 30,
        encoding: "utf8",
        env: { ...process.env, DOCKERFILE_CHECK_STATS: "1" },
      });
      const wallS = Number(process.hrtime.bigint() - t) / 1e9;
      if (r.status !== 0) throw new Error(`dockerfile-check exited ${r.status}: ${r.stderr.slice(-500)}`);
      let reported = 0;
      for (let k = r.stdout.indexOf("\n"); k >= 0; k = r.stdout.indexOf("\n", k + 1)) reported++;
      const statsLine = r.stderr.trim().split("\n").at(-1) ?? "";
      let cpu: CheckCorpusRun["cpu"] = null;
      try {
        const s = (JSON.parse(statsLine) as { stats: { processCpuMs: number; mainCpuMs: number | null; workerCpuMs?: number[] | null } }).stats;
        cpu = { processMs: s.processCpuMs, mainMs: s.mainCpuMs, workersMs: s.workerCpuMs ?? null };
      } catch {
        cpu = null;
      }
      const r3 = (x: number): number => Math.round(x * 1000) / 1000;
      runs.push({
        jobs,
        files: names.length,
        wallS: Math.round(wallS * 100) / 100,
        filesPerS: Math.round(names.length / wallS),
        reported,
        cpu,
        mainShare: cpu === null || cpu.mainMs === null ? null : r3(cpu.mainMs / cpu.processMs),
        cpuUsPerFile: cpu === null ? null : Math.round((cpu.processMs * 1000) / names.length),
      });
    }
    const one = runs.find((x) => x.jobs === 1);
    const two = runs.find((x) => x.jobs === 2);
    const p1 = one === undefined ? null : criticalPathMs(one, cores);
    const p2 = two === undefined ? null : criticalPathMs(two, cores);
    return {
      runs,
      speedup: one !== undefined && two !== undefined ? Math.round((one.wallS / two.wallS) * 100) / 100 : NaN,
      cpuBoundSpeedup: p1 === null || p2 === null ? null : Math.round((p1 / p2) * 100) / 100,
      cores,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `count` copies of `node ARGS` at once; resolves with each one's wall seconds. */
function copiesTogether(count: number, args: readonly string[], cwd: string): Promise<number[]> {
  const t = process.hrtime.bigint();
  return Promise.all(
    Array.from({ length: count }, () =>
      new Promise<number>((resolve, reject) => {
        const child = spawn(process.execPath, args, { cwd, stdio: "ignore" });
        child.on("error", reject);
        child.on("exit", (code) => (code === 0 ? resolve(Number(process.hrtime.bigint() - t) / 1e9) : reject(new Error(`node ${args.join(" ")} exited ${code}`))));
      }),
    ),
  );
}

/** Measures a {@link ParallelCeiling}: `node ARGS` alone, two copies together, alone again (the faster alone run counts). */
async function measureCeiling(job: string, args: readonly string[], cwd: string): Promise<ParallelCeiling> {
  const cpuOf = async (count: number): Promise<{ walls: number[]; cpuS: number | null }> => {
    const c = childrenCpuMs();
    const walls = await copiesTogether(count, args, cwd);
    const c2 = childrenCpuMs();
    return { walls, cpuS: c === null || c2 === null ? null : (c2 - c) / 1000 };
  };
  const alone1 = await cpuOf(1);
  const together = await cpuOf(2);
  const alone2 = await cpuOf(1);
  const alone = alone1.walls[0]! <= alone2.walls[0]! ? alone1 : alone2;
  const r2 = (x: number): number => Math.round(x * 100) / 100;
  return {
    job,
    aloneS: r2(alone.walls[0]!),
    togetherS: together.walls.map(r2),
    aloneCpuS: alone.cpuS === null ? null : r2(alone.cpuS),
    togetherCpuS: together.cpuS === null ? null : r2(together.cpuS),
    ceiling: r2((2 * alone.walls[0]!) / Math.max(...together.walls)),
  };
}

/**
 * The {@link ParallelCeiling}s: a `node` loop of `iterations` steps that allocates nothing (1e9: about 3 s on
 * the 2-core Xeon of the results), and, with a corpus, `dockerfile-check --jobs 1` over its first `files` files.
 */
export async function measureParallelCeilings(root: string, corpusDir: string | null, files = 5000, iterations = 1e9): Promise<ParallelCeiling[]> {
  const loop = `let x = 0; for (let i = 0; i < ${iterations}; i++) x = (x + i * 31) | 0; if (x === 42) console.log(x);`;
  const out = [await measureCeiling("node loop", ["-e", loop], root)];
  if (corpusDir === null) return out;
  const names = readdirSync(join(corpusDir, "files")).sort().slice(0, files);
  const dir = mkdtempSync(join(tmpdir(), "dfs-check-ceiling-"));
  try {
    writeFileSync(join(dir, "files.txt"), names.map((n) => join(corpusDir, "files", n)).join("\n") + "\n");
    const args = [join(root, "bin", "dockerfile-check.js"), "--format", "jsonl", "--fail-on", "none", "--jobs", "1", "--files-from", join(dir, "files.txt")];
    out.push(await measureCeiling(`dockerfile-check --jobs 1 over ${names.length} corpus files`, args, dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
