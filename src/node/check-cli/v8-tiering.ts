/**
 * How `dockerfile-check` tunes V8 for its worker threads. When the workers take every core, V8's optimising
 * compiler threads compete with them: on the corpus they used about a third as much CPU as the workers,
 * recompiling big functions. Then V8 is told to optimise only functions that ran longer (a larger interrupt
 * budget): less compiling, more checking, on a full machine (measured: bench/check.ts). With a free core the
 * compiler runs beside the work, and V8's default stays. `DOCKERFILE_CHECK_V8_TIERING=default` keeps it always.
 *
 * V8 rejects a code cache made under other flags, so the flags also go into the environment the workers
 * inherit ({@link V8_FLAGS_ENV}): bin/run-bundle.js then runs the workers' bundle through a code cache of
 * its own for these flags (primed by the build, scripts/bundle.mjs), instead of compiling it again in each.
 *
 * @module
 */
import { availableParallelism } from "node:os";
import { setFlagsFromString } from "node:v8";

/** The V8 flags of a run whose workers take every core. */
export const TIER_LATER_V8_FLAGS = "--interrupt-budget=600000";

/**
 * The environment variable naming the V8 flags a run applied (read by bin/run-bundle.js, which applies them
 * before compiling and picks the code cache made under them).
 */
export const V8_FLAGS_ENV = "DOCKERFILE_SEMANTICS_V8_FLAGS";

/**
 * Applies {@link TIER_LATER_V8_FLAGS} when `jobs` workers take every core (unless
 * `DOCKERFILE_CHECK_V8_TIERING=default`), and records them in {@link V8_FLAGS_ENV} for the workers.
 *
 * @example
 * ```ts
 * tierUpLater(2); // on a 2-core machine: V8 optimises later, and the workers use the matching code cache
 * ```
 */
export function tierUpLater(jobs: number): void {
  if (process.env["DOCKERFILE_CHECK_V8_TIERING"] === "default" || jobs < availableParallelism()) return;
  setFlagsFromString(TIER_LATER_V8_FLAGS);
  process.env[V8_FLAGS_ENV] = TIER_LATER_V8_FLAGS;
}
