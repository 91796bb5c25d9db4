import type { UserInstruction } from "../../parse/instruction.js";
import { byInstruction, commitMetadata, expandIn, type EvalContext } from "../context.js";
import type { StageState } from "../stage-state.js";

/** `USER name[:group]`: expanded and stored verbatim (not checked at build time). */
export function applyUser(ctx: EvalContext, state: StageState, i: UserInstruction): void {
  const user = expandIn(ctx, state, i.user.value, i.user.range);
  if (user === null) return;
  state.config = { ...state.config, User: { value: user, origin: byInstruction(state, i), replaced: state.config.User } };
  commitMetadata(ctx, state, i, `USER ${user}`);
}
