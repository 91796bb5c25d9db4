/**
 * What an answer depends on that the simulator does not know: the config fields, the layer count
 * and the parts of `docker run`'s process whose value may come from a base image no resolver
 * knew. "Unknown stays unknown": such a value is reported as depending on that image, never
 * presented as a fact. Browser-safe.
 *
 * @module
 */
import { parseImageReference } from "../docker/index.js";
import type { StageResult } from "../evaluate/evaluate-dockerfile.js";
import type { Traced } from "../image/origin.js";
import type { Simulation } from "../simulate.js";

/** One value that depends on an unknown image: which (a config field, `layers`, or a part of the run) and on what. */
export interface UnknownDependency {
  /** `Entrypoint`, `Cmd`, `Shell`, `Env`, `WorkingDir`, `User`, `ExposedPorts`, `Volumes`, `Labels`, `StopSignal`, `Healthcheck`, or `layers`. */
  readonly field: string;
  /** The unknown image, in Docker's short form (`node:20-alpine`). */
  readonly image: string;
}

/** The normalized references of the unknown external images of a simulation. */
function unknownImages(sim: Simulation): ReadonlySet<string> {
  return new Set(sim.evaluation.images.filter((i) => !i.known).map((i) => i.ref));
}

function familiar(ref: string): string {
  const r = parseImageReference(ref);
  return r.ok ? r.value.familiar : ref;
}

/** The external image at the root of a stage's FROM chain (null for scratch). */
function rootImageOf(sim: Simulation, stage: StageResult): string | null {
  let s: StageResult | undefined = stage;
  for (let hops = 0; s !== undefined && hops <= sim.evaluation.stages.length; hops++) {
    const base: StageResult["base"] = s.base;
    if (base.kind === "scratch") return null;
    if (base.kind === "image") return base.image.ref;
    s = sim.evaluation.stages.find((x) => x.index === base.index);
  }
  return null;
}

function fromUnknown(t: Traced<unknown>, unknown: ReadonlySet<string>): string | null {
  return t.origin.kind === "base-image" && unknown.has(t.origin.image) ? t.origin.image : null;
}

/**
 * The config fields of the built image, and its layer count, that may depend on an unknown base
 * image: a single-valued field still inherited from it (its value is whatever that image has), a
 * collection (Env, ExposedPorts, Volumes, Labels) whose stage chain starts from it (it may add
 * entries), and the layers. Empty when every base image is known.
 *
 * @example
 * ```ts
 * configUnknowns(simulate("FROM node:20\nCMD [\"app\"]\n")).map((u) => u.field);
 * // ["Entrypoint", "Env", "WorkingDir", "User", "ExposedPorts", "Volumes", "Labels", "StopSignal", "Healthcheck", "Shell", "layers"]
 * ```
 */
export function configUnknowns(sim: Simulation): UnknownDependency[] {
  const stage = sim.stage;
  const unknown = unknownImages(sim);
  if (stage === null || unknown.size === 0) return [];
  const root = rootImageOf(sim, stage);
  const rootUnknown = root !== null && unknown.has(root) ? root : null;
  const c = stage.config;
  const out: UnknownDependency[] = [];
  const single = (field: string, t: Traced<unknown>): void => {
    const img = fromUnknown(t, unknown);
    if (img !== null) out.push({ field, image: familiar(img) });
  };
  const collection = (field: string): void => {
    if (rootUnknown !== null) out.push({ field, image: familiar(rootUnknown) });
  };
  single("Entrypoint", c.Entrypoint);
  single("Cmd", c.Cmd);
  collection("Env");
  single("WorkingDir", c.WorkingDir);
  single("User", c.User);
  collection("ExposedPorts");
  collection("Volumes");
  collection("Labels");
  single("StopSignal", c.StopSignal);
  single("Healthcheck", c.Healthcheck);
  single("Shell", c.Shell);
  if (stage.layers === null && rootUnknown !== null) out.push({ field: "layers", image: familiar(rootUnknown) });
  return out;
}

