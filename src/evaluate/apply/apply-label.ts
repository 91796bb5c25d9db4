import { upsertEntry } from "../../image/config.js";
import type { LabelInstruction } from "../../parse/instruction.js";
import { byInstruction, commitMetadata, expandIn, type EvalContext } from "../context.js";
import type { StageState } from "../stage-state.js";

/** `LABEL k=v …`: keys and values expanded (quotes removed), merged over inherited labels. */
export function applyLabel(ctx: EvalContext, state: StageState, i: LabelInstruction): void {
  const pairs: { key: string; value: string }[] = [];
  for (const p of i.pairs) {
    const key = expandIn(ctx, state, p.key.value, p.key.range);
    const value = expandIn(ctx, state, p.value.value, p.value.range);
    if (key === null || value === null) return;
    pairs.push({ key, value });
  }
  const origin = byInstruction(state, i);
  let labels = state.config.Labels;
  for (const { key, value } of pairs) labels = upsertEntry(labels, key, value, origin);
  state.config = { ...state.config, Labels: labels };
  commitMetadata(ctx, state, i, `LABEL ${pairs.map((p) => `${p.key}=${p.value}`).join(" ")}`);
}
