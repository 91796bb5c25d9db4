import type { OnbuildInstruction } from "../../parse/instruction.js";
import { byInstruction, commitMetadata, type EvalContext } from "../context.js";
import type { StageState } from "../stage-state.js";

/**
 * `ONBUILD instr`: records the trigger in `OnBuild`; it runs when an image or stage is built FROM
 * this one. BuildKit writes no history entry for it; the classic builder writes `ONBUILD <expr>`.
 */
export function applyOnbuild(ctx: EvalContext, state: StageState, i: OnbuildInstruction): void {
  state.config = { ...state.config, OnBuild: [...state.config.OnBuild, { key: String(state.config.OnBuild.length), value: i.expression, origin: byInstruction(state, i) }] };
  if (ctx.rules.onbuildWritesHistory) commitMetadata(ctx, state, i, `ONBUILD ${i.expression}`);
}
