/**
 * The robustness contract of {@link simulate}, checked on one input: it never throws, it returns
 * a well-shaped {@link Simulation}, every diagnostic range lies within the text, the JSON
 * report is losslessly JSON-serialisable, and the work done stays within bounds linear in the
 * input ({@link workViolation}). Used in-process and inside the sandbox worker.
 *
 * @module
 */
import { workTotal } from "../../src/core/budget.js";
import type { Diagnostic } from "../../src/core/diagnostic.js";
import type { Range } from "../../src/core/range.js";
import { toJsonReport } from "../../src/report/json-report.js";
import { simulate, type SimulateOptions, type Simulation } from "../../src/simulate.js";

/** A named set of options to simulate with. */
export interface Variant {
  readonly name: string;
  readonly options: SimulateOptions;
}

/**
 * The option variants: both builders bare, then both with `docker run` overrides, build args
 * and a target (the target is often missing, which exercises the `--target` error path).
 */
export const VARIANTS: readonly Variant[] = [
  { name: "buildkit", options: { builder: "buildkit" } },
  { name: "legacy", options: { builder: "legacy" } },
  {
    name: "buildkit+run-args+env+build-args",
    options: {
      builder: "buildkit",
      buildArgs: { VERSION: "1.2.3", HTTP_PROXY: "http://proxy:3128", BASE: "alpine:3.20" },
      run: { args: ["--version", "$HOME"], env: ["FOO=bar", "HOME", "PATH="] },
    },
  },
  {
    name: "legacy+empty-entrypoint+workdir+user+target",
    options: {
      builder: "legacy",
      target: "builder",
      run: { entrypoint: "", args: [], workdir: "relative/dir", user: "nobody:nogroup" },
    },
  },
];

/** The two bare variants (both builders, no options): the cheapest check of both code paths. */
export const BARE_VARIANTS: readonly Variant[] = VARIANTS.slice(0, 2);

/** A violation of the contract. */
export interface Problem {
  /** `work`: past the work bounds of {@link workViolation}; `crash`: the worker died (e.g. out of memory). */
  readonly kind: "throw" | "shape" | "range" | "serialise" | "work" | "crash";
  readonly variant: string;
  readonly detail: string;
  /** The stack of a throw (or of the failed check). */
  readonly stack?: string;
}

/** The outcome of checking one text against some variants. */
export interface CheckOutcome {
  /** The first problem found, or null. */
  readonly problem: Problem | null;
  /** Milliseconds spent in `simulate` + `toJsonReport`, per variant (in order). */
  readonly ms: readonly number[];
}

/**
 * The work bound: most units of the simulator's own work counter ({@link workTotal} of
 * `Evaluation.work`: instructions, characters expanded, pattern steps, file changes) per input
 * character, plus {@link WORK_BASE}.
 */
export const WORK_PER_CHAR = 64;
/** The fixed allowance of {@link WORK_PER_CHAR}. */
export const WORK_BASE = 4096;
/** The output bound: most bytes of JSON report per character of input (plus {@link OUTPUT_BASE}). */
export const OUTPUT_PER_CHAR = 400;
/** Bytes of output allowed per exposed port, in the config and in each EXPOSE history entry. */
export const OUTPUT_PER_PORT = 24;
/** The fixed allowance of {@link OUTPUT_PER_CHAR}. */
export const OUTPUT_BASE = 64 * 1024;

/**
 * Why a simulation of `text` did more work than its length allows, or null: the work counter past
 * {@link WORK_PER_CHAR} units per character, or a report past {@link OUTPUT_PER_CHAR} bytes per
 * character. These bounds stand in for a time limit (a work count does not change with the
 * machine's load). EXPOSE 1-65535 lists 65,535 ports in the config and in the history text, as
 * Docker does: that output is the answer ({@link OUTPUT_PER_PORT} bytes per port and place).
 */
export function workViolation(text: string, sim: Simulation, report: ReturnType<typeof toJsonReport>): string | null {
  const work = workTotal(sim.evaluation.work);
  if (work > WORK_BASE + WORK_PER_CHAR * text.length) return `${work} units of work for ${text.length} characters (${JSON.stringify(sim.evaluation.work)})`;
  const size = JSON.stringify(report).length;
  const ports = Object.keys(report.config?.ExposedPorts ?? {}).length;
  const places = 1 + (report.history ?? []).filter((h) => h.created_by.includes("EXPOSE")).length;
  if (size > OUTPUT_BASE + OUTPUT_PER_CHAR * text.length + OUTPUT_PER_PORT * ports * places) return `a ${size}-byte report for ${text.length} characters`;
  return null;
}

