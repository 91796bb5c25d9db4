import { upsertEntries } from "../../image/config.js";
import type { VolumeInstruction } from "../../parse/instruction.js";
import { byInstruction, commitMetadata, expandIn, fail, type EvalContext } from "../context.js";
import { FailurePhase } from "../failure-phase.js";
import { goList } from "../history-text.js";
import type { StageState } from "../stage-state.js";

/** `VOLUME …`: each path expanded and stored verbatim (`/a` and `/a/` are distinct). */
export function applyVolume(ctx: EvalContext, state: StageState, i: VolumeInstruction): void {
  const paths: string[] = [];
  for (const p of i.paths) {
    const v = expandIn(ctx, state, p.value, p.range);
    if (v === null) return;
    if (v === "") {
      fail(ctx, FailurePhase.dispatch, "build/invalid-value", "VOLUME specified can not be an empty string", p.range, state);
      return;
    }
    paths.push(v);
  }
  const origin = byInstruction(state, i);
  state.config = { ...state.config, Volumes: upsertEntries(state.config.Volumes, paths.map((key) => ({ key, value: "" })), origin) };
  commitMetadata(ctx, state, i, `VOLUME ${goList(paths)}`);
}
