/**
 * What a run of `dockerfile-check` knows about one file, as the report formats take it.
 *
 * @module
 */
import type { CheckFinding, CheckSummary } from "../check-dockerfile.js";
import type { UndecidedCheck } from "../docker/docker-checks.js";

/**
 * The outcome for one file: `checked`; `budget-exceeded` (the file was larger or slower than its work
 * budget: what was not checked is unknown, said by a `budget/exceeded` finding); `unreadable`.
 */
export interface FileResult {
  /** The path as given or found (`-` for standard input). */
  readonly path: string;
  readonly status: "checked" | "budget-exceeded" | "unreadable";
  readonly findings: readonly CheckFinding[];
  readonly undecided: readonly UndecidedCheck[];
  /** The simulation's summary (absent unless checked). */
  readonly summary?: CheckSummary;
  /** Why the file was not checked. */
  readonly reason?: string;
}

/** Severity counts over results. */
export function countSeverities(results: readonly FileResult[]): { error: number; warning: number; info: number } {
  const n = { error: 0, warning: 0, info: 0 };
  for (const r of results) for (const f of r.findings) n[f.severity]++;
  return n;
}
