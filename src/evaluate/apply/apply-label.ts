import { upsertEntries } from "../../image/config.js";
import type { LabelInstruction } from "../../parse/instruction.js";
import { byInstruction, commitMetadata, type EvalContext } from "../context.js";
import { expandPairs } from "./expand-pairs.js";
import type { StageState } from "../stage-state.js";

/** `LABEL k=v …`: keys and values expanded (quotes removed), merged over inherited labels. */
export function applyLabel(ctx: EvalContext, state: StageState, i: LabelInstruction): void {
  const pairs = expandPairs(ctx, state, i.pairs);
  if (pairs === null) return;
  const origin = byInstruction(state, i);
  state.config = { ...state.config, Labels: upsertEntries(state.config.Labels, pairs, origin) };
  commitMetadata(ctx, state, i, `LABEL ${pairs.map((p) => `${p.key}=${p.value}`).join(" ")}`);
}
