import type { Diagnostic } from "./core/diagnostic.js";
import { evaluateDockerfile, type BuildOptions, type Evaluation, type StageResult } from "./evaluate/evaluate-dockerfile.js";
import { resolveRun, type RunOptions, type RunResolution } from "./run/resolve-run.js";

/** Options for {@link simulate}: `docker build` options, then `docker run` options. */
export interface SimulateOptions extends BuildOptions {
  /** What `docker run` adds; default none. */
  readonly run?: RunOptions;
}

/** What Docker would do: the build's outcome and the process `docker run` would start. */
export interface Simulation {
  readonly evaluation: Evaluation;
  /** The stage that was built (the target), or null when no stage could be evaluated. */
  readonly stage: StageResult | null;
  /** The container's process, or the daemon's refusal; null when no stage was evaluated. */
  readonly run: RunResolution | null;
  /** The build's error, or null when a real build would succeed. */
  readonly error: Diagnostic | null;
  readonly diagnostics: readonly Diagnostic[];
  /** The options it ran with (so a caller can re-run it, for example with the other builder). */
  readonly options: SimulateOptions;
}

/**
 * Simulates `docker build` of a Dockerfile followed by `docker run` of the image, without
 * building anything. A predicted build failure is reported in `error`; the simulation still
 * goes as far as it can. Never throws.
 *
 * @example
 * ```ts
 * import { simulate } from "dockerfile-semantics";
 *
 * const sim = simulate('FROM scratch\nENTRYPOINT ["/app"]\nCMD ["--help"]\n', { run: { args: ["-v"] } });
 * if (sim.run?.ok) console.log(sim.run.path, sim.run.args); // "/app" ["-v"]
 * ```
 */
export function simulate(dockerfile: string, options: SimulateOptions = {}): Simulation {
  const evaluation = evaluateDockerfile(dockerfile, options);
  const stage = evaluation.target;
  const run = stage === null ? null : resolveRun(stage.config, options.run ?? {});
  return { evaluation, stage, run, error: evaluation.error, diagnostics: evaluation.diagnostics, options };
}
