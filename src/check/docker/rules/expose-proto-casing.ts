/**
 * ExposeProtoCasing: an EXPOSE protocol not in lower case (`80/TCP`) (BuildKit v0.25.2
 * `frontend/dockerfile/dockerfile2llb/convert_expose.go`).
 *
 * @module
 */
import type { LineSpan, Reporter } from "../check-state.js";
import type { ExposeWord } from "../expose-port.js";
import { DETAIL } from "../rule-table.js";

/** Checks one EXPOSE word (see `splitExposeWord`). */
export function checkExposeProtoCasing(out: Reporter, w: ExposeWord, lines: LineSpan): void {
  if (w.proto !== w.proto.toLowerCase()) out.report("ExposeProtoCasing", DETAIL.ExposeProtoCasing(w.raw), lines);
}
