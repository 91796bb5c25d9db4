/**
 * JSONArgsRecommended: a shell-form CMD or ENTRYPOINT in a stage without an explicit SHELL (BuildKit
 * v0.25.2 `frontend/dockerfile/dockerfile2llb/convert.go`); undecided when the base image's SHELL is
 * unknown.
 *
 * @module
 */
import type { CmdInstruction, EntrypointInstruction } from "../../../parse/instruction.js";
import type { LineSpan, Reporter, StageState } from "../check-state.js";
import { DETAIL } from "../rule-table.js";

/** Checks one CMD or ENTRYPOINT in the stage state `st`. */
export function checkJsonArgsRecommended(out: Reporter, i: CmdInstruction | EntrypointInstruction, st: StageState, lines: LineSpan): void {
  if (i.command.form !== "shell") return;
  if (!st.shellKnown) out.undecide("JSONArgsRecommended", lines, "the base image's SHELL is unknown");
  else if (!st.shell) out.report("JSONArgsRecommended", DETAIL.JSONArgsRecommended(i.keywordText), lines);
}
