/**
 * FromAsCasing: the `AS` of a FROM whose keyword is all lower or all upper case must have the same
 * case (BuildKit v0.25.2 `frontend/dockerfile/instructions/parse.go`); a mixed-case FROM is not checked.
 *
 * @module
 */
import type { FromInstruction } from "../../../parse/instruction.js";
import { isSelfConsistent, type LineSpan, type Reporter } from "../check-state.js";
import { DETAIL } from "../rule-table.js";

/** Checks a FROM given its words (see `fromWords`). */
export function checkFromAsCasing(out: Reporter, i: FromInstruction, words: readonly string[], lines: LineSpan): void {
  if (words.length < 3 || !isSelfConsistent(i.keywordText)) return;
  const wantLower = i.keywordText === i.keywordText.toLowerCase();
  const as = words[1]!;
  if (as !== (wantLower ? as.toLowerCase() : as.toUpperCase())) out.report("FromAsCasing", DETAIL.FromAsCasing(i.keywordText, as), lines);
}
