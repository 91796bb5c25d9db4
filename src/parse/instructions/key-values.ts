import { goQuote } from "../../docker/go-quote.js";
import { splitWords } from "../../expand/index.js";
import type { ArgDefinition, ArgInstruction, EnvInstruction, KeyValue, LabelInstruction } from "../instruction.js";
import { argsRange, failAt, instructionOf, tokenIn, type InstructionOutcome, type LineContext } from "../line-context.js";
import { parseInstructionFlags } from "./parse-flags.js";


/**
 * ENV and LABEL pairs, as BuildKit's `parseNameVal` then `parseKvps` read them (Docker 28.5):
 * quote-aware words; when the first word has no `=`, the legacy `KEY value with spaces` form;
 * otherwise every word must be `key=value`. Keys and values are expanded later, at dispatch.
 */
function parseKeyValues(ctx: LineContext, name: "ENV" | "LABEL"): { ok: true; pairs: KeyValue[] } | InstructionOutcome<never> {
  const words = splitWords(ctx.args, ctx.escape);
  const first = words[0];
  if (first === undefined) return failAt(ctx, 2, "build/arguments", `${name} requires at least one argument`);
  const pairs: KeyValue[] = [];
  if (!first.word.includes("=")) {
    const m = /[\t\v\f\r ]+/.exec(ctx.args);
    if (m === null) return failAt(ctx, 1, "build/arguments", `${name} must have two arguments`);
    const keyEnd = m.index;
    const valueStart = m.index + m[0].length;
    pairs.push({
      key: tokenIn(ctx, ctx.args.slice(0, keyEnd), 0, keyEnd),
      value: tokenIn(ctx, ctx.args.slice(valueStart), valueStart, ctx.args.length),
      legacy: true,
    });
  } else {
    for (const w of words) {
      const eq = w.word.indexOf("=");
      if (eq < 0) {
        return failAt(ctx, 1, "build/arguments", `Syntax error - can't find = in ${goQuote(w.word)}. Must be of the form: name=value`, argsRange(ctx));
      }
      pairs.push({
        key: tokenIn(ctx, w.word.slice(0, eq), w.start, w.start + eq),
        value: tokenIn(ctx, w.word.slice(eq + 1), w.start + eq + 1, w.end),
        legacy: false,
      });
    }
  }
  const flags = parseInstructionFlags(ctx);
  if (!flags.ok) return flags;
  if (pairs.some((p) => p.key.value === "")) return failAt(ctx, 2, "build/arguments", `${name} names can not be blank`);
  return { ok: true, pairs };
}

/** `ENV k=v …` / `ENV k v` */
export function parseEnv(ctx: LineContext & { keyword: "ENV" }): InstructionOutcome<EnvInstruction> {
  const r = parseKeyValues(ctx, "ENV");
  if (!("pairs" in r)) return r;
  return { ok: true, instruction: instructionOf(ctx, { pairs: r.pairs }) };
}

/** `LABEL k=v …` */
export function parseLabel(ctx: LineContext & { keyword: "LABEL" }): InstructionOutcome<LabelInstruction> {
  const r = parseKeyValues(ctx, "LABEL");
  if (!("pairs" in r)) return r;
  return { ok: true, instruction: instructionOf(ctx, { pairs: r.pairs }) };
}

/** `ARG name[=default] …` (BuildKit `parseNameOrNameVal` + `parseArg`). */
export function parseArg(ctx: LineContext & { keyword: "ARG" }): InstructionOutcome<ArgInstruction> {
  const words = splitWords(ctx.args, ctx.escape);
  if (words.length === 0) return failAt(ctx, 2, "build/arguments", "ARG requires at least one argument");
  const args: ArgDefinition[] = [];
  for (const w of words) {
    const eq = w.word.indexOf("=");
    if (eq === 0) return failAt(ctx, 2, "build/arguments", "ARG names can not be blank");
    args.push(
      eq < 0
        ? { name: tokenIn(ctx, w.word, w.start, w.end), defaultValue: null }
        : { name: tokenIn(ctx, w.word.slice(0, eq), w.start, w.start + eq), defaultValue: tokenIn(ctx, w.word.slice(eq + 1), w.start + eq + 1, w.end) },
    );
  }
  const flags = parseInstructionFlags(ctx);
  if (!flags.ok) return flags;
  return { ok: true, instruction: instructionOf(ctx, { args }) };
}
