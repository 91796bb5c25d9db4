/**
 * DuplicateStageName: a stage name used again, case-insensitively (BuildKit v0.25.2
 * `frontend/dockerfile/dockerfile2llb/convert.go` `validateStageNames`), at each later use.
 *
 * @module
 */
import { spanOf, type Reporter, type Stage } from "../check-state.js";
import { DETAIL } from "../rule-table.js";

/** Checks one named stage against the names seen before it, and adds its own. */
export function checkDuplicateStageName(out: Reporter, s: Stage, seen: Set<string>): void {
  if (seen.has(s.name)) out.report("DuplicateStageName", DETAIL.DuplicateStageName(s.name), spanOf(s.from));
  seen.add(s.name);
}
