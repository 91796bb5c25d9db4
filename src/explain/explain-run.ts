import type { Builder } from "../core/builder.js";
import type { Diagnostic } from "../core/diagnostic.js";
import type { Traced } from "../image/origin.js";
import type { Simulation } from "../simulate.js";
import { describeOrigin } from "./describe-origin.js";
import { describeTraced } from "./describe-traced.js";
import { matrixCellOf, type MatrixCell } from "./matrix-cell.js";

/** One line of an explanation: a field, its value and why. */
export interface ExplainedField {
  readonly field: string;
  readonly value: string;
  readonly why: string;
}

/** A structured answer to "what does my container run, and why?". */
export interface Explanation {
  readonly builder: Builder;
  readonly stage: string | null;
  /** The argv `docker run` starts, or null when the daemon refuses. */
  readonly argv: readonly string[] | null;
  /** The daemon's refusal (`no command specified`), when there is one. */
  readonly runError: string | null;
  /** The cell of the ENTRYPOINT × CMD table that applied, or null when no stage was built. */
  readonly cell: MatrixCell | null;
  /** Where each argv word came from. */
  readonly words: readonly ExplainedField[];
  /** The config fields that decide the process, with their origins. */
  readonly fields: readonly ExplainedField[];
  /** The build error a real build would stop with, if any. */
  readonly buildError: string | null;
  readonly diagnostics: readonly Diagnostic[];
}

function field<T>(name: string, t: Traced<T>, show: (v: T) => string): ExplainedField {
  return { field: name, value: show(t.value), why: describeTraced(name, t) };
}

const json = (v: unknown) => (v === null || v === "" ? "(none)" : JSON.stringify(v));

/**
 * Explains a simulation: the final argv word by word, and the ENTRYPOINT/CMD/SHELL/WORKDIR/USER
 * values with where each came from.
 *
 * @example
 * ```ts
 * const ex = explainRun(simulate(text));
 * ex.fields.find((f) => f.field === "Cmd")?.why; // "cleared by line 12 (...), because ..."
 * ```
 */
export function explainRun(sim: Simulation): Explanation {
  const stage = sim.stage;
  const c = stage?.config;
  const fields: ExplainedField[] = c === undefined ? [] : [
    field("Entrypoint", c.Entrypoint, json),
    field("Cmd", c.Cmd, json),
    field("Shell", c.Shell, (v) => (v === null ? "(default /bin/sh -c)" : JSON.stringify(v))),
    field("WorkingDir", c.WorkingDir, json),
    field("User", c.User, (v) => (v === "" ? "(root)" : JSON.stringify(v))),
  ];
  const run = sim.run;
  const words: ExplainedField[] = run?.ok === true ? run.argv.map((w, i) => ({ field: `argv[${i}]`, value: w.value, why: `${w.from === "entrypoint" ? "Entrypoint" : "Cmd"}: ${describeOrigin(w.origin)}` })) : [];
  return {
    builder: sim.evaluation.builder,
    stage: stage?.label ?? null,
    argv: run?.ok === true ? run.argv.map((w) => w.value) : null,
    runError: run !== null && !run.ok ? run.error : null,
    cell: matrixCellOf(sim),
    words,
    fields,
    buildError: sim.error?.message ?? null,
    diagnostics: sim.diagnostics,
  };
}
