/**
 * Bench of `dockerfile-check` (issue 20), measured on whole processes of the bundled CLIs:
 * - start-up: a one-shot `explain-cmd --json` and `dockerfile-check` on a small file against `node -e 0`,
 *   interleaved round by round in the same run (the median of each; targets: <= 1.5x);
 * - the corpus with checks: `dockerfile-check --format jsonl --files-from LIST` over every corpus file with
 *   1 and with 2 workers (files per second; the 2-worker speed-up, target >= 1.8x).
 *
 * The bundles are rebuilt first when a source file is newer than them.
 *
 * @module
 */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Start-up figures: medians in milliseconds and ratios to `node -e 0`. */
export interface StartupFigures {
  readonly rounds: number;
  readonly nodeMs: number;
  readonly explainMs: number;
  readonly checkMs: number;
  readonly explainRatio: number;
  readonly checkRatio: number;
}

/** Corpus figures for one worker count. */
export interface CheckCorpusRun {
  readonly jobs: number;
  readonly files: number;
  readonly wallS: number;
  readonly filesPerS: number;
  /** Lines of output: one per file (checks every file was reported). */
  readonly reported: number;
}

/** The check section of the bench. */
export interface CheckBench {
  /** The 1-minute load average before and after the section (a shared machine's wall times depend on it). */
  readonly loadAverage: { readonly before: number; readonly after: number };
  readonly startup: StartupFigures;
  readonly corpus: { readonly runs: readonly CheckCorpusRun[]; readonly speedup: number } | { readonly unavailable: string };
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
    const built = Math.min(statSync(join(root, "dist", "bundle", "dockerfile-check.js")).mtimeMs, statSync(join(root, "dist", "bundle", "explain-cmd.js")).mtimeMs);
    stale = newestMtime(join(root, "src")) > built;
  } catch {
    stale = true;
  }
  if (stale) execFileSync("npm", ["run", "build"], { cwd: root, stdio: "ignore" });
}

function wallMs(args: readonly string[], cwd: string): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.error !== undefined) throw r.error;
  return ms;
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
    for (let k = 0; k < rounds + 2; k++) {
      for (const name of ["node", "explain", "check"] as const) {
        const ms = wallMs(commands[name], dir);
        if (k >= 2) times[name].push(ms);
      }
    }
    const nodeMs = median(times.node);
    const explainMs = median(times.explain);
    const checkMs = median(times.check);
    const r2 = (x: number): number => Math.round(x * 100) / 100;
    return { rounds, nodeMs: r2(nodeMs), explainMs: r2(explainMs), checkMs: r2(checkMs), explainRatio: r2(explainMs / nodeMs), checkRatio: r2(checkMs / nodeMs) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs `dockerfile-check` over the corpus files (the first `limit`) with each worker count. */
export function measureCheckCorpus(root: string, corpusDir: string, jobsList: readonly number[], limit = Infinity): { runs: CheckCorpusRun[]; speedup: number } {
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
      });
      const wallS = Number(process.hrtime.bigint() - t) / 1e9;
      if (r.status !== 0) throw new Error(`dockerfile-check exited ${r.status}: ${r.stderr.slice(-500)}`);
      const reported = r.stdout.split("\n").filter((l) => l !== "").length;
      runs.push({ jobs, files: names.length, wallS: Math.round(wallS * 100) / 100, filesPerS: Math.round(names.length / wallS), reported });
    }
    const one = runs.find((x) => x.jobs === 1);
    const two = runs.find((x) => x.jobs === 2);
    return { runs, speedup: one !== undefined && two !== undefined ? Math.round((one.wallS / two.wallS) * 100) / 100 : NaN };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
