import { goQuote } from "../../docker/go-quote.js";
import type { FromInstruction } from "../instruction.js";
import { failAt, instructionOf, splitWhitespace, tokenIn, type InstructionOutcome, type LineContext } from "../line-context.js";
import { parseInstructionFlags, stringFlag } from "./parse-flags.js";

// BuildKit instructions/parse.go validStageName
const STAGE_NAME = /^[a-z][a-z0-9-_.]*$/;

/** `FROM [--platform=…] image [AS name]` (BuildKit `parseFrom`, `parseBuildStageName`). */
export function parseFrom(ctx: LineContext & { keyword: "FROM" }): InstructionOutcome<FromInstruction> {
  const words = splitWhitespace(ctx.args);
  let stageName = null;
  if (words.length === 3 && words[1]!.word.toLowerCase() === "as") {
    const w = words[2]!;
    const lower = w.word.toLowerCase();
    if (!STAGE_NAME.test(lower)) {
      return failAt(ctx, 2, "build/stage", `invalid name for build stage: ${goQuote(w.word)}, name can't start with a number or contain symbols`, tokenIn(ctx, w.word, w.start, w.end).range);
    }
    stageName = tokenIn(ctx, lower, w.start, w.end);
  } else if (words.length !== 1) {
    return failAt(ctx, 2, "build/arguments", "FROM requires either one or three arguments");
  }
  const flags = parseInstructionFlags(ctx);
  if (!flags.ok) return flags;
  const image = words[0]!;
  return {
    ok: true,
    instruction: instructionOf(ctx, { image: tokenIn(ctx, image.word, image.start, image.end), stageName, platform: stringFlag(flags.values, "platform") }),
  };
}
