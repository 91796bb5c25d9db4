import { parseHeredocWord } from "../../expand/index.js";
import type { AddInstruction, CopyInstruction, Token } from "../instruction.js";
import { NOT_STRING_ARRAY, parseJsonArgs } from "../json-args.js";
import { argsRange, failAt, instructionOf, NONE, splitWhitespace, tokenIn, type InstructionOutcome, type LineContext } from "../line-context.js";
import { boolFlag, parseInstructionFlags, stringFlag, stringsFlag } from "./parse-flags.js";

/**
 * The words of an ADD/COPY/VOLUME argument list (BuildKit `parseMaybeJSONToList`): a JSON array
 * of strings, or else the text split on whitespace, with no quote handling at this stage.
 */
export function readList(ctx: LineContext): { ok: true; json: boolean; tokens: Token[] } | { ok: false; error: string } {
  const json = parseJsonArgs(ctx.args);
  if (json.kind === "not-strings") return { ok: false, error: NOT_STRING_ARRAY };
  if (json.kind === "json") {
    const whole = argsRange(ctx);
    return { ok: true, json: true, tokens: json.values.map((value) => ({ value, range: whole })) };
  }
  return { ok: true, json: false, tokens: splitWhitespace(ctx.args).map((w) => tokenIn(ctx, w.word, w.start, w.end)) };
}

function sourcesAndDest(ctx: LineContext, name: "COPY" | "ADD"): { ok: true; json: boolean; sources: Token[]; destination: Token } | InstructionOutcome<never> {
  const list = readList(ctx);
  if (!list.ok) return failAt(ctx, 1, "build/json-not-strings", list.error, argsRange(ctx));
  const dest = list.tokens[list.tokens.length - 1];
  if (list.tokens.length < 2 || dest === undefined) {
    return failAt(ctx, 2, "build/arguments", `${name} requires at least two arguments, but only one was provided. Destination could not be determined`);
  }
  // BuildKit `parseSourcesAndDest` (instructions/parse.go at v0.25.2); the classic builder shares it.
  if (!list.json) {
    const asHeredoc = parseHeredocWord(dest.value);
    if (asHeredoc.ok && asHeredoc.heredoc !== null) return failAt(ctx, 2, "build/arguments", `${name} cannot accept a heredoc as a destination`, dest.range);
  }
  return { ok: true, json: list.json, sources: list.tokens.slice(0, -1), destination: dest };
}

/** The parts COPY and ADD share: sources, destination and flags (or why Docker rejects them). */
function copyParts(ctx: LineContext & { keyword: "COPY" | "ADD" }) {
  const sd = sourcesAndDest(ctx, ctx.keyword);
  if (!("sources" in sd)) return sd;
  const flags = parseInstructionFlags(ctx);
  if (!flags.ok) return flags;
  return { ok: true as const, v: flags.values, shared: { sources: sd.sources, destination: sd.destination, json: sd.json, chown: stringFlag(flags.values, "chown"), chmod: stringFlag(flags.values, "chmod"), link: boolFlag(flags.values, "link") ?? false, exclude: stringsFlag(flags.values, "exclude") } };
}

/** `COPY` */
export function parseCopy(ctx: LineContext & { keyword: "COPY" }): InstructionOutcome<CopyInstruction> {
  const parts = copyParts(ctx);
  if (!("shared" in parts)) return parts;
  const v = parts.v;
  return {
    ok: true,
    instruction: instructionOf(ctx, {
      ...parts.shared,
      from: stringFlag(v, "from"),
      parents: false,
      heredocs: NONE,
    }),
  };
}

/** `ADD` */
export function parseAdd(ctx: LineContext & { keyword: "ADD" }): InstructionOutcome<AddInstruction> {
  const parts = copyParts(ctx);
  if (!("shared" in parts)) return parts;
  const v = parts.v;
  return {
    ok: true,
    instruction: instructionOf(ctx, {
      ...parts.shared,
      checksum: stringFlag(v, "checksum"),
      keepGitDir: boolFlag(v, "keep-git-dir"),
      unpack: boolFlag(v, "unpack"),
      heredocs: NONE,
    }),
  };
}
