/**
 * Shared helpers for the rule specs: run the simulator on a Dockerfile and pick out the piece a
 * table row checks (the target's config, the build error, labels, history).
 *
 * Expected values in the specs come from `docs/semantics/docker-28.5.md` (real builds on Docker
 * Engine 28.5) or from builds run against that engine; never from the simulator itself.
 *
 * @module
 */
import type { Builder } from "../../src/core/builder.js";
import { BUILDERS } from "../../src/core/builder.js";
import { mapResolver, type BaseImage } from "../../src/image/base-image.js";
import { toInspectConfig, type InspectConfig } from "../../src/image/config.js";
import { DEFAULT_PATH } from "../../src/evaluate/initial-config.js";
import { simulate, type SimulateOptions, type Simulation } from "../../src/simulate.js";

export { BUILDERS, DEFAULT_PATH };
export type { Builder };

/** `docker image inspect .Config` of the target plus the fields inspect shows elsewhere. */
export type PlainConfig = InspectConfig & { readonly ArgsEscaped: boolean; readonly Author: string };

/** Options for the helpers: the simulator's, with `builder` required where it matters. */
export type Opts = SimulateOptions;

/** The config of `sim/busybox:latest` as built for the verification runs (FROM scratch + static busybox). */
export const SIM_BUSYBOX: BaseImage = {
  ref: "docker.io/sim/busybox:latest",
  known: true,
  source: "inspect",
  config: { Env: [`PATH=${DEFAULT_PATH}`], WorkingDir: "/" },
  author: "",
  layers: 2,
  os: "linux",
};

/** A base image with the given `.Config`, on top of busybox's two layers. */
export function imageWith(ref: string, config: BaseImage["config"], extra: Partial<BaseImage> = {}): BaseImage {
  return { ref, known: true, source: "inspect", config: { Env: [`PATH=${DEFAULT_PATH}`], WorkingDir: "/", ...config }, author: "", layers: 2, os: "linux", ...extra } as BaseImage;
}

/** A resolver that knows `sim/busybox` and the given images (keyed by their normalized `ref`). */
export function resolverWith(...images: readonly BaseImage[]) {
  return mapResolver(new Map([SIM_BUSYBOX, ...images].map((i) => [i.ref, i] as const)));
}

/** Simulates with `sim/busybox` known (unless a resolver is given). */
export function sim(text: string, opts: Opts = {}): Simulation {
  return simulate(text, { resolver: resolverWith(), ...opts });
}

/** The build error's message (the daemon's text, without the CLI's prefixes), or null. */
export function errorOf(text: string, builder: Builder, opts: Opts = {}): string | null {
  return sim(text, { ...opts, builder }).error?.message ?? null;
}

/**
 * The message as the daemon returned it, from the text the CLI printed: strips the classic
 * builder's `Error response from daemon: ` (errors before the step stream, doc section I.1).
 */
export function daemonMessage(cliText: string): string {
  return cliText.replace(/^Error response from daemon: /, "");
}

/** The target's config in inspect shape; throws (failing the test) when the build would fail. */
export function configOf(text: string, opts: Opts = {}): PlainConfig {
  const s = sim(text, opts);
  if (s.error !== null) throw new Error(`unexpected build error: ${s.error.message}`);
  if (s.stage === null) throw new Error("no target stage");
  return { ...toInspectConfig(s.stage.config), ArgsEscaped: s.stage.config.ArgsEscaped, Author: s.stage.config.Author.value };
}

/** The target's labels (a build error fails the test). */
export function labelsOf(text: string, opts: Opts = {}): Record<string, string> {
  return configOf(text, opts).Labels ?? {};
}

/** The target's Env entries as `K=V` strings (a build error fails the test). */
export function envOf(text: string, opts: Opts = {}): string[] {
  return configOf(text, opts).Env ?? [];
}

/** The target's raw config fields (before inspect's omission of empty values). */
export function rawOf(text: string, opts: Opts = {}) {
  const s = sim(text, opts);
  if (s.stage === null) throw new Error(`no target stage (${s.error?.message ?? "no error"})`);
  return s.stage.config;
}

/** The target's history `created_by` lines. */
export function historyOf(text: string, opts: Opts = {}): string[] {
  const s = sim(text, opts);
  return (s.stage?.history ?? []).map((h) => h.created_by);
}

/** Prefixes a Dockerfile body with `FROM sim/busybox`. */
export function onBusybox(...lines: readonly string[]): string {
  return ["FROM sim/busybox", ...lines].join("\n") + "\n";
}
