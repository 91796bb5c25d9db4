import type { AddInstruction, CopyInstruction, Token } from "../instruction.js";
import { NOT_STRING_ARRAY, parseJsonArgs } from "../json-args.js";
import { argsRange, commonOf, failAt, splitWhitespace, tokenIn, type InstructionOutcome, type LineContext } from "../line-context.js";
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
  return { ok: true, json: list.json, sources: list.tokens.slice(0, -1), destination: dest };
}

/** `COPY` */
export function parseCopy(ctx: LineContext & { keyword: "COPY" }): InstructionOutcome<CopyInstruction> {
  const sd = sourcesAndDest(ctx, "COPY");
  if (!("sources" in sd)) return sd;
  const flags = parseInstructionFlags(ctx);
  if (!flags.ok) return flags;
  const v = flags.values;
  return {
    ok: true,
    instruction: {
      ...commonOf(ctx),
      sources: sd.sources,
      destination: sd.destination,
      json: sd.json,
      from: stringFlag(v, "from"),
      chown: stringFlag(v, "chown"),
      chmod: stringFlag(v, "chmod"),
      link: boolFlag(v, "link") ?? false,
      parents: false,
      exclude: stringsFlag(v, "exclude"),
    },
  };
}

/** `ADD` */
export function parseAdd(ctx: LineContext & { keyword: "ADD" }): InstructionOutcome<AddInstruction> {
  const sd = sourcesAndDest(ctx, "ADD");
  if (!("sources" in sd)) return sd;
  const flags = parseInstructionFlags(ctx);
  if (!flags.ok) return flags;
  const v = flags.values;
  return {
    ok: true,
    instruction: {
      ...commonOf(ctx),
      sources: sd.sources,
      destination: sd.destination,
      json: sd.json,
      chown: stringFlag(v, "chown"),
      chmod: stringFlag(v, "chmod"),
      link: boolFlag(v, "link") ?? false,
      checksum: stringFlag(v, "checksum"),
      keepGitDir: boolFlag(v, "keep-git-dir"),
      unpack: boolFlag(v, "unpack"),
      exclude: stringsFlag(v, "exclude"),
    },
  };
}
