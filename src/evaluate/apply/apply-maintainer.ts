import type { MaintainerInstruction } from "../../parse/instruction.js";
import { byInstruction, commitMetadata, type EvalContext } from "../context.js";
import type { StageState } from "../stage-state.js";

/** `MAINTAINER text`: sets the image's top-level `Author` (not a label); not expanded. */
export function applyMaintainer(ctx: EvalContext, state: StageState, i: MaintainerInstruction): void {
  state.config = { ...state.config, Author: { value: i.maintainer, origin: byInstruction(state, i), replaced: state.config.Author } };
  commitMetadata(ctx, state, i, `MAINTAINER ${i.maintainer}`);
}
