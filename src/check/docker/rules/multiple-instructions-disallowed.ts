/**
 * MultipleInstructionsDisallowed: a second CMD, ENTRYPOINT or HEALTHCHECK in a stage makes the earlier
 * one useless; reported at the earlier one (BuildKit v0.25.2 `frontend/dockerfile/dockerfile2llb/convert.go`).
 *
 * @module
 */
import { spanOf, type LineSpan, type Reporter } from "../check-state.js";
import type { Instruction } from "../../../parse/instruction.js";
import { DETAIL } from "../rule-table.js";

/** The last CMD, ENTRYPOINT and HEALTHCHECK of the stage so far. */
export type LastOfKind = Partial<Record<"CMD" | "ENTRYPOINT" | "HEALTHCHECK", LineSpan>>;

/** Checks one CMD, ENTRYPOINT or HEALTHCHECK against the stage's earlier one, and records it. */
export function checkMultipleInstructionsDisallowed(out: Reporter, last: LastOfKind, i: Instruction & { keyword: "CMD" | "ENTRYPOINT" | "HEALTHCHECK" }): void {
  const before = last[i.keyword];
  if (before !== undefined) out.report("MultipleInstructionsDisallowed", DETAIL.MultipleInstructionsDisallowed(i.keywordText), before);
  last[i.keyword] = spanOf(i);
}