/** The line model ranges are checked against: lines split on `\n`; a line's length counts a trailing `\r`. */
export function lineLengths(text: string): number[] {
  return text.split("\n").map((l) => l.length);
}

function isNonNegInt(n: unknown): n is number {
  return typeof n === "number" && Number.isInteger(n) && n >= 0;
}

function fmtRange(r: unknown): string {
  try {
    return JSON.stringify(r);
  } catch {
    return String(r);
  }
}

/** Why a range is not within the text, or null when it is. */
export function rangeViolation(range: unknown, lengths: readonly number[]): string | null {
  if (range === null) return null;
  if (typeof range !== "object" || range === undefined) return `range is ${typeof range}`;
  const r = range as Partial<Range>;
  for (const end of ["start", "end"] as const) {
    const p = r[end];
    if (typeof p !== "object" || p === null) return `range.${end} is missing`;
    if (!isNonNegInt(p.line) || !isNonNegInt(p.character)) return `range.${end} is not two non-negative integers: ${fmtRange(p)}`;
    if (p.line >= lengths.length) return `range.${end}.line ${p.line} >= number of lines ${lengths.length}`;
    const len = lengths[p.line]!;
    if (p.character > len) return `range.${end}.character ${p.character} > length ${len} of line ${p.line}`;
  }
  const s = r.start!;
  const e = r.end!;
  if (s.line > e.line || (s.line === e.line && s.character > e.character)) return `range start after end: ${fmtRange(range)}`;
  return null;
}

/** Why a value does not survive `JSON.stringify` + `JSON.parse` unchanged, or null. */
export function jsonViolation(value: unknown, path = "$", seen: Set<object> = new Set()): string | null {
  if (value === null || typeof value === "string" || typeof value === "boolean") return null;
  if (typeof value === "number") return Number.isFinite(value) ? null : `${path} is ${value}`;
  if (typeof value !== "object") return `${path} is a ${typeof value}`;
  if (seen.has(value)) return `${path} is a cycle`;
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        if (!(i in value)) return `${path}[${i}] is a hole`;
        const v = jsonViolation(value[i], `${path}[${i}]`, seen);
        if (v !== null) return v;
      }
      return null;
    }
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) return `${path} is a ${(value as object).constructor?.name ?? "non-plain object"}`;
    if ("toJSON" in value) return `${path} has toJSON`;
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined) return `${path}.${k} is undefined`;
      const bad = jsonViolation(v, `${path}.${k}`, seen);
      if (bad !== null) return bad;
    }
    return null;
  } finally {
    seen.delete(value);
  }
}

const SEVERITIES = new Set(["error", "warning", "info"]);
const CODE = /^[a-z]+\/[a-z0-9-]+$/;

function diagnosticViolation(d: unknown, lengths: readonly number[], where: string): string | null {
  if (typeof d !== "object" || d === null) return `${where} is not an object`;
  const x = d as Partial<Diagnostic>;
  if (typeof x.code !== "string" || !CODE.test(x.code)) return `${where}.code is ${JSON.stringify(x.code)}`;
  if (typeof x.severity !== "string" || !SEVERITIES.has(x.severity)) return `${where}.severity is ${JSON.stringify(x.severity)}`;
  if (typeof x.message !== "string" || x.message === "") return `${where}.message is ${JSON.stringify(x.message)} (${x.code})`;
  if (x.message.includes("[object Object]")) return `${where}.message contains [object Object]: ${x.message}`;
  if (!("range" in x)) return `${where}.range is missing (${x.code})`;
  const rv = rangeViolation(x.range, lengths);
  return rv === null ? null : `${where} (${x.code} "${x.message.slice(0, 120)}"): ${rv}`;
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((s) => typeof s === "string");
}

