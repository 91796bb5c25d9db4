/**
 * MaintainerDeprecated: every MAINTAINER, while instructions are typed (BuildKit v0.25.2
 * `frontend/dockerfile/instructions/parse.go`).
 *
 * @module
 */
import type { LineSpan, Reporter } from "../check-state.js";
import { DETAIL } from "../rule-table.js";

/** Reports a MAINTAINER instruction at `lines`. */
export function checkMaintainerDeprecated(out: Reporter, lines: LineSpan): void {
  out.report("MaintainerDeprecated", DETAIL.MaintainerDeprecated(), lines);
}
