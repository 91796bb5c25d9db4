/**
 * The adversarial cases of issue 17, each run in a fresh process: wall time, peak resident memory
 * (`/usr/bin/time -v` when the machine has it, else the child's own `process.resourceUsage`), and
 * the budgets it stopped at. The target: every case under 2 s and 500 MB, or stopped at a budget
 * with an explicit unknown. Also the fitted growth exponent of each case's size series.
 *
 *     node --import tsx bench/adversarial.ts [--only case,case] [--issue-size-only] [--timeout-s 60] [--json FILE]
 *
 * @module
 */
import { spawn } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { ADVERSARIAL_CASES } from "./adversarial-cases.js";
import { growthExponent, round } from "./stats.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const TIME = "/usr/bin/time";

/** One measured run. */
export interface AdversarialPoint {
  readonly case: string;
  readonly builder: string;
  readonly size: number;
  readonly ms: number | null;
  /** CPU time of the simulation (user + system, all threads): what the exponents are fitted to. */
  readonly cpuMs: number | null;
  readonly maxRssMb: number | null;
  readonly budgets: readonly string[];
  readonly error: string | null;
  readonly failure?: string;
  /** Set when the run was stopped at the time limit (its series measures no larger size). */
  readonly timedOut?: true;
}

/**
 * Runs one input in a child process. The child runs in a process group of its own, and after
 * `timeoutMs` the whole group is killed (`/usr/bin/time` and the node worker under it): a timed-out
 * worker never runs on behind the bench.
 */
export function measure(name: string, size: number, builder: string, timeoutMs = 60_000): Promise<AdversarialPoint> {
  const node = [process.execPath, ...process.execArgv, join(HERE, "adversarial-worker.ts"), name, String(size), builder];
  const useTime = existsSync(TIME);
  const child = spawn(useTime ? TIME : node[0]!, useTime ? ["-v", ...node] : node.slice(1), { detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr = (stderr + d).slice(-64 * 1024)));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    killGroup(child.pid);
  }, timeoutMs);
  return new Promise((resolve) => {
    const done = (status: number | null, signal: string | null, error?: Error) => {
      clearTimeout(timer);
      killGroup(child.pid); // whatever the worker left behind
      resolve(pointOf(name, size, builder, { status, signal, stdout, stderr, error, timedOut, timeoutMs }));
    };
    child.on("error", (e) => done(null, null, e));
    child.on("close", (status, signal) => done(status, signal));
  });
}

/** Kills a process group (its leader's pid), if it still exists. */
function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    // already gone
  }
}

function pointOf(
  name: string, size: number, builder: string,
  r: { status: number | null; signal: string | null; stdout: string; stderr: string; error?: Error | undefined; timedOut: boolean; timeoutMs: number },
): AdversarialPoint {
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  const maxRssMb = rss === null ? null : Math.round(Number(rss[1]) / 1024);
  const line = r.stdout.trim().split("\n").pop() ?? "";
  const base = { case: name, builder, size, ms: null, cpuMs: null, maxRssMb, budgets: [], error: null };
  if (r.timedOut) return { ...base, timedOut: true, failure: `timed out after ${r.timeoutMs / 1000} s (process group killed)` };
  if (r.status !== 0 || line === "") {
    return { ...base, failure: r.error !== undefined ? r.error.message : `exit ${r.status ?? r.signal}: ${r.stderr.split("\n").filter((l) => /Error|error/.test(l)).slice(0, 2).join(" | ")}` };
  }
  const out = JSON.parse(line) as { ms: number; cpuMs?: number; budgets: string[]; error: string | null };
  return { ...base, ms: out.ms, cpuMs: out.cpuMs ?? null, budgets: out.budgets, error: out.error };
}

/** A case's fitted growth exponent (log-log least squares over the sizes that stopped at no budget). */
export interface AdversarialExponent {
  readonly case: string;
  readonly builder: string;
  /** Fitted to CPU time (the least disturbed by other load; wall time where CPU time is missing). */
  readonly exponent: number;
  /** Fitted to wall time. */
  readonly wallExponent: number;
}

