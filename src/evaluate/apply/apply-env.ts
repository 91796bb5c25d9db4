import { upsertEntry } from "../../image/config.js";
import type { EnvInstruction } from "../../parse/instruction.js";
import { byInstruction, commitMetadata, expandIn, type EvalContext } from "../context.js";
import type { StageState } from "../stage-state.js";
import { withEnv } from "../variables.js";

/**
 * `ENV k=v …`: every key and value is expanded with the variables as they were *before* the
 * instruction (so `ENV a=1 b=$a` gives b the old a), then the pairs are applied in order; an
 * existing key is replaced in place, a new one appended.
 */
export function applyEnv(ctx: EvalContext, state: StageState, i: EnvInstruction): void {
  const pairs: { key: string; value: string }[] = [];
  for (const p of i.pairs) {
    const key = expandIn(ctx, state, p.key.value, p.key.range);
    const value = expandIn(ctx, state, p.value.value, p.value.range);
    if (key === null || value === null) return;
    pairs.push({ key, value });
  }
  const origin = byInstruction(state, i);
  let env = state.config.Env;
  let scope = state.scope;
  for (const { key, value } of pairs) {
    env = upsertEntry(env, key, value, origin);
    scope = withEnv(scope, key, value, origin);
  }
  state.config = { ...state.config, Env: env };
  state.scope = scope;
  commitMetadata(ctx, state, i, `ENV ${pairs.map((p) => `${p.key}=${p.value}`).join(" ")}`);
}
