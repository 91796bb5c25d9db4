/**
 * RedundantTargetPlatform: `FROM --platform=$TARGETPLATFORM` (the only variable, and it expands to the
 * target platform), which is the default anyway (BuildKit v0.25.2
 * `frontend/dockerfile/dockerfile2llb/convert.go`).
 *
 * @module
 */
import type { LineSpan, Reporter } from "../check-state.js";
import { DETAIL } from "../rule-table.js";

/** A `--platform` value as written and its expansion with the global ARGs (with the variables it read). */
export interface PlatformExpansion {
  readonly written: string;
  readonly value: string;
  readonly references: readonly { readonly name: string; readonly set: boolean }[];
}

/** Checks one FROM's `--platform`. */
export function checkRedundantTargetPlatform(out: Reporter, p: PlatformExpansion, globals: ReadonlyMap<string, string>, lines: LineSpan): void {
  const matched = new Set(p.references.filter((r) => r.set).map((r) => r.name));
  const unmatched = p.references.some((r) => !r.set);
  if (matched.size === 1 && !unmatched && matched.has("TARGETPLATFORM") && p.value === globals.get("TARGETPLATFORM")) {
    out.report("RedundantTargetPlatform", DETAIL.RedundantTargetPlatform(p.written), lines);
  }
}
