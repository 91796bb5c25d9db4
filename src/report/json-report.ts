import type { Diagnostic } from "../core/diagnostic.js";
import { toInspectConfig, type InspectConfig } from "../image/config.js";
import type { ImageSource } from "../image/base-image.js";
import type { Simulation } from "../simulate.js";
import { configUnknowns, runUnknowns, type UnknownDependency } from "./unknown-dependencies.js";
import { budgetStopOf } from "./budget-stop.js";

/** A history entry as in the image config blob. */
export interface JsonHistoryEntry {
  readonly created_by: string;
  /** The likely answer; see `layer_depends_on_changes`. */
  readonly empty_layer: boolean;
  readonly comment?: string;
  /**
   * Present (true) only where the classic builder adds a layer only if the step changed a file (a
   * RUN, a WORKDIR, a COPY of files the simulator does not know), which a static simulation cannot
   * tell; not a key of Docker's own history.
   */
  readonly layer_depends_on_changes?: true;
}

/** A value that depends on a base image no resolver knew: which field, and which image. */
export type JsonUnknown = UnknownDependency;

/**
 * The process `docker run` starts, in `docker inspect` terms, or the daemon's refusal. `unknown`
 * (present only when non-empty) names what the process depends on that the simulator does not know:
 * `Entrypoint`, `Cmd` or `Shell` (then the argv shown is only what the Dockerfile alone gives, and an
 * `error` may not happen), `Env`, `WorkingDir`, `User`, each with the unknown image. `incomplete`
 * (present only then) is the `budget/exceeded` notice that stopped the simulation of the image:
 * the process shown is only what the simulation reached, and an `error` may not happen.
 */
export type JsonRun =
  | { readonly path: string; readonly args: readonly string[]; readonly env: readonly string[]; readonly workdir: string; readonly user: string; readonly unknown?: readonly JsonUnknown[]; readonly incomplete?: string }
  | { readonly error: string; readonly unknown?: readonly JsonUnknown[]; readonly incomplete?: string };

/** An external image the build uses, and where the simulator learnt it from. */
export interface JsonImage {
  /** The normalized reference, e.g. `docker.io/library/node:20-alpine`. */
  readonly ref: string;
  readonly source: ImageSource;
  /** The manifest digest, or the image ID from a daemon or inspect JSON, where known. */
  readonly digest?: string;
  /** `os/architecture[/variant]`, where known. */
  readonly platform?: string;
}

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
  /**
   * Present only when some history entry has `layer_depends_on_changes`: the layer count if none of
   * those steps changes a file (`layers` counts them all).
   */
  readonly layersMin?: number;
  /**
   * Present only when non-empty: the config fields (and `layers`) whose value may depend on a base
   * image no resolver knew, each with that image. Such a value is what the Dockerfile alone gives.
   */
  readonly unknown?: readonly JsonUnknown[];
  /**
   * Present only when a budget stopped the simulation of the built stage or of a stage it is built
   * FROM: that `budget/exceeded` notice. The config, history and run are then only what the
   * simulation reached before it: unknown from there on.
   */
  readonly incomplete?: string;
  readonly run: JsonRun | null;
  /** Every external image the build uses (`FROM` and `COPY --from`), in build order, with its source. */
  readonly images: readonly JsonImage[];
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
  const ru = runUnknowns(sim);
  const stop = budgetStopOf(sim);
  const runUnknown = { ...(ru.length === 0 ? {} : { unknown: ru }), ...(stop === null ? {} : { incomplete: stop }) };
  const run: JsonRun | null = sim.run === null ? null : sim.run.ok
    ? { path: sim.run.path, args: sim.run.args, env: sim.run.env, workdir: sim.run.workdir, user: sim.run.user, ...runUnknown }
    : { error: sim.run.error, ...runUnknown };
  const cu = configUnknowns(sim);
  const uncertain = stage?.history.filter((h) => h.layerDependsOnChanges === true) ?? [];
  const layersMin = stage === null || stage.layers === null || uncertain.length === 0 ? {} : { layersMin: stage.layers - uncertain.filter((h) => !h.empty_layer).length };
  const report: JsonReport = {
    stage: stage?.label ?? null,
    config: stage === null ? null : toInspectConfig(stage.config),
    history: (stage?.history ?? []).map((h) => ({
      created_by: h.created_by,
      empty_layer: h.empty_layer,
      ...(h.comment === undefined ? {} : { comment: h.comment }),
      ...(h.layerDependsOnChanges === true ? { layer_depends_on_changes: true as const } : {}),
    })),
    layers: stage?.layers ?? null,
    ...layersMin,
    ...(cu.length === 0 ? {} : { unknown: cu }),
    ...(stop === null ? {} : { incomplete: stop }),
    run,
    images: sim.evaluation.images.map((i) => ({
      ref: i.ref,
      source: i.source,
      ...(i.digest === undefined ? {} : { digest: i.digest }),
      ...(i.platform === undefined ? {} : { platform: i.platform }),
    })),
    diagnostics: sim.diagnostics,
  };
  return sim.error === null ? report : { ...report, error: sim.error.message };
}
