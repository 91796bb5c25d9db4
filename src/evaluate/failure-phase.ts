/**
 * The order in which a real build meets its failures: when several are predicted, the one with the
 * lowest phase (then the earliest in dispatch order) is the build's error. The evaluator owns this
 * order; the apply modules name a phase, never a number.
 *
 * @module
 */
import type { BuilderRules } from "../builders/index.js";

/**
 * The phases, in the order a build meets them:
 *
 * 0. `emptyDockerfile`: the Dockerfile is empty (before parsing);
 * 1. `lineParse`: line-level parsing (directives, continuations, heredocs);
 * 2. `instructionParse`: instruction parsing (keywords, flags, arguments);
 * 3. `stageGraph`: stage setup (FROM names, `--target`, the stage graph, `COPY --from` while planning);
 * 3.5. `stageNames`: BuildKit parses every stage's base name, after the graph and before any instruction is converted;
 * 4. `dispatch`: instructions, in dispatch order (the classic builder stops at the first: every failure of it is here);
 * 4.5. `cacheKey`: BuildKit computes the cache keys (content checksums) of the whole graph before executing any step;
 * 4.6. `execute`: BuildKit executes the file operations (`--chown` lookups, mkdir, copy conflicts);
 * 5. `noImage`: after the last stage (the classic builder's "No image was generated").
 */
export const FailurePhase = {
  emptyDockerfile: 0,
  lineParse: 1,
  instructionParse: 2,
  stageGraph: 3,
  stageNames: 3.5,
  dispatch: 4,
  cacheKey: 4.5,
  execute: 4.6,
  noImage: 5,
} as const;

/** One of the {@link FailurePhase} values. */
export type FailurePhase = (typeof FailurePhase)[keyof typeof FailurePhase];

/** The phase of a cache-key failure (a source's content checksum, a download) for a builder. */
export function cacheKeyPhase(rules: BuilderRules): FailurePhase {
  return rules.keysGraphBeforeExecuting ? FailurePhase.cacheKey : FailurePhase.dispatch;
}

/** The phase of an execution failure (of a file operation or a RUN) for a builder. */
export function execPhase(rules: BuilderRules): FailurePhase {
  return rules.keysGraphBeforeExecuting ? FailurePhase.execute : FailurePhase.dispatch;
}
