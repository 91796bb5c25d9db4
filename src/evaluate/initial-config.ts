import type { HealthConfig, TracedConfig, TracedEntry } from "../image/config.js";
import { portSpanOfKey, type TracedPortSpan } from "../image/exposed-ports.js";
import type { BaseImage } from "../image/base-image.js";
import type { Origin, Traced, Via } from "../image/origin.js";
import type { Builder } from "../core/builder.js";
import { rulesOf } from "../builders/index.js";

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
  if (!rulesOf(builder).scratchWorkdirIsRoot) return c;
  return { ...c, WorkingDir: t("/", { kind: "default", reason: "BuildKit's empty image (FROM scratch) has WorkingDir \"/\"" }) };
}

function entries(keys: readonly string[] | null | undefined, origin: Origin): TracedEntry[] {
  return (keys ?? []).map((key) => ({ key, value: "", origin }));
}

/** The config of an external base image, every field traced to that image. */
export function configFromImage(image: BaseImage): TracedConfig {
  const o: Origin = image.known ? { kind: "base-image", image: image.ref } : { kind: "base-image", image: image.ref, unknown: true };
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
    ExposedPorts: Object.keys(c.ExposedPorts ?? {}).map((k) => portSpanOfKey(k, o)),
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

/**
 * Marks every field and entry of a stage's config as inherited through that stage. Each value
 * gets one new {@link Via} link in front of the list it had, which stays shared: the work per
 * stage is one small object per field or entry, whatever the depth of a `FROM <stage>` chain.
 * Values that came through the same stages share the new link too.
 */
function inheritThrough(stage: string): {
  field<T>(x: Traced<T>): Traced<T>;
  entries(xs: readonly TracedEntry[]): TracedEntry[];
  ports(xs: readonly TracedPortSpan[]): TracedPortSpan[];
} {
  // Nearly every value of a stage came through the same stages as the one before it, so the last
  // link answers most lookups; the map holds the others.
  let lastNext: Via | null | undefined;
  let lastLink: Via | undefined;
  let links: Map<Via | null, Via> | undefined;
  const link = (next: Via | null): Via => {
    if (lastLink !== undefined && next === lastNext) return lastLink;
    let l = links?.get(next);
    if (l === undefined) {
      l = { stage, next };
      if (lastLink !== undefined) (links ??= new Map([[lastNext ?? null, lastLink]])).set(next, l);
    }
    lastNext = next;
    return (lastLink = l);
  };
  return {
    field: (x) => ({ ...x, via: link(x.via ?? null) }),
    // Written out rather than spread: one object shape for all entries, and several times faster
    // on large collections (`EXPOSE 1-65535` is 65,535 entries). Keep in step with TracedEntry.
    entries: (xs) => xs.map((x) => (x.replaced === undefined
      ? { key: x.key, value: x.value, origin: x.origin, via: link(x.via ?? null) }
      : { key: x.key, value: x.value, origin: x.origin, via: link(x.via ?? null), replaced: x.replaced })),
    ports: (xs) => xs.map((x) => (x.kind === "range"
      ? { kind: "range", start: x.start, end: x.end, proto: x.proto, origin: x.origin, via: link(x.via ?? null) }
      : { kind: "key", key: x.key, origin: x.origin, via: link(x.via ?? null) })),
  };
}

/**
 * A stage's final config as the starting point of a stage built `FROM` it (OnBuild cleared), every
 * value marked as inherited through `stage`. The arrays are new (the new stage owns them); the
 * values' {@link Via} lists are extended, not copied.
 */
export function configFromStage(c: TracedConfig, stage: string): TracedConfig {
  const via = inheritThrough(stage);
  return {
    Entrypoint: via.field(c.Entrypoint), Cmd: via.field(c.Cmd), Env: via.entries(c.Env), WorkingDir: via.field(c.WorkingDir),
    User: via.field(c.User), ExposedPorts: via.ports(c.ExposedPorts), Volumes: via.entries(c.Volumes),
    Labels: via.entries(c.Labels), StopSignal: via.field(c.StopSignal), Healthcheck: via.field(c.Healthcheck),
    Shell: via.field(c.Shell), OnBuild: [], ArgsEscaped: c.ArgsEscaped, Author: via.field(c.Author),
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
  if (rulesOf(builder).inheritsAuthor || withPath.Author.value === "") return withPath;
  return { ...withPath, Author: { value: "", origin: { kind: "default", reason: "the classic builder writes only this stage's own MAINTAINER" }, replaced: withPath.Author } };
}
