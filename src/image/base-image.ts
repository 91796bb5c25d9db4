import type { HealthConfig, InspectConfig } from "./config.js";

/** One file of an image; owner 0:0 and modes 0644 (files) / 0755 (directories) unless given. */
export type ImageFileEntry =
  | { readonly type: "file"; readonly content?: string | Uint8Array; readonly size?: number; readonly mode?: number; readonly uid?: number; readonly gid?: number }
  | { readonly type: "dir"; readonly mode?: number; readonly uid?: number; readonly gid?: number }
  | { readonly type: "symlink"; readonly target: string; readonly uid?: number; readonly gid?: number }
  /** The path is known not to exist (say, no `/etc/passwd`), though other files are unknown. */
  | { readonly type: "absent" };

/** Files of an external image. */
export interface ImageFiles {
  /** True when these are all of the image's files; false when the image may hold more. */
  readonly complete: boolean;
  /** Absolute path → entry. Missing parent directories are taken as 0755 root directories. */
  readonly entries: Readonly<Record<string, ImageFileEntry>>;
}

/**
 * What the simulator knows about an external base image: its config as `docker image inspect`
 * shows it, and its layer count. `known: false` marks an image no resolver knew: the simulation
 * goes on with an empty config, and every answer that depends on it says so.
 */
export interface BaseImage {
  /** The normalized reference, e.g. `docker.io/library/busybox:latest`. */
  readonly ref: string;
  readonly known: boolean;
  readonly config: Partial<InspectConfig> & { readonly ArgsEscaped?: boolean };
  readonly author: string;
  /** `RootFS.Layers` length, or `null` when unknown. */
  readonly layers: number | null;
  /** `Os` (`linux` unless the image says otherwise). */
  readonly os: string;
  /** Files of the image the simulator was told about (for COPY --chown names, USER checks, listings); absent: unknown. */
  readonly files?: ImageFiles;
}

/**
 * Supplies base images by normalized reference. Implementations must be synchronous and pure
 * from the simulator's point of view (load files or query daemons before simulating).
 */
export interface BaseImageResolver {
  /** The image for a normalized reference, or `undefined` when unknown. */
  resolve(ref: string): BaseImage | undefined;
}

/** The empty image `FROM scratch` starts from. */
export const SCRATCH: BaseImage = { ref: "scratch", known: true, config: {}, author: "", layers: 0, os: "linux" };

/** A resolver over a fixed map of normalized references. */
export function mapResolver(images: ReadonlyMap<string, BaseImage> | Readonly<Record<string, BaseImage>>): BaseImageResolver {
  const map = images instanceof Map ? images : new Map(Object.entries(images));
  return { resolve: (ref) => map.get(ref) };
}

/** A resolver that tries each resolver in turn. */
export function chainResolvers(...resolvers: readonly BaseImageResolver[]): BaseImageResolver {
  return {
    resolve(ref) {
      for (const r of resolvers) {
        const hit = r.resolve(ref);
        if (hit !== undefined) return hit;
      }
      return undefined;
    },
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function strings(v: unknown): string[] | null {
  return Array.isArray(v) && v.every((x) => typeof x === "string") ? (v as string[]) : null;
}

function keySet(v: unknown): Record<string, Record<string, never>> | null {
  return isRecord(v) ? Object.fromEntries(Object.keys(v).map((k) => [k, {}])) : null;
}

function health(v: unknown): HealthConfig | null {
  if (!isRecord(v)) return null;
  const test = strings(v["Test"]);
  if (test === null) return null;
  const out: { -readonly [K in keyof HealthConfig]: HealthConfig[K] } = { Test: test };
  for (const k of ["Interval", "Timeout", "StartPeriod", "StartInterval", "Retries"] as const) {
    const n = v[k];
    if (typeof n === "number" && n !== 0) out[k] = n;
  }
  return out;
}

/**
 * Reads one image from the JSON `docker image inspect REF` prints (an array of one object, or
 * the object itself). Returns the image, or a message saying what is wrong with the JSON.
 *
 * @example
 * ```ts
 * const img = imageFromInspect("docker.io/library/busybox:latest", JSON.parse(text));
 * if (img.ok) img.value.config.Cmd; // ["sh"]
 * ```
 */
export function imageFromInspect(ref: string, json: unknown): { ok: true; value: BaseImage } | { ok: false; error: string } {
  const obj = Array.isArray(json) ? json[0] : json;
  if (Array.isArray(json) && json.length !== 1) return { ok: false, error: `expected one image in the inspect output, found ${json.length}` };
  if (!isRecord(obj)) return { ok: false, error: "not the JSON of `docker image inspect`: expected an object" };
  const c = isRecord(obj["Config"]) ? obj["Config"] : {};
  const rootfs = isRecord(obj["RootFS"]) ? obj["RootFS"] : {};
  const layers = Array.isArray(rootfs["Layers"]) ? rootfs["Layers"].length : null;
  const labels = isRecord(c["Labels"]) ? Object.fromEntries(Object.entries(c["Labels"]).filter((e): e is [string, string] => typeof e[1] === "string")) : null;
  const config: BaseImage["config"] = {
    Entrypoint: strings(c["Entrypoint"]),
    Cmd: strings(c["Cmd"]),
    Env: strings(c["Env"]),
    WorkingDir: typeof c["WorkingDir"] === "string" ? c["WorkingDir"] : null,
    User: typeof c["User"] === "string" ? c["User"] : null,
    ExposedPorts: keySet(c["ExposedPorts"]),
    Volumes: keySet(c["Volumes"]),
    Labels: labels,
    StopSignal: typeof c["StopSignal"] === "string" ? c["StopSignal"] : null,
    Healthcheck: health(c["Healthcheck"]),
    Shell: strings(c["Shell"]),
    OnBuild: strings(c["OnBuild"]),
    ArgsEscaped: c["ArgsEscaped"] === true,
  };
  return {
    ok: true,
    value: { ref, known: true, config, author: typeof obj["Author"] === "string" ? obj["Author"] : "", layers, os: typeof obj["Os"] === "string" ? obj["Os"] : "linux" },
  };
}

/** The references an inspect JSON names in `RepoTags`, for keying a resolver. */
export function repoTagsOf(json: unknown): string[] {
  const obj = Array.isArray(json) ? json[0] : json;
  return isRecord(obj) && Array.isArray(obj["RepoTags"]) ? obj["RepoTags"].filter((t): t is string => typeof t === "string") : [];
}
