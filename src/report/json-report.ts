import type { Diagnostic } from "../core/diagnostic.js";
import { toInspectConfig, type InspectConfig } from "../image/config.js";
import type { Simulation } from "../simulate.js";

/** A history entry as in the image config blob. */
export interface JsonHistoryEntry {
  readonly created_by: string;
  readonly empty_layer: boolean;
  readonly comment?: string;
}

/** The process `docker run` starts, in `docker inspect` terms, or the daemon's refusal. */
export type JsonRun =
  | { readonly path: string; readonly args: readonly string[]; readonly env: readonly string[]; readonly workdir: string; readonly user: string }
  | { readonly error: string };

/**
 * The `explain-cmd --json` object: a stable contract that scripts read. Field names and shapes
 * follow `docker image inspect` (`config`) and the image config blob (`history`).
 */
export interface JsonReport {
  /** The stage built: its name, or its index as a string. */
  readonly stage: string | null;
  readonly config: InspectConfig | null;
  readonly history: readonly JsonHistoryEntry[];
  /** Filesystem layers of the image, the base image's included; null when a base image's layer count is unknown. */
  readonly layers: number | null;
  readonly run: JsonRun | null;
  /** Present only when a real build would fail: the engine's message. */
  readonly error?: string;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Turns a {@link Simulation} into the `--json` report (provenance stripped; see the library API
 * for the traced values).
 *
 * @example
 * ```ts
 * const report = toJsonReport(simulate(text));
 * console.log(JSON.stringify(report, null, 2));
 * ```
 */
export function toJsonReport(sim: Simulation): JsonReport {
  const stage = sim.stage;
  const run: JsonRun | null = sim.run === null ? null : sim.run.ok
    ? { path: sim.run.path, args: sim.run.args, env: sim.run.env, workdir: sim.run.workdir, user: sim.run.user }
    : { error: sim.run.error };
  const report: JsonReport = {
    stage: stage?.label ?? null,
    config: stage === null ? null : toInspectConfig(stage.config),
    history: (stage?.history ?? []).map((h) => (h.comment === undefined ? { created_by: h.created_by, empty_layer: h.empty_layer } : { created_by: h.created_by, empty_layer: h.empty_layer, comment: h.comment })),
    layers: stage?.layers ?? null,
    run,
    diagnostics: sim.diagnostics,
  };
  return sim.error === null ? report : { ...report, error: sim.error.message };
}
