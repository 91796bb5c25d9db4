import type { KeyValue } from "../../parse/instruction.js";
import { expandIn, type EvalContext } from "../context.js";
import type { StageState } from "../stage-state.js";

/**
 * Expands every key and value of an ENV or LABEL with the variables as they were *before* the
 * instruction (Docker expands the whole instruction first, then applies it). Returns null when an
 * expansion failed (the failure is recorded).
 */
export function expandPairs(ctx: EvalContext, state: StageState, pairs: readonly KeyValue[]): { key: string; value: string }[] | null {
  const out: { key: string; value: string }[] = [];
  for (const p of pairs) {
    const key = expandIn(ctx, state, p.key.value, p.key.range);
    const value = expandIn(ctx, state, p.value.value, p.value.range);
    if (key === null || value === null) return null;
    out.push({ key, value });
  }
  return out;
}
