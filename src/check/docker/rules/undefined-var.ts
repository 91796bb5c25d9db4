/**
 * UndefinedVar: a variable an instruction expands that is neither in the stage's environment nor a
 * declared ARG (BuildKit v0.25.2 `frontend/dockerfile/dockerfile2llb/convert.go`, the expander's unmatched
 * names), with a suggestion among the environment's names; undecided when the base image's config is
 * unknown (it may set the variable).
 *
 * @module
 */
import { suggestClosest } from "../../../core/suggest.js";
import type { Instruction } from "../../../parse/instruction.js";
import { NON_ENV_ARGS, spanOf, type Reporter, type StageState } from "../check-state.js";
import { DETAIL } from "../rule-table.js";

/** Checks the variables one expansion of instruction `i` read (`refs`), in the stage state `st`. */
export function checkUndefinedVar(out: Reporter, i: Instruction, refs: readonly { readonly name: string; readonly set: boolean }[], st: StageState): void {
  const unmatched = new Set(refs.filter((r) => !r.set).map((r) => r.name));
  for (const a of st.buildArgs) unmatched.delete(a);
  const options = st.env.keys();
  for (const name of unmatched) {
    if (NON_ENV_ARGS.has(name)) continue;
    if (st.env.open) out.undecide("UndefinedVar", spanOf(i), `$${name} may be set by the base image, whose config is unknown`);
    else out.report("UndefinedVar", DETAIL.UndefinedVar(name, suggestClosest(name, options, true)), spanOf(i));
  }
}
