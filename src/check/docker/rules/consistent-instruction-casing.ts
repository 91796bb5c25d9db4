/**
 * ConsistentInstructionCasing: every instruction keyword in the case most keywords use (BuildKit
 * v0.25.2 `frontend/dockerfile/dockerfile2llb/convert.go` `validateCommandCasing`: mixed-case keywords
 * count for neither side; a tie counts as upper case).
 *
 * @module
 */
import { isSelfConsistent, spanOf, type Reporter, type Stage } from "../check-state.js";
import { DETAIL } from "../rule-table.js";

/**
 * Checks the keywords of all stages (their FROMs and instructions).
 *
 * @example
 * ```ts
 * // FROM scratch / env A=1 / ENV B=2: upper case wins, `env` is reported as "uppercase"
 * ```
 */
export function checkConsistentInstructionCasing(out: Reporter, stages: readonly Stage[]): void {
  let lower = 0;
  let upper = 0;
  const names = stages.flatMap((s) => [s.from, ...s.instructions]);
  for (const i of names) {
    if (!isSelfConsistent(i.keywordText)) continue;
    if (i.keywordText === i.keywordText.toLowerCase()) lower++;
    else upper++;
  }
  const majorityLower = lower > upper;
  for (const i of names) {
    const name = i.keywordText;
    const casing = majorityLower && name.toLowerCase() !== name ? "lowercase" : !majorityLower && name.toUpperCase() !== name ? "uppercase" : null;
    if (casing !== null) out.report("ConsistentInstructionCasing", DETAIL.ConsistentInstructionCasing(name, casing), spanOf(i));
  }
}