/** Why a simulation is wrong-shaped, or null. */
export function shapeViolation(sim: Simulation, lengths: readonly number[]): { kind: "shape" | "range"; detail: string } | null {
  if (typeof sim !== "object" || sim === null) return { kind: "shape", detail: `simulate returned ${String(sim)}` };
  if (!Array.isArray(sim.diagnostics)) return { kind: "shape", detail: "diagnostics is not an array" };
  if (typeof sim.evaluation !== "object" || sim.evaluation === null) return { kind: "shape", detail: "evaluation is missing" };
  for (let i = 0; i < sim.diagnostics.length; i++) {
    const v = diagnosticViolation(sim.diagnostics[i], lengths, `diagnostics[${i}]`);
    if (v !== null) return { kind: v.includes("range") ? "range" : "shape", detail: v };
  }
  if (sim.error !== null) {
    const v = diagnosticViolation(sim.error, lengths, "error");
    if (v !== null) return { kind: v.includes("range") ? "range" : "shape", detail: v };
    if (sim.error.severity !== "error") return { kind: "shape", detail: `error has severity ${sim.error.severity}` };
    if (!sim.diagnostics.includes(sim.error)) return { kind: "shape", detail: `error (${sim.error.code}) is not among the diagnostics` };
  }
  if (sim.stage === null && sim.error === null) return { kind: "shape", detail: "no stage and no error: the result says nothing" };
  if (sim.stage === null && sim.run !== null) return { kind: "shape", detail: "run without a stage" };
  if (sim.stage !== null && sim.run === null) return { kind: "shape", detail: "a stage without a run resolution" };
  if (sim.stage !== null && sim.evaluation.target !== sim.stage) return { kind: "shape", detail: "stage is not evaluation.target" };
  const run = sim.run;
  if (run !== null) {
    if (run.ok) {
      if (typeof run.path !== "string" || !isStringArray(run.args) || !isStringArray(run.env) || typeof run.workdir !== "string" || typeof run.user !== "string")
        return { kind: "shape", detail: `run is wrong-shaped: ${JSON.stringify({ ...run, argv: undefined })}` };
    } else if (typeof run.error !== "string" || run.error === "") return { kind: "shape", detail: `run.ok is false without an error message` };
  }
  return null;
}

/** Checks the report's field types beyond serialisability. */
export function reportViolation(report: ReturnType<typeof toJsonReport>): string | null {
  if (report.stage !== null && typeof report.stage !== "string") return `report.stage is ${typeof report.stage}`;
  if (report.config !== null && (typeof report.config !== "object" || Array.isArray(report.config))) return "report.config is not an object";
  if (!Array.isArray(report.history)) return "report.history is not an array";
  for (const h of report.history) if (typeof h.created_by !== "string" || typeof h.empty_layer !== "boolean") return `report.history entry is wrong-shaped: ${JSON.stringify(h)}`;
  if (report.layers !== null && !isNonNegInt(report.layers)) return `report.layers is ${String(report.layers)}`;
  if ("error" in report && typeof report.error !== "string") return "report.error is not a string";
  return null;
}

function errorStack(e: unknown): string {
  if (e instanceof Error) return e.stack ?? `${e.name}: ${e.message}`;
  try {
    return `non-Error thrown: ${JSON.stringify(e)}`;
  } catch {
    return `non-Error thrown: ${String(e)}`;
  }
}

/** Checks one variant; returns a problem or null. */
export function checkVariant(text: string, variant: Variant, lengths: readonly number[] = lineLengths(text)): Problem | null {
  let sim: Simulation;
  try {
    sim = simulate(text, variant.options);
  } catch (e) {
    return { kind: "throw", variant: variant.name, detail: `simulate threw: ${e instanceof Error ? e.message : String(e)}`, stack: errorStack(e) };
  }
  let shape: ReturnType<typeof shapeViolation>;
  try {
    shape = shapeViolation(sim, lengths);
  } catch (e) {
    return { kind: "shape", variant: variant.name, detail: `checking the simulation threw: ${String(e)}`, stack: errorStack(e) };
  }
  if (shape !== null) return { kind: shape.kind, variant: variant.name, detail: shape.detail };
  let report: ReturnType<typeof toJsonReport>;
  try {
    report = toJsonReport(sim);
  } catch (e) {
    return { kind: "throw", variant: variant.name, detail: `toJsonReport threw: ${e instanceof Error ? e.message : String(e)}`, stack: errorStack(e) };
  }
  const bad = jsonViolation(report) ?? reportViolation(report);
  if (bad !== null) return { kind: "serialise", variant: variant.name, detail: bad };
  try {
    const s = JSON.stringify(report);
    if (typeof s !== "string") return { kind: "serialise", variant: variant.name, detail: "JSON.stringify(report) is not a string" };
  } catch (e) {
    return { kind: "serialise", variant: variant.name, detail: `JSON.stringify(report) threw: ${String(e)}`, stack: errorStack(e) };
  }
  const work = workViolation(text, sim, report);
  return work === null ? null : { kind: "work", variant: variant.name, detail: work };
}

/** Checks every variant in order, stopping at the first problem. */
export function checkText(text: string, variants: readonly Variant[] = VARIANTS): CheckOutcome {
  const lengths = lineLengths(text);
  const ms: number[] = [];
  for (const v of variants) {
    const t0 = performance.now();
    const problem = checkVariant(text, v, lengths);
    ms.push(performance.now() - t0);
    if (problem !== null) return { problem, ms };
  }
  return { problem: null, ms };
}

/** One line describing a problem, for failure messages. */
export function describeProblem(p: Problem): string {
  return `[${p.kind}] (${p.variant}) ${p.detail}${p.stack === undefined ? "" : `\n${p.stack}`}`;
}
