/**
 * InvalidDefaultArgInFrom: a base name that, with the global ARGs' defaults only (no build
 * arguments), is empty or not a valid image reference (BuildKit v0.25.2
 * `frontend/dockerfile/dockerfile2llb/convert.go` `validateBaseImagesWithDefaultArgs`; it stops at the
 * first base name that fails to expand).
 *
 * @module
 */
import { parseImageReference } from "../../../docker/image-reference.js";
import { expandWord, type EscapeToken } from "../../../expand/index.js";
import { spanOf, type Reporter, type Stage } from "../check-state.js";
import { DETAIL } from "../rule-table.js";

/** Checks every stage's base name with `defaults` (the global ARG values without build arguments). */
export function checkInvalidDefaultArgInFrom(out: Reporter, stages: readonly Stage[], defaults: ReadonlyMap<string, string>, escape: EscapeToken): void {
  for (const s of stages) {
    const r = expandWord(s.from.image.value, (n) => defaults.get(n), { escape });
    if (!r.ok) break;
    if (!parseImageReference(r.value).ok) out.report("InvalidDefaultArgInFrom", DETAIL.InvalidDefaultArgInFrom(s.from.image.value), spanOf(s.from));
  }
}
