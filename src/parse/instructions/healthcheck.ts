import { goQuote, parseGoDuration } from "../../docker/index.js";
import type { HealthcheckInstruction, HealthcheckOptions } from "../instruction.js";
import { argsRange, failAt, instructionOf, type InstructionOutcome, type LineContext } from "../line-context.js";
import { isGoSpace } from "../source-lines.js";
import { readCommandLine } from "./command-line.js";
import { parseInstructionFlags, stringFlag } from "./parse-flags.js";

const MILLISECOND = 1_000_000n;

/** Go's `%#v` of a string: a double-quoted Go literal (as `%q`). */
const goQuoted = goQuote;

function parseInterval(name: string, value: string | null): { ok: true; ns: number } | { ok: false; error: string } {
  if (value === null || value === "") return { ok: true, ns: 0 };
  const d = parseGoDuration(value);
  if (!d.ok) return { ok: false, error: d.error };
  if (d.value === 0n) return { ok: true, ns: 0 };
  if (d.value < MILLISECOND) return { ok: false, error: `Interval ${goQuoted(name)} cannot be less than 1ms` };
  return { ok: true, ns: Number(d.value) };
}

/**
 * `HEALTHCHECK [--interval=…] CMD …` / `HEALTHCHECK NONE` (BuildKit `parseHealthcheck`, Docker 28.5:
 * `0s` durations and `--retries=0` are accepted; negative retries are not).
 */
export function parseHealthcheck(ctx: LineContext & { keyword: "HEALTHCHECK" }): InstructionOutcome<HealthcheckInstruction> {
  const text = ctx.args;
  let sep = 0;
  while (sep < text.length && !isGoSpace(text.charCodeAt(sep))) sep++;
  let next = sep;
  while (next < text.length && isGoSpace(text.charCodeAt(next))) next++;
  const none: HealthcheckOptions = { interval: 0, timeout: 0, startPeriod: 0, startInterval: 0, retries: 0 };
  const rest = { ...ctx, args: text.slice(next), argsOffset: ctx.argsOffset + next };
  const cl = sep === 0 ? { ok: true as const, command: null } : readCommandLine(rest);
  if (!cl.ok) return failAt(ctx, 1, "build/json-not-strings", cl.error, argsRange(ctx));
  if (sep === 0) return failAt(ctx, 2, "build/arguments", "HEALTHCHECK requires at least one argument");
  const type = text.slice(0, sep).toUpperCase();
  if (type === "NONE") {
    if (cl.command !== null) return failAt(ctx, 2, "build/arguments", "HEALTHCHECK NONE takes no arguments", argsRange(ctx));
    return { ok: true, instruction: instructionOf(ctx, { test: ["NONE"], options: none }) };
  }
  const flags = parseInstructionFlags(ctx);
  if (!flags.ok) return flags;
  if (type !== "CMD") return failAt(ctx, 2, "build/arguments", `Unknown type ${goQuoted(type)} in HEALTHCHECK (try CMD)`, argsRange(ctx));
  const command = cl.command;
  if (command === null || (command.form === "exec" && command.argv.length === 0)) {
    return failAt(ctx, 2, "build/arguments", "Missing command after HEALTHCHECK CMD", argsRange(ctx));
  }
  const test = command.form === "exec" ? ["CMD", ...command.argv] : ["CMD-SHELL", command.text];
  const durations: Record<string, number> = {};
  for (const [name, key] of [["interval", "interval"], ["timeout", "timeout"], ["start-period", "startPeriod"], ["start-interval", "startInterval"]] as const) {
    const d = parseInterval(name, stringFlag(flags.values, name));
    if (!d.ok) return failAt(ctx, 2, "build/invalid-value", d.error);
    durations[key] = d.ns;
  }
  let retries = 0;
  const r = stringFlag(flags.values, "retries");
  if (r !== null && r !== "") {
    if (!/^[+-]?\d+$/.test(r)) return failAt(ctx, 2, "build/invalid-value", `strconv.ParseInt: parsing ${goQuoted(r)}: invalid syntax`);
    const n = Number(r);
    if (n > 2147483647 || n < -2147483648) return failAt(ctx, 2, "build/invalid-value", `strconv.ParseInt: parsing ${goQuoted(r)}: value out of range`);
    if (n < 0) return failAt(ctx, 2, "build/invalid-value", `--retries cannot be negative (${n})`);
    retries = n;
  }
  const options: HealthcheckOptions = {
    interval: durations["interval"] ?? 0,
    timeout: durations["timeout"] ?? 0,
    startPeriod: durations["startPeriod"] ?? 0,
    startInterval: durations["startInterval"] ?? 0,
    retries,
  };
  return { ok: true, instruction: instructionOf(ctx, { test, options }) };
}
