/**
 * FromPlatformFlagConstDisallowed: `FROM --platform=` with a constant (no variable at all), unless the
 * stage's name contains the platform's OS or architecture (BuildKit v0.25.2
 * `frontend/dockerfile/dockerfile2llb/convert.go`).
 *
 * @module
 */
import type { LineSpan, Reporter } from "../check-state.js";
import type { ParsedPlatform } from "../platform.js";
import { DETAIL } from "../rule-table.js";
import type { PlatformExpansion } from "./redundant-target-platform.js";

/** Checks one FROM's `--platform` (`stageName`: lower-cased, "" when unnamed). */
export function checkFromPlatformFlagConstDisallowed(out: Reporter, p: PlatformExpansion, platform: ParsedPlatform, stageName: string, lines: LineSpan): void {
  if (p.references.length > 0) return;
  if (!stageName.includes(platform.os) && !stageName.includes(platform.architecture)) out.report("FromPlatformFlagConstDisallowed", DETAIL.FromPlatformFlagConstDisallowed(p.value), lines);
}
