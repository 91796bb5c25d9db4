/**
 * NoEmptyContinuation: a blank line inside a continued instruction (BuildKit v0.25.2
 * `frontend/dockerfile/parser/parser.go`), reported at the last line of its instruction.
 *
 * @module
 */
import type { ParsedDockerfile } from "../../../parse/parse-dockerfile.js";
import type { Reporter } from "../check-state.js";
import { DETAIL } from "../rule-table.js";

/**
 * Reports each empty continuation line the parser met.
 *
 * @example
 * ```ts
 * checkNoEmptyContinuation(out, parseDockerfile("FROM scratch\nRUN a \\\n\n  b\n")); // one finding at line 4
 * ```
 */
export function checkNoEmptyContinuation(out: Reporter, parsed: ParsedDockerfile): void {
  for (const r of parsed.emptyContinuations) out.report("NoEmptyContinuation", DETAIL.NoEmptyContinuation(), { start: r.end.line + 1, end: r.end.line + 1 });
}
