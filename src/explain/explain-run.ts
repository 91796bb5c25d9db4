import { explainImages, type ExplainedImage } from "./describe-image-source.js";
import type { Builder } from "../core/builder.js";
import type { Diagnostic } from "../core/diagnostic.js";
import type { Traced } from "../image/origin.js";
import type { TracedConfig } from "../image/config.js";
import type { StageResult } from "../evaluate/evaluate-dockerfile.js";
import type { StageBase } from "../evaluate/stage-state.js";
import type { RunOptions } from "../run/resolve-run.js";
import type { Simulation } from "../simulate.js";
import { describeOrigin } from "../provenance/describe-origin.js";
import { describeTraced } from "../provenance/describe-traced.js";
import { matrixCellOf, type MatrixCell } from "./matrix-cell.js";
import { runUnknowns, type UnknownDependency } from "../report/unknown-dependencies.js";
import { budgetStopOf } from "../report/budget-stop.js";

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
  /** The external images the build uses, with where the simulator learnt each from. */
  readonly images: readonly ExplainedImage[];
  /** What the process depends on that the simulator does not know (see {@link runUnknowns}); empty when nothing. */
  readonly unknown: readonly UnknownDependency[];
  /** The `budget/exceeded` notice that stopped the simulation of the image (see {@link budgetStopOf}), or null. */
  readonly budgetStop: string | null;
}

function field<T>(name: string, t: Traced<T>, show: (v: T) => string): ExplainedField {
  return { field: name, value: show(t.value), why: describeTraced(name, t) };
}

const json = (v: unknown) => (v === null || v === "" ? "(none)" : JSON.stringify(v));

/**
 * Explains a simulation: the final argv word by word, and the ENTRYPOINT/CMD/SHELL/WORKDIR/USER
 * values with where each came from, as the container gets them (a `docker run` override shows as
 * the override, with the image's value it replaced), plus the ONBUILD triggers that ran at FROM
 * and those the image registers.
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
  const unknown = runUnknowns(sim);
  const unknownImageOf = new Map(unknown.map((u) => [u.field, u.image]));
  // A value still inherited from an unknown image is only what the Dockerfile alone gives: say so.
  const marked = (f: ExplainedField): ExplainedField => {
    const image = unknownImageOf.get(f.field);
    if (image === undefined) return f;
    // A value taken from the unknown image itself already says so (describeOrigin); others say what they depend on.
    const why = f.why.includes("unknown to the simulator") ? f.why : `depends on ${image}, unknown to the simulator: ${f.why}`;
    return { ...f, value: `unknown (the Dockerfile alone gives ${f.value})`, why };
  };
  const fields: ExplainedField[] = c === undefined || stage === null ? [] : [...configFields(c, sim.options.run ?? {}, osOf(sim, stage)).map(marked), ...onbuildFields(sim, stage)];
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
    images: explainImages(sim.evaluation.images),
    unknown,
    budgetStop: budgetStopOf(sim),
  };
}

/** The image's value of a field and why, as a clause for an override's explanation. */
function imageValue<T>(name: string, t: Traced<T>, show: (v: T) => string): string {
  return `the image's ${name} ${show(t.value)} (${describeTraced(name, t)})`;
}

/**
 * The fields that decide the process, each as the container gets it: a `docker run` option that
 * overrides the image (`--entrypoint`, run arguments, `-w`, `-u`, `-e`) shows as the override,
 * with the image's value it replaced.
 */
function configFields(c: TracedConfig, ro: RunOptions, os: string): ExplainedField[] {
  const args = ro.args ?? [];
  const entrypoint: ExplainedField = ro.entrypoint === undefined
    ? field("Entrypoint", c.Entrypoint, json)
    : { field: "Entrypoint", value: ro.entrypoint === "" ? "(none)" : JSON.stringify([ro.entrypoint]), why: `overridden by docker run --entrypoint${ro.entrypoint === "" ? ' ""' : ""}; ${imageValue("Entrypoint", c.Entrypoint, json)} is not used` };
  const cmd: ExplainedField = args.length > 0
    ? { field: "Cmd", value: JSON.stringify(args), why: `replaced by the docker run arguments; ${imageValue("Cmd", c.Cmd, json)} is not used` }
    : ro.entrypoint !== undefined
      ? { field: "Cmd", value: "(none)", why: `docker run --entrypoint drops ${imageValue("Cmd", c.Cmd, json)}: the daemon keeps the image's Cmd only when neither run arguments nor --entrypoint are given` }
      : field("Cmd", c.Cmd, json);
  const workdir: ExplainedField = ro.workdir === undefined || ro.workdir === ""
    ? field("WorkingDir", c.WorkingDir, json)
    : { field: "WorkingDir", value: JSON.stringify(ro.workdir), why: `overridden by docker run -w; ${imageValue("WorkingDir", c.WorkingDir, json)} is not used` };
  const user: ExplainedField = ro.user !== undefined && ro.user !== ""
    ? { field: "User", value: JSON.stringify(ro.user), why: `overridden by docker run -u; ${imageValue("User", c.User, showUser(os))} is not used` }
    : os === "windows" && c.User.value === ""
      ? { field: "User", value: "(the image's default account)", why: `${describeTraced("User", c.User)}; a Windows image with no USER runs as the account its base image was built for (ContainerUser or ContainerAdministrator), which the simulator does not model` }
      : field("User", c.User, showUser(os));
  const env: ExplainedField[] = (ro.env ?? []).length === 0 ? [] : [{ field: "Env", value: JSON.stringify(ro.env), why: "added by docker run -e: each entry replaces the image's variable of the same name (a bare NAME takes the value from the environment of docker run)" }];
  return [entrypoint, cmd, field("Shell", c.Shell, (v) => (v === null ? (os === "windows" ? "(default cmd /S /C)" : "(default /bin/sh -c)") : JSON.stringify(v))), workdir, user, ...env];
}

const showUser = (os: string) => (v: string) => (v === "" ? (os === "windows" ? "(unset)" : "(root)") : JSON.stringify(v));

/** The target stage's OS, from the external image at the bottom of its FROM chain (`linux` for scratch). */
function osOf(sim: Simulation, stage: StageResult): string {
  let s: StageResult | undefined = stage;
  for (let hops = 0; s !== undefined && hops <= sim.evaluation.stages.length; hops++) {
    const base: StageBase = s.base;
    if (base.kind === "image") return base.image.os;
    if (base.kind === "scratch") return "linux";
    s = sim.evaluation.stages.find((r) => r.index === base.index);
  }
  return "linux";
}

/**
 * ONBUILD in the text: the triggers the image registers for images built FROM it, and the
 * triggers of its base (image or stage) that ran at its FROM.
 */
function onbuildFields(sim: Simulation, stage: StageResult): ExplainedField[] {
  const out: ExplainedField[] = [];
  const base = stage.base;
  const ran = base.kind === "image" ? base.image.config.OnBuild ?? [] : base.kind === "stage" ? (sim.evaluation.stages.find((r) => r.index === base.index)?.config.OnBuild ?? []).map((e) => e.value) : [];
  const from = base.kind === "image" ? `the base image ${base.image.ref}` : base.kind === "stage" ? `stage ${JSON.stringify(base.stage)}` : "";
  if (ran.length > 0) out.push({ field: "Triggers", value: JSON.stringify(ran), why: `ONBUILD triggers of ${from}, run at this stage's FROM before its own instructions` });
  for (const e of stage.config.OnBuild) out.push({ field: "OnBuild", value: JSON.stringify(e.value), why: `${describeTraced("OnBuild", e)}; registered, runs when an image is built FROM this one` });
  return out;
}