/**
 * The parts of the process `docker run` starts that may depend on an unknown base image:
 * `Entrypoint` and `Cmd` where the run uses the image's (inherited, or absent, from it: the image
 * may set one), `Shell` where a shell-form command was wrapped with the inherited shell, and
 * `Env`, `WorkingDir`, `User` where the container takes them from it. The first three decide the
 * argv ({@link argvDependsOn}). Empty when nothing is unknown.
 *
 * @example
 * ```ts
 * runUnknowns(simulate("FROM node:20\nCMD npm start\n")).map((u) => u.field); // ["Entrypoint", "Shell", "Env", "WorkingDir", "User"]
 * ```
 */
export function runUnknowns(sim: Simulation): UnknownDependency[] {
  const stage = sim.stage;
  const unknown = unknownImages(sim);
  if (stage === null || sim.run === null || unknown.size === 0) return [];
  const ro = sim.options.run ?? {};
  const c = stage.config;
  const out: UnknownDependency[] = [];
  const add = (field: string, t: Traced<unknown>): void => {
    const img = fromUnknown(t, unknown);
    if (img !== null) out.push({ field, image: familiar(img) });
  };
  const usesImageEntrypoint = ro.entrypoint === undefined;
  const usesImageCmd = ro.entrypoint === undefined && (ro.args ?? []).length === 0;
  if (usesImageEntrypoint) add("Entrypoint", c.Entrypoint);
  if (usesImageCmd) add("Cmd", c.Cmd);
  const shellForm = (usesImageEntrypoint && writtenInShellForm(c.Entrypoint)) || (usesImageCmd && writtenInShellForm(c.Cmd));
  if (shellForm) add("Shell", c.Shell);
  const root = rootImageOf(sim, stage);
  if (root !== null && unknown.has(root)) out.push({ field: "Env", image: familiar(root) });
  if (ro.workdir === undefined || ro.workdir === "") add("WorkingDir", c.WorkingDir);
  if (ro.user === undefined || ro.user === "") add("User", c.User);
  return out;
}

/** Whether a command came from a CMD/ENTRYPOINT written in shell form (wrapped with the shell then in force). */
function writtenInShellForm(t: Traced<readonly string[] | null>): boolean {
  if (t.origin.kind !== "instruction" || t.value === null || t.value.length < 2) return false;
  const args = t.origin.site.text.trim().replace(/^\S+\s*/, "");
  return !args.startsWith("[");
}

/**
 * The values that depend on unknown images, grouped by image: `the Entrypoint, Shell of image node:20-alpine`.
 *
 * @example
 * ```ts
 * describeUnknowns([{ field: "Entrypoint", image: "app:1" }, { field: "Shell", image: "app:1" }]); // "the Entrypoint, Shell of image app:1"
 * ```
 */
export function describeUnknowns(us: readonly UnknownDependency[]): string {
  const byImage = new Map<string, string[]>();
  for (const u of us) byImage.set(u.image, [...(byImage.get(u.image) ?? []), u.field]);
  return [...byImage].map(([image, fields]) => `the ${[...new Set(fields)].join(", ")} of image ${image}`).join(" and ");
}

/**
 * The headline when the command itself depends on unknown images (`argv`: {@link argvDependsOn}),
 * said instead of a command or a refusal; the CLI and the docs site's playground both show it.
 *
 * @example
 * ```ts
 * unknownCommandHeadline([{ field: "Entrypoint", image: "node:20-alpine" }]);
 * // "docker run: the command depends on the Entrypoint of image node:20-alpine, unknown to the simulator"
 * ```
 */
export function unknownCommandHeadline(argv: readonly UnknownDependency[]): string {
  return `docker run: the command depends on ${describeUnknowns(argv)}, unknown to the simulator`;
}

/** Whether the argv itself (not only its environment) depends on an unknown image. */
export function argvDependsOn(unknowns: readonly UnknownDependency[]): UnknownDependency[] {
  return unknowns.filter((u) => u.field === "Entrypoint" || u.field === "Cmd" || u.field === "Shell");
}
