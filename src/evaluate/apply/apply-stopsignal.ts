import { parseStopSignal } from "../../docker/index.js";
import type { StopsignalInstruction } from "../../parse/instruction.js";
import { byInstruction, commitMetadata, expandIn, fail, type EvalContext } from "../context.js";
import { FailurePhase } from "../failure-phase.js";
import type { StageState } from "../stage-state.js";

/** `STOPSIGNAL sig`: expanded, validated as a signal, stored as written. */
export function applyStopsignal(ctx: EvalContext, state: StageState, i: StopsignalInstruction): void {
  const sig = expandIn(ctx, state, i.signal.value, i.signal.range);
  if (sig === null) return;
  const parsed = parseStopSignal(sig);
  if (!parsed.ok) {
    fail(ctx, FailurePhase.dispatch, "build/invalid-value", parsed.error, i.signal.range, state);
    return;
  }
  state.config = { ...state.config, StopSignal: { value: sig, origin: byInstruction(state, i), replaced: state.config.StopSignal } };
  commitMetadata(ctx, state, i, `STOPSIGNAL ${sig}`);
}
