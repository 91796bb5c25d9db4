import { upsertEntries } from "../../image/config.js";
import type { EnvInstruction } from "../../parse/instruction.js";
import { byInstruction, commitMetadata, type EvalContext } from "../context.js";
import { expandPairs } from "./expand-pairs.js";
import type { StageState } from "../stage-state.js";
import { withEnv } from "../variables.js";

/**
 * `ENV k=v …`: every key and value is expanded with the variables as they were *before* the
 * instruction (so `ENV a=1 b=$a` gives b the old a), then the pairs are applied in order; an
 * existing key is replaced in place, a new one appended.
 */
export function applyEnv(ctx: EvalContext, state: StageState, i: EnvInstruction): void {
  const pairs = expandPairs(ctx, state, i.pairs);
  if (pairs === null) return;
  const origin = byInstruction(state, i);
  state.config = { ...state.config, Env: upsertEntries(state.config.Env, pairs, origin) };
  state.scope = withEnv(state.scope, pairs, origin);
  commitMetadata(ctx, state, i, `ENV ${pairs.map((p) => `${p.key}=${p.value}`).join(" ")}`);
}
