/**
 * StageNameCasing: a stage name (`FROM x AS Name`) that is not all lower case, while instructions are
 * typed (BuildKit v0.25.2 `frontend/dockerfile/instructions/parse.go`).
 *
 * @module
 */
import type { LineSpan, Reporter } from "../check-state.js";
import { DETAIL } from "../rule-table.js";

/** Checks a FROM given its words (see `fromWords`): image, AS, name. */
export function checkStageNameCasing(out: Reporter, words: readonly string[], lines: LineSpan): void {
  if (words.length === 3 && words[2] !== words[2]!.toLowerCase()) out.report("StageNameCasing", DETAIL.StageNameCasing(words[2]!), lines);
}
