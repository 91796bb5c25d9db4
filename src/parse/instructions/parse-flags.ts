import { rangeAt } from "../logical-line.js";
import { parseFlagWords, type FlagValue } from "../flags.js";
import { NONE, type LineContext, type ParseFailure } from "../line-context.js";
import { FLAG_SPECS } from "./flag-specs.js";

/** Flag values by name, or the failure Docker reports for them (phase 2). */
export type FlagsOutcome = { readonly ok: true; readonly values: Map<string, FlagValue> } | { readonly ok: false; readonly failures: readonly ParseFailure[] };

/** Parses an instruction's flags against {@link FLAG_SPECS}. */
export function parseInstructionFlags(ctx: LineContext): FlagsOutcome {
  const result = parseFlagWords(ctx.rawFlags, FLAG_SPECS[ctx.keyword]);
  if (result.ok) return result;
  const range = rangeAt(ctx.logical, ctx.flagsOffset + result.flag.start, ctx.flagsOffset + result.flag.end);
  return { ok: false, failures: [{ phase: 2, code: "build/flag", message: result.error, range }] };
}

/** A string flag's value, or null. */
export function stringFlag(values: Map<string, FlagValue>, name: string): string | null {
  const v = values.get(name);
  return v?.type === "string" ? v.value : null;
}

/** A bool flag's value, or null when absent. */
export function boolFlag(values: Map<string, FlagValue>, name: string): boolean | null {
  const v = values.get(name);
  return v?.type === "bool" ? v.value : null;
}

/** A repeatable flag's values. */
export function stringsFlag(values: Map<string, FlagValue>, name: string): readonly string[] {
  const v = values.get(name);
  return v?.type === "strings" ? v.values : NONE;
}
