/**
 * WorkdirRelativePath: a relative WORKDIR before any WORKDIR of the stage (or of a stage it is built
 * on) set an absolute one (BuildKit v0.25.2 `frontend/dockerfile/dockerfile2llb/convert.go` `dispatchWorkdir`).
 *
 * @module
 */
import type { LineSpan, Reporter, StageState } from "../check-state.js";
import { DETAIL } from "../rule-table.js";

/** Checks one WORKDIR's expanded path in the stage state `st` (before the WORKDIR changes it). */
export function checkWorkdirRelativePath(out: Reporter, st: StageState, path: string, lines: LineSpan): void {
  if (!st.workdirSet && !path.startsWith("/")) out.report("WorkdirRelativePath", DETAIL.WorkdirRelativePath(path), lines);
}
