import type { HealthConfig, TracedConfig, TracedEntry } from "../image/config.js";
import type { BaseImage } from "../image/base-image.js";
import type { Origin, Traced } from "../image/origin.js";
import type { Builder } from "../core/builder.js";

/** The default `PATH` both builders add to a Linux stage whose config has none. */
export const DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

function t<T>(value: T, origin: Origin): Traced<T> {
  return { value, origin };
}

const UNSET: Origin = { kind: "default", reason: "not set" };

/** A config with nothing set. */
export function emptyConfig(origin: Origin = UNSET): TracedConfig {
  return {
    Entrypoint: t(null, origin), Cmd: t(null, origin), Env: [], WorkingDir: t("", origin), User: t("", origin),
    ExposedPorts: [], Volumes: [], Labels: [], StopSignal: t("", origin), Healthcheck: t<HealthConfig | null>(null, origin),
    Shell: t(null, origin), OnBuild: [], ArgsEscaped: false, Author: t("", origin),
  };
}

/**
 * The config a `FROM scratch` stage starts with. BuildKit's empty image has `WorkingDir "/"` and
 * the default PATH (`dockerfile2llb.emptyImage`); the classic builder's has nothing (PATH is added
 * when the stage starts, for both).
 */
export function scratchConfig(builder: Builder): TracedConfig {
  const c = emptyConfig();
  if (builder === "legacy") return c;
  return { ...c, WorkingDir: t("/", { kind: "default", reason: "BuildKit's empty image (FROM scratch) has WorkingDir \"/\"" }) };
}

function entries(keys: readonly string[] | null | undefined, origin: Origin): TracedEntry[] {
  return (keys ?? []).map((key) => ({ key, value: "", origin }));
}

/** The config of an external base image, every field traced to that image. */
export function configFromImage(image: BaseImage): TracedConfig {
  const o: Origin = { kind: "base-image", image: image.ref };
  const c = image.config;
  return {
    Entrypoint: t(c.Entrypoint ?? null, o),
    Cmd: t(c.Cmd ?? null, o),
    Env: (c.Env ?? []).map((kv) => {
      const eq = kv.indexOf("=");
      return { key: eq < 0 ? kv : kv.slice(0, eq), value: eq < 0 ? "" : kv.slice(eq + 1), origin: o };
    }),
    WorkingDir: t(c.WorkingDir ?? "", o),
    User: t(c.User ?? "", o),
    ExposedPorts: entries(Object.keys(c.ExposedPorts ?? {}), o),
    Volumes: entries(Object.keys(c.Volumes ?? {}), o),
    Labels: Object.entries(c.Labels ?? {}).map(([key, value]) => ({ key, value, origin: o })),
    StopSignal: t(c.StopSignal ?? "", o),
    Healthcheck: t(c.Healthcheck ?? null, o),
    Shell: t(c.Shell ?? null, o),
    OnBuild: (c.OnBuild ?? []).map((value, i) => ({ key: String(i), value, origin: o })),
    ArgsEscaped: c.ArgsEscaped === true,
    Author: t(image.author, o),
  };
}

function via<T>(x: Traced<T>, stage: string): Traced<T> {
  return { ...x, via: [stage, ...(x.via ?? [])] };
}

function viaEntries(xs: readonly TracedEntry[], stage: string): TracedEntry[] {
  return xs.map((x) => ({ ...x, via: [stage, ...(x.via ?? [])] }));
}

/** A stage's final config as the starting point of a stage built `FROM` it (OnBuild cleared). */
export function configFromStage(c: TracedConfig, stage: string): TracedConfig {
  return {
    Entrypoint: via(c.Entrypoint, stage), Cmd: via(c.Cmd, stage), Env: viaEntries(c.Env, stage), WorkingDir: via(c.WorkingDir, stage),
    User: via(c.User, stage), ExposedPorts: viaEntries(c.ExposedPorts, stage), Volumes: viaEntries(c.Volumes, stage),
    Labels: viaEntries(c.Labels, stage), StopSignal: via(c.StopSignal, stage), Healthcheck: via(c.Healthcheck, stage),
    Shell: via(c.Shell, stage), OnBuild: [], ArgsEscaped: c.ArgsEscaped, Author: via(c.Author, stage),
  };
}

/** Adds the default PATH when the config has none (BuildKit, and moby `setDefaultPath`). */
export function withDefaultPath(c: TracedConfig, os: string): TracedConfig {
  if (os === "windows" || c.Env.some((e) => e.key === "PATH")) return c;
  return { ...c, Env: [...c.Env, { key: "PATH", value: DEFAULT_PATH, origin: { kind: "default", reason: "the builder adds a default PATH when the base image has none" } }] };
}

/**
 * The config a stage starts dispatching with: the default PATH added, and for the classic builder
 * no inherited `Author`: moby commits `Author: state.maintainer`, which every stage starts empty
 * (builder/dockerfile/internals.go), so only a MAINTAINER in the stage itself sets it (found by the
 * differential oracle on 28.5; BuildKit keeps the base's Author).
 */
export function stageStartConfig(builder: Builder, c: TracedConfig, os: string): TracedConfig {
  const withPath = withDefaultPath(c, os);
  if (builder === "buildkit" || withPath.Author.value === "") return withPath;
  return { ...withPath, Author: { value: "", origin: { kind: "default", reason: "the classic builder writes only this stage's own MAINTAINER" }, replaced: withPath.Author } };
}
