/**
 * LegacyKeyValueFormat: `ENV key value` / `LABEL key value` (the whitespace form), per pair (BuildKit
 * v0.25.2 `frontend/dockerfile/dockerfile2llb/convert.go` `dispatchEnv`, `dispatchLabel`).
 *
 * @module
 */
import type { LineSpan, Reporter } from "../check-state.js";
import { DETAIL } from "../rule-table.js";

/** Checks one ENV or LABEL pair (`keyword`: the keyword as written). */
export function checkLegacyKeyValueFormat(out: Reporter, keyword: string, pair: { readonly legacy: boolean }, lines: LineSpan): void {
  if (pair.legacy) out.report("LegacyKeyValueFormat", DETAIL.LegacyKeyValueFormat(keyword), lines);
}
