/**
 * The corpus benchmark: every file of `../shared/corpus/files` through one tool, timed per file.
 *
 * Each tool runs in a child process of its own ({@link ./corpus-worker.ts}) so that its peak RSS
 * is its own and the JIT state of one tool does not flatter or penalise another.
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { percentile, round } from "./stats.js";
import { TOOLS, type ToolName } from "./tools.js";

const HERE = dirname(fileURLToPath(import.meta.url));

/** Where the corpus (the directory holding `files/`) is looked for: `$DOCKERFILE_CORPUS`, else `../shared/corpus`; null when absent. */
export function corpusCandidate(): string {
  const env = process.env["DOCKERFILE_CORPUS"];
  return env !== undefined && env !== "" ? resolve(env) : resolve(HERE, "..", "..", "shared", "corpus");
}

/** {@link corpusCandidate} when it holds `files/`, else null. */
export function findCorpus(): string | null {
  const dir = corpusCandidate();
  try {
    return statSync(join(dir, "files")).isDirectory() ? dir : null;
  } catch {
    return null;
  }
}

/** Loads the corpus texts in a stable order (sorted by name), as UTF-8. `limit` keeps the first N. */
export function loadCorpus(dir: string, limit = Infinity): { names: string[]; texts: string[]; bytes: number } {
  const names = readdirSync(join(dir, "files")).sort().slice(0, limit);
  const texts = names.map((n) => readFileSync(join(dir, "files", n), "utf8"));
  return { names, texts, bytes: texts.reduce((s, t) => s + Buffer.byteLength(t), 0) };
}

/** One tool's figures over the corpus. */
export interface ToolFigures {
  readonly tool: ToolName;
  readonly files: number;
  /** Sum of the per-file times. */
  readonly totalMs: number;
  /** CPU time (user + system) of the timed pass; less sensitive than wall time to other load. */
  readonly cpuMs: number;
  readonly filesPerSecond: number;
  readonly meanUs: number;
  readonly p50Us: number;
  readonly p99Us: number;
  readonly maxUs: number;
  /** Peak RSS of the process (corpus texts included). */
  readonly peakRssMiB: number;
  /** RSS after loading the corpus, before the tool ran. */
  readonly baselineRssMiB: number;
  readonly slowest: readonly { readonly file: string; readonly us: number }[];
  /** Files on which the tool threw (it should be none). */
  readonly threw: number;
}

/**
 * Times `tool` on each text after a warm-up over every 20th text. Per-file times use
 * `performance.now()` around a single call.
 */
export function measureTool(tool: ToolName, names: readonly string[], texts: readonly string[], baselineRssMiB = 0): ToolFigures {
  const run = TOOLS[tool];
  let sink = 0;
  for (let w = 0; w < 2; w++) for (let i = 0; i < texts.length; i += 20) {
    try {
      sink += run(texts[i]!);
    } catch {
      /* counted in the timed pass */
    }
  }
  const times = new Float64Array(texts.length);
  let threw = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < texts.length; i++) {
    const s = performance.now();
    try {
      sink += run(texts[i]!);
    } catch {
      threw++;
    }
    times[i] = performance.now() - s;
  }
  const wall = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (sink === -1) console.log("");
  const order = Array.from(times.keys()).sort((a, b) => times[b]! - times[a]!);
  const sorted = Float64Array.from(times).sort();
  const total = sorted.reduce((a, b) => a + b, 0);
  return {
    tool,
    files: texts.length,
    totalMs: round(total, 1),
    cpuMs: round((cpu.user + cpu.system) / 1000, 1),
    filesPerSecond: round(texts.length / (wall / 1000), 0),
    meanUs: round((total * 1000) / Math.max(1, texts.length), 1),
    p50Us: round(percentile(sorted, 50) * 1000, 1),
    p99Us: round(percentile(sorted, 99) * 1000, 1),
    maxUs: round(percentile(sorted, 100) * 1000, 0),
    peakRssMiB: round(process.resourceUsage().maxRSS / 1024, 1),
    baselineRssMiB: round(baselineRssMiB, 1),
    slowest: order.slice(0, 5).map((i) => ({ file: names[i]!, us: round(times[i]! * 1000, 0) })),
    threw,
  };
}

/** Runs {@link measureTool} for `tool` in a fresh child process and returns its figures. */
export function measureToolInChild(tool: ToolName, corpus: string, limit?: number): ToolFigures {
  const worker = join(HERE, "corpus-worker.ts");
  const args = [...process.execArgv, worker, tool, corpus, ...(limit === undefined ? [] : [String(limit)])];
  const r = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "inherit"] });
  if (r.status !== 0) throw new Error(`corpus worker for ${tool} exited with ${r.status ?? r.signal}`);
  const line = r.stdout.trim().split("\n").pop() ?? "";
  return JSON.parse(line) as ToolFigures;
}
