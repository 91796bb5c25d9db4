import type { CopyInstruction } from "../parse/instruction.js";
import type { EvalContext } from "./context.js";
import { resolveCopyFrom, type CopySource } from "./stage-graph.js";

/**
 * What a `COPY --from` names: from the plan, where it was resolved once; resolved here only for an
 * instruction the plan does not hold (an ONBUILD trigger's).
 */
export function copySourceOf(ctx: EvalContext, stageIndex: number, i: CopyInstruction): CopySource | null {
  const planned = ctx.plan.copyFrom.get(i);
  return planned !== undefined ? planned : resolveCopyFrom(ctx.builder, ctx.plan.stages, stageIndex, i);
}