/** Whether a point meets the target: under 2 s and 500 MB, or stopped at a budget (an explicit unknown). */
export function verdictOf(p: AdversarialPoint): "ok" | "budget" | "OVER" | "FAILED" {
  if (p.ms === null) return "FAILED";
  if (p.ms < 2000 && (p.maxRssMb ?? 0) < 500) return "ok";
  return p.budgets.length > 0 ? "budget" : "OVER";
}

/**
 * Measures every case (or those in `only`) at each size of its series plus the issue's size, each
 * in a fresh process, and fits each case's growth exponent. A series stops at its first size that
 * timed out (a larger one would only time out too). `log` gets one line per point.
 */
export async function runAdversarial(
  options: { only?: ReadonlySet<string>; issueSizeOnly?: boolean; log?: (line: string) => void; timeoutMs?: number } = {},
): Promise<{ points: AdversarialPoint[]; exponents: AdversarialExponent[] }> {
  const only = options.only ?? new Set<string>();
  const log = options.log ?? (() => {});
  const points: AdversarialPoint[] = [];
  const exponents: AdversarialExponent[] = [];
  for (const c of ADVERSARIAL_CASES) {
    if (only.size > 0 && !only.has(c.name)) continue;
    for (const builder of c.builders) {
      const sizes = options.issueSizeOnly === true ? [c.issueSize] : [...new Set([...c.sizes, c.issueSize])].sort((a, b) => a - b);
      const cpu: { x: number; y: number }[] = [];
      const wall: { x: number; y: number }[] = [];
      for (const size of sizes) {
        const p = await measure(c.name, size, builder, options.timeoutMs);
        points.push(p);
        if (p.ms !== null && p.budgets.length === 0) {
          wall.push({ x: size, y: Math.max(0.1, p.ms) });
          cpu.push({ x: size, y: Math.max(0.1, p.cpuMs ?? p.ms) });
        }
        const verdict = verdictOf(p);
        log(`${c.name.padEnd(22)} ${builder.padEnd(8)} ${String(size).padStart(10)} ${c.unit.padEnd(12)} ${String(p.ms ?? "-").padStart(8)} ms ${String(p.cpuMs ?? "-").padStart(8)} ms CPU ${String(p.maxRssMb ?? "-").padStart(5)} MB  ${verdict === "FAILED" ? `FAILED ${p.failure}` : verdict}${p.budgets.length > 0 ? ` [${p.budgets.join("; ")}]` : ""}${p.error !== null ? ` error: ${p.error}` : ""}`);
        if (p.timedOut === true) {
          const larger = sizes.filter((x) => x > size);
          if (larger.length > 0) log(`${c.name.padEnd(22)} ${builder.padEnd(8)} series stopped: ${larger.join(", ")} not measured after a timeout`);
          break;
        }
      }
      if (cpu.length >= 2) exponents.push({ case: c.name, builder, exponent: round(growthExponent(cpu), 3), wallExponent: round(growthExponent(wall), 3) });
    }
  }
  return { points, exponents };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { only: { type: "string", default: "" }, "issue-size-only": { type: "boolean", default: false }, json: { type: "string" }, "timeout-s": { type: "string", default: "60" } } });
  const only = new Set((values.only ?? "").split(",").filter((s) => s !== ""));
  const { points, exponents } = await runAdversarial({ only, issueSizeOnly: values["issue-size-only"] === true, timeoutMs: Number(values["timeout-s"]) * 1000, log: (l) => console.log(l) });
  for (const e of exponents) console.log(`exponent ${e.case} ${e.builder}: ${e.exponent} (CPU time; wall ${e.wallExponent})`);
  if (values.json !== undefined) writeFileSync(values.json, JSON.stringify({ points, exponents }, null, 2) + "\n");
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) await main();
