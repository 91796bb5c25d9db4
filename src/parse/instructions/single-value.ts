import type { MaintainerInstruction, StopsignalInstruction, UserInstruction, WorkdirInstruction } from "../instruction.js";
import { argsRange, failAt, instructionOf, type InstructionOutcome, type LineContext } from "../line-context.js";
import type { Token } from "../instruction.js";
import { parseInstructionFlags } from "./parse-flags.js";

/** The whole argument text as one value (BuildKit `parseString`): `USER a b` is the user `a b`. */
function wholeValue(ctx: LineContext, name: string): { ok: true; token: Token } | InstructionOutcome<never> {
  if (ctx.args === "") return failAt(ctx, 2, "build/arguments", `${name} requires exactly one argument`);
  const flags = parseInstructionFlags(ctx);
  if (!flags.ok) return flags;
  return { ok: true, token: { value: ctx.args, range: argsRange(ctx) } };
}

/** `WORKDIR path` */
export function parseWorkdir(ctx: LineContext & { keyword: "WORKDIR" }): InstructionOutcome<WorkdirInstruction> {
  const v = wholeValue(ctx, "WORKDIR");
  return "token" in v ? { ok: true, instruction: instructionOf(ctx, { path: v.token }) } : v;
}

/** `USER user[:group]` */
export function parseUser(ctx: LineContext & { keyword: "USER" }): InstructionOutcome<UserInstruction> {
  const v = wholeValue(ctx, "USER");
  return "token" in v ? { ok: true, instruction: instructionOf(ctx, { user: v.token }) } : v;
}

/** `STOPSIGNAL signal` (validated at dispatch, after expansion). */
export function parseStopsignal(ctx: LineContext & { keyword: "STOPSIGNAL" }): InstructionOutcome<StopsignalInstruction> {
  const v = wholeValue(ctx, "STOPSIGNAL");
  return "token" in v ? { ok: true, instruction: instructionOf(ctx, { signal: v.token }) } : v;
}

/** `MAINTAINER text` (not expanded; sets the image `Author`). */
export function parseMaintainer(ctx: LineContext & { keyword: "MAINTAINER" }): InstructionOutcome<MaintainerInstruction> {
  const v = wholeValue(ctx, "MAINTAINER");
  return "token" in v ? { ok: true, instruction: instructionOf(ctx, { maintainer: v.token.value }) } : v;
}
