/**
 * ReservedStageName: a stage named `context` or `scratch` (BuildKit v0.25.2
 * `frontend/dockerfile/dockerfile2llb/convert.go` `validateStageNames`).
 *
 * @module
 */
import { spanOf, type Reporter, type Stage } from "../check-state.js";
import { DETAIL } from "../rule-table.js";

const RESERVED_STAGE_NAMES: ReadonlySet<string> = new Set(["context", "scratch"]);

/** Checks one named stage. */
export function checkReservedStageName(out: Reporter, s: Stage): void {
  if (RESERVED_STAGE_NAMES.has(s.name)) out.report("ReservedStageName", DETAIL.ReservedStageName(s.name), spanOf(s.from));
}
