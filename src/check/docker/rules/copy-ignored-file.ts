/**
 * CopyIgnoredFile (experimental): a COPY or ADD source from the context that `.dockerignore` excludes
 * (BuildKit v0.25.2 `frontend/dockerfile/dockerfile2llb/convert.go` `dispatchCopy`); URLs and git
 * sources are not checked; undecided when the `.dockerignore` is unknown.
 *
 * @module
 */
import type { PatternMatcher } from "../../../fs/context/pattern-matcher.js";
import type { LineSpan, Reporter } from "../check-state.js";
import { DETAIL } from "../rule-table.js";

/** Checks the expanded sources of one COPY or ADD (`ignore`: null when nothing is ignored, undefined when unknown). */
export function checkCopyIgnoredFile(out: Reporter, instruction: "Copy" | "Add", sources: readonly string[], ignore: PatternMatcher | null | undefined, lines: LineSpan): void {
  if (ignore === null) return;
  for (const src of sources) {
    if (/^https?:\/\//.test(src) || /^git@|\.git(#|$)/.test(src)) continue;
    if (ignore === undefined) {
      out.undecide("CopyIgnoredFile", lines, "the context's .dockerignore is unknown");
      continue;
    }
    if (ignore.matchesOrParentMatches(src)) out.report("CopyIgnoredFile", DETAIL.CopyIgnoredFile(instruction, src), lines);
  }
}
