import type { Builder } from "../core/builder.js";
import type { ContextOption } from "../evaluate/stage-files.js";
import type { BaseImageResolver } from "../image/base-image.js";
import type { RunOptions } from "../run/resolve-run.js";
import { simulate, type SimulateOptions, type Simulation } from "../simulate.js";
import { PLAIN, type TextStyle } from "../explain/render-text.js";

/** The Dockerfile a session has loaded. */
export interface SessionSource {
  /** The path it was read from, as the user gave it (for `reload` and messages). */
  readonly path: string;
  readonly text: string;
}

/**
 * Everything an interactive session knows; immutable, each command returns a new one.
 * The simulation is derived from it (see {@link simulationOf}).
 */
export interface SessionState {
  readonly source: SessionSource | null;
  readonly builder: Builder;
  /** `--target`, or null for the last stage. */
  readonly target: string | null;
  readonly buildArgs: ReadonlyMap<string, string>;
  readonly resolver: BaseImageResolver | undefined;
  /** The `docker run` options of the last `run`. */
  readonly run: RunOptions;
  readonly style: TextStyle;
  /** The build context COPY and ADD read from (the CLI's CONTEXT directory), if any. */
  readonly context?: ContextOption;
}

/** A session with nothing loaded, BuildKit, no build args. */
export function initialSession(init: Partial<SessionState> = {}): SessionState {
  return { source: null, builder: "buildkit", target: null, buildArgs: new Map(), resolver: undefined, run: {}, style: PLAIN, ...init };
}

/** The simulate options a session stands for (without the Dockerfile text). */
export function simulateOptionsOf(s: SessionState): SimulateOptions {
  return {
    builder: s.builder,
    buildArgs: s.buildArgs,
    ...(s.target === null ? {} : { target: s.target }),
    ...(s.resolver === undefined ? {} : { resolver: s.resolver }),
    run: s.run,
    ...(s.context === undefined ? {} : { context: s.context }),
  };
}

const cache = new WeakMap<SessionState, Simulation>();

/** The simulation of the loaded Dockerfile with the session's options (memoised per state), or null when nothing is loaded. */
export function simulationOf(s: SessionState): Simulation | null {
  if (s.source === null) return null;
  let sim = cache.get(s);
  if (sim === undefined) {
    sim = simulate(s.source.text, simulateOptionsOf(s));
    cache.set(s, sim);
  }
  return sim;
}
