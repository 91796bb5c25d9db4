import type { LintCode, LintFinding } from "./finding.js";
import { lintContextOf } from "./lint-context.js";
import type { SimulateOptions, Simulation } from "../simulate.js";
import { RULES } from "./rules/index.js";

/** Options for {@link lintDockerfile}. */
export interface LintOptions {
  /**
   * The options to re-run the build with (the builder comparison simulates the other builder);
   * default: the options the simulation ran with (`sim.options`).
   */
  readonly simulate?: SimulateOptions;
  /** Rules to skip, by code. */
  readonly skip?: readonly LintCode[];
}

function byPosition(a: LintFinding, b: LintFinding): number {
  const la = a.range?.start.line ?? Number.MAX_SAFE_INTEGER;
  const lb = b.range?.start.line ?? Number.MAX_SAFE_INTEGER;
  return la - lb;
}

/**
 * Looks for the known Dockerfile traps in a simulation: each rule of `src/lint/rules` reports
 * findings with a stable code, a severity, a message and a source range, sorted by line.
 *
 * @example
 * ```ts
 * import { simulate, lintDockerfile } from "dockerfile-semantics";
 *
 * const sim = simulate('FROM scratch\nENTRYPOINT python app.py\nCMD ["--port", "8080"]\n');
 * lintDockerfile(sim).map((f) => f.code);
 * // ["lint/shell-entrypoint-swallows-args", "lint/pid1-is-shell"]
 * ```
 */
export function lintDockerfile(sim: Simulation, options: LintOptions = {}): LintFinding[] {
  const opts: SimulateOptions = { ...(options.simulate ?? sim.options), builder: sim.evaluation.builder };
  const ctx = lintContextOf(sim, opts);
  const skip = new Set(options.skip ?? []);
  return RULES.filter((r) => !skip.has(r.code)).flatMap((r) => r.check(ctx)).sort(byPosition);
}
