import { compareGoStrings } from "../../docker/utf8.js";
import type { ExposeInstruction, VolumeInstruction } from "../instruction.js";
import { argsRange, failAt, instructionOf, splitWhitespace, tokenIn, type InstructionOutcome, type LineContext } from "../line-context.js";
import { readList } from "./copy-add.js";
import { parseInstructionFlags } from "./parse-flags.js";

/** `EXPOSE …`: whitespace-separated words, sorted as strings by the parser (BuildKit `parseExpose`). */
export function parseExpose(ctx: LineContext & { keyword: "EXPOSE" }): InstructionOutcome<ExposeInstruction> {
  const words = splitWhitespace(ctx.args);
  if (words.length === 0) return failAt(ctx, 2, "build/arguments", "EXPOSE requires at least one argument");
  const flags = parseInstructionFlags(ctx);
  if (!flags.ok) return flags;
  const ports = words.map((w) => tokenIn(ctx, w.word, w.start, w.end)).sort((a, b) => compareGoStrings(a.value, b.value));
  return { ok: true, instruction: instructionOf(ctx, { ports }) };
}

/** `VOLUME …` (JSON or whitespace-separated; each entry trimmed, none may be empty). */
export function parseVolume(ctx: LineContext & { keyword: "VOLUME" }): InstructionOutcome<VolumeInstruction> {
  const list = readList(ctx);
  if (!list.ok) return failAt(ctx, 1, "build/json-not-strings", list.error, argsRange(ctx));
  if (list.tokens.length === 0) return failAt(ctx, 2, "build/arguments", "VOLUME requires at least one argument");
  const flags = parseInstructionFlags(ctx);
  if (!flags.ok) return flags;
  const paths = list.tokens.map((t) => ({ value: t.value.trim(), range: t.range }));
  if (paths.some((p) => p.value === "")) return failAt(ctx, 2, "build/invalid-value", "VOLUME specified can not be an empty string", argsRange(ctx));
  return { ok: true, instruction: instructionOf(ctx, { paths, json: list.json }) };
}
