import type { Outcome } from "../core/result.js";
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
 * Where the simulator learnt an external image from:
 * - `inspect`: the JSON `docker image inspect` printed, given with `--image REF=FILE`;
 * - `save`: a `docker save` tarball or an OCI image layout given with `--image REF=PATH`;
 * - `daemon`: the local Docker Engine, over its API;
 * - `cache`: the on-disk cache of images read earlier from a daemon or a registry;
 * - `registry`: an OCI distribution registry (`--pull`);
 * - `catalog`: the bundled offline catalog of Docker Official Images (the image a user pulls may differ);
 * - `unknown`: nobody knew it; its config is taken as empty and answers depending on it say so.
 */
export type ImageSource = "inspect" | "save" | "daemon" | "cache" | "registry" | "catalog" | "unknown";

/** Every {@link ImageSource}, in the order the default resolution chain asks them (`unknown` last). */
export const IMAGE_SOURCES: readonly ImageSource[] = ["inspect", "save", "daemon", "cache", "registry", "catalog", "unknown"];

/**
 * What the simulator knows about an external base image: its config as `docker image inspect`
 * shows it, and its layer count. `known: false` marks an image no resolver knew: the simulation
 * goes on with an empty config, and every answer that depends on it says so.
 */
export interface BaseImage {
  /** The normalized reference, e.g. `docker.io/library/busybox:latest`. */
  readonly ref: string;
  readonly known: boolean;
  /** Where the image came from (`unknown` exactly when `known` is false). */
  readonly source: ImageSource;
  /**
   * What identifies the source further, for people: the file an image was read from, the registry
   * host, or the catalog's `repository@commit`. Never holds credentials.
   */
  readonly sourceDetail?: string;
  /** The image's digest where the source tells it: the manifest digest (`sha256:…`) or, from a daemon, the image ID. */
  readonly digest?: string;
  /** The platform of the image, `os/architecture[/variant]`, where the source tells it. */
  readonly platform?: string;
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
export const SCRATCH: BaseImage = { ref: "scratch", known: true, source: "inspect", config: {}, author: "", layers: 0, os: "linux" };

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
 * The image the simulator goes on with when no resolver knows `ref`: an empty config, unknown
 * layers and files, `source: "unknown"`.
 */
export function unknownImage(ref: string): BaseImage {
  return { ref, known: false, source: "unknown", config: {}, author: "", layers: null, os: "linux" };
}

/**
 * Reads one image from the JSON `docker image inspect REF` prints (an array of one object, or
 * the object itself). Returns the image (`source: "inspect"`, with its `Id` as the digest and
 * its platform; pass `source` to say it came from elsewhere, a daemon for instance), or a message
 * saying what is wrong with the JSON.
 *
 * @example
 * ```ts
 * const img = imageFromInspect("docker.io/library/busybox:latest", JSON.parse(text));
 * if (img.ok) img.value.config.Cmd; // ["sh"]
 * ```
 */
export function imageFromInspect(ref: string, json: unknown, source: ImageSource = "inspect"): Outcome<BaseImage> {
  const obj = Array.isArray(json) ? json[0] : json;
  if (Array.isArray(json) && json.length !== 1) return { ok: false, error: `expected one image in the inspect output, found ${json.length}` };
  if (!isRecord(obj)) return { ok: false, error: "not the JSON of `docker image inspect`: expected an object" };
  const c = isRecord(obj["Config"]) ? obj["Config"] : {};
  const rootfs = isRecord(obj["RootFS"]) ? obj["RootFS"] : {};
  // An image without layers prints `"RootFS": {"Type": "layers"}` (Layers is omitted when empty).
  const layers = Array.isArray(rootfs["Layers"]) ? rootfs["Layers"].length : rootfs["Type"] === "layers" ? 0 : null;
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
  const os = typeof obj["Os"] === "string" && obj["Os"] !== "" ? obj["Os"] : "linux";
  const arch = typeof obj["Architecture"] === "string" && obj["Architecture"] !== "" ? obj["Architecture"] : null;
  const variant = typeof obj["Variant"] === "string" && obj["Variant"] !== "" ? `/${obj["Variant"]}` : "";
  const id = typeof obj["Id"] === "string" && /^sha256:[0-9a-f]{64}$/.test(obj["Id"]) ? obj["Id"] : null;
  return {
    ok: true,
    value: {
      ref, known: true, source, config, author: typeof obj["Author"] === "string" ? obj["Author"] : "", layers, os,
      ...(id === null ? {} : { digest: id }),
      ...(arch === null ? {} : { platform: `${os}/${arch}${variant}` }),
    },
  };
}

/** The references an inspect JSON names in `RepoTags`, for keying a resolver. */
export function repoTagsOf(json: unknown): string[] {
  const obj = Array.isArray(json) ? json[0] : json;
  return isRecord(obj) && Array.isArray(obj["RepoTags"]) ? obj["RepoTags"].filter((t): t is string => typeof t === "string") : [];
}
