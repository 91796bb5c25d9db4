/**
 * The adversarial cases of issue 17, each run in a fresh process: wall time, peak resident memory
 * (`/usr/bin/time -v` when the machine has it, else the child's own `process.resourceUsage`), and
 * the budgets it stopped at. The target: every case under 2 s and 500 MB, or stopped at a budget
 * with an explicit unknown. Also the fitted growth exponent of each case's size series.
 *
 *     node --import tsx bench/adversarial.ts [--only case,case] [--issue-size-only] [--json FILE]
 *
 * @module
 */
import { spawnSync } from "node:child_process";
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
}

/** Runs one input in a child process (killed after `timeoutMs`). */
export function measure(name: string, size: number, builder: string, timeoutMs = 60_000): AdversarialPoint {
  const node = [process.execPath, ...process.execArgv, join(HERE, "adversarial-worker.ts"), name, String(size), builder];
  const useTime = existsSync(TIME);
  const r = spawnSync(useTime ? TIME : node[0]!, useTime ? ["-v", ...node] : node.slice(1), { encoding: "utf8", timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr ?? "");
  const maxRssMb = rss === null ? null : Math.round(Number(rss[1]) / 1024);
  const line = (r.stdout ?? "").trim().split("\n").pop() ?? "";
  if (r.status !== 0 || line === "") {
    return { case: name, builder, size, ms: null, cpuMs: null, maxRssMb, budgets: [], error: null, failure: r.error !== undefined ? String(r.error.message) : `exit ${r.status ?? r.signal}: ${(r.stderr ?? "").split("\n").filter((l) => /Error|error/.test(l)).slice(0, 2).join(" | ")}` };
  }
  const out = JSON.parse(line) as { ms: number; cpuMs?: number; budgets: string[]; error: string | null };
  return { case: name, builder, size, ms: out.ms, cpuMs: out.cpuMs ?? null, maxRssMb, budgets: out.budgets, error: out.error };
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
 * in a fresh process, and fits each case's growth exponent. `log` gets one line per point.
 */
export function runAdversarial(options: { only?: ReadonlySet<string>; issueSizeOnly?: boolean; log?: (line: string) => void } = {}): { points: AdversarialPoint[]; exponents: AdversarialExponent[] } {
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
        const p = measure(c.name, size, builder);
        points.push(p);
        if (p.ms !== null && p.budgets.length === 0) {
          wall.push({ x: size, y: Math.max(0.1, p.ms) });
          cpu.push({ x: size, y: Math.max(0.1, p.cpuMs ?? p.ms) });
        }
        const verdict = verdictOf(p);
        log(`${c.name.padEnd(22)} ${builder.padEnd(8)} ${String(size).padStart(10)} ${c.unit.padEnd(12)} ${String(p.ms ?? "-").padStart(8)} ms ${String(p.cpuMs ?? "-").padStart(8)} ms CPU ${String(p.maxRssMb ?? "-").padStart(5)} MB  ${verdict === "FAILED" ? `FAILED ${p.failure}` : verdict}${p.budgets.length > 0 ? ` [${p.budgets.join("; ")}]` : ""}${p.error !== null ? ` error: ${p.error}` : ""}`);
      }
      if (cpu.length >= 2) exponents.push({ case: c.name, builder, exponent: round(growthExponent(cpu), 3), wallExponent: round(growthExponent(wall), 3) });
    }
  }
  return { points, exponents };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { only: { type: "string", default: "" }, "issue-size-only": { type: "boolean", default: false }, json: { type: "string" } } });
  const only = new Set((values.only ?? "").split(",").filter((s) => s !== ""));
  const { points, exponents } = runAdversarial({ only, issueSizeOnly: values["issue-size-only"] === true, log: (l) => console.log(l) });
  for (const e of exponents) console.log(`exponent ${e.case} ${e.builder}: ${e.exponent} (CPU time; wall ${e.wallExponent})`);
  if (values.json !== undefined) writeFileSync(values.json, JSON.stringify({ points, exponents }, null, 2) + "\n");
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) await main();
