/**
 * UndefinedArgInFrom: a variable in a FROM's base name or `--platform` that no global ARG declares and
 * no automatic platform ARG sets (BuildKit v0.25.2 `frontend/dockerfile/dockerfile2llb/convert.go`),
 * with a suggestion among the declared names.
 *
 * @module
 */
import { suggestClosest } from "../../../core/suggest.js";
import { findReferences, type EscapeToken } from "../../../expand/index.js";
import type { LineSpan, Reporter } from "../check-state.js";
import { DETAIL } from "../rule-table.js";

/**
 * Checks one FROM word (`globals`: the global values in force; `declared`: the names declared).
 *
 * @example
 * ```ts
 * checkUndefinedArgInFrom(out, "$VERSON", new Map(), new Set(["VERSION"]), "\\", lines); // "… (did you mean VERSION?)"
 * ```
 */
export function checkUndefinedArgInFrom(out: Reporter, word: string, globals: ReadonlyMap<string, string>, declared: ReadonlySet<string>, escape: EscapeToken, lines: LineSpan): void {
  const unmatched = new Set(findReferences(word, { escape }, (n) => globals.get(n)).filter((r) => !r.set).map((r) => r.name));
  for (const name of unmatched) {
    if (declared.has(name)) continue;
    out.report("UndefinedArgInFrom", DETAIL.UndefinedArgInFrom(name, suggestClosest(name, [...declared], true)), lines);
  }
}
