/**
 * The OCI image format pieces every image source shares: media types, platform strings and the
 * choice of a manifest in an index, and an image config blob read as `docker image inspect` shows
 * it. Following the OCI image spec v1.1 (image-index.md, config.md) and Docker's manifest list.
 *
 * @module
 */
import type { Outcome } from "../../core/result.js";
import { createHash } from "node:crypto";
import { normalizePlatform, type ParsedPlatform } from "../../check/docker/platform.js";
import { imageFromInspect, type BaseImage, type ImageSource } from "../../image/base-image.js";

/** Media types of manifests and indexes a client asks for and accepts. */
export const MEDIA = {
  ociIndex: "application/vnd.oci.image.index.v1+json",
  ociManifest: "application/vnd.oci.image.manifest.v1+json",
  dockerList: "application/vnd.docker.distribution.manifest.list.v2+json",
  dockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
} as const;

/** A platform as `os/architecture[/variant]`. */
export interface PlatformSpec {
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string;
}

/**
 * Parses `linux/amd64`, `linux/arm64/v8`, `linux/arm/v7` (Docker's `--platform` syntax); an
 * architecture alone means linux. `arm64` without a variant matches `v8`, as containerd does.
 *
 * @example
 * ```ts
 * parsePlatform("linux/arm/v7"); // { ok: true, value: { os: "linux", architecture: "arm", variant: "v7" } }
 * ```
 */
export function parsePlatform(text: string): Outcome<PlatformSpec> {
  const parts = text.toLowerCase().split("/");
  if (parts.some((p) => !/^[a-z0-9_.-]+$/.test(p)) || parts.length > 3) return { ok: false, error: `invalid platform ${JSON.stringify(text)}: expected os/architecture[/variant]` };
  const [a, b, c] = parts.length === 1 ? ["linux", parts[0]!, undefined] : [parts[0]!, parts[1]!, parts[2]];
  const arch = b === "x86_64" || b === "x86-64" ? "amd64" : b === "aarch64" ? "arm64" : b;
  return { ok: true, value: { os: a, architecture: arch, ...(c === undefined ? {} : { variant: c }) } };
}

/** `os/architecture[/variant]`. */
export function formatPlatform(p: PlatformSpec): string {
  return `${p.os}/${p.architecture}${p.variant === undefined || p.variant === "" ? "" : `/${p.variant}`}`;
}

/**
 * Whether an image of platform `have` (`os/architecture[/variant]`) serves a build for `want`, as
 * containerd's `platforms.Only(want)` matches (github.com/containerd/platforms v1.0.0-rc.1, compare.go
 * `platformVector`, as vendored by moby/buildkit v0.25.2), which Docker 28.5's image store applies to a
 * local image: the same normalised platform, or one `want` runs natively: lower amd64 variants and
 * `386` for amd64, lower arm variants (down to v5) for arm, and arm64's lower variants and 32-bit arm
 * (v8 down to v5) for arm64. `linux/amd64/v2` does not serve `linux/amd64`, `linux/386` does (verified on
 * 28.5.2).
 *
 * @example
 * ```ts
 * platformServes({ os: "linux", architecture: "amd64" }, "linux/386");   // true
 * platformServes({ os: "linux", architecture: "amd64" }, "linux/arm64"); // false
 * ```
 */
export function platformServes(want: PlatformSpec, have: string): boolean {
  const [os = "", arch = "", variant = ""] = have.split("/");
  const h = normalizePlatform({ os, architecture: arch, variant });
  return platformVector(normalizePlatform(want)).some((p) => p.os === h.os && p.architecture === h.architecture && p.variant === h.variant);
}

function platformVector(p: ParsedPlatform): ParsedPlatform[] {
  const v = Number.parseInt(p.variant.replace(/^v/, ""), 10);
  switch (p.architecture) {
    case "amd64": {
      const lower = Number.isInteger(v) && v > 1 ? Array.from({ length: v - 1 }, (_, k) => ({ ...p, variant: k === v - 2 ? "" : `v${v - 1 - k}` })) : [];
      return [p, ...lower, { os: p.os, architecture: "386", variant: "" }];
    }
    case "arm": {
      const lower = Number.isInteger(v) && v > 5 ? Array.from({ length: v - 5 }, (_, k) => ({ ...p, variant: `v${v - 1 - k}` })) : [];
      return [p, ...lower];
    }
    case "arm64":
      // arm64 v8.x/v9.x and below, then 32-bit arm from v8 down (normalised arm64 v8 is "").
      return [p, { ...p, variant: "" }, ...platformVector({ os: p.os, architecture: "arm", variant: "v8" })];
    default:
      return [p];
  }
}

/** The platform of this machine in Docker's terms (`linux/amd64` on x64 Linux). */
export function hostPlatform(): PlatformSpec {
  const arch = process.arch === "x64" ? "amd64" : process.arch === "ia32" ? "386" : process.arch;
  return { os: process.platform === "win32" ? "windows" : "linux", architecture: arch };
}

function record(v: unknown): Record<string, unknown> | null {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

/** A descriptor of an index or manifest. */
export interface Descriptor {
  readonly mediaType: string;
  readonly digest: string;
  readonly size: number;
  readonly platform?: PlatformSpec;
  readonly annotations: Readonly<Record<string, string>>;
}

/** The descriptors a JSON object lists under `key` (`manifests` of an index, `layers` of a manifest). */
export function descriptorsOf(json: unknown, key: "manifests" | "layers"): Descriptor[] {
  const list = record(json)?.[key];
  if (!Array.isArray(list)) return [];
  const out: Descriptor[] = [];
  for (const d of list) {
    const r = record(d);
    if (r === null || typeof r["digest"] !== "string") continue;
    const p = record(r["platform"]);
    const a = record(r["annotations"]) ?? {};
    out.push({
      mediaType: typeof r["mediaType"] === "string" ? r["mediaType"] : "",
      digest: r["digest"],
      size: typeof r["size"] === "number" ? r["size"] : -1,
      ...(p !== null && typeof p["os"] === "string" && typeof p["architecture"] === "string"
        ? { platform: { os: p["os"], architecture: p["architecture"], ...(typeof p["variant"] === "string" ? { variant: p["variant"] } : {}) } }
        : {}),
      annotations: Object.fromEntries(Object.entries(a).filter((e): e is [string, string] => typeof e[1] === "string")),
    });
  }
  return out;
}

/** Whether a JSON document is an index (OCI image index or Docker manifest list). */
export function isIndex(json: unknown, mediaType = ""): boolean {
  const mt = mediaType !== "" ? mediaType : String(record(json)?.["mediaType"] ?? "");
  return mt === MEDIA.ociIndex || mt === MEDIA.dockerList || (mt === "" && Array.isArray(record(json)?.["manifests"]));
}

function platformMatches(want: PlatformSpec, have: PlatformSpec): boolean {
  if (want.os !== have.os || want.architecture !== have.architecture) return false;
  const norm = (p: PlatformSpec) => p.variant ?? (p.architecture === "arm64" ? "v8" : p.architecture === "arm" ? "v7" : "");
  return want.variant === undefined || norm(want) === norm(have);
}

/**
 * Chooses the manifest for a platform in an index, as `docker pull --platform` does: an exact
 * os/architecture/variant match, skipping attestation manifests (platform `unknown/unknown`).
 *
 * @example
 * ```ts
 * selectManifest(descriptorsOf(index, "manifests"), { os: "linux", architecture: "arm64" });
 * ```
 */
export function selectManifest(manifests: readonly Descriptor[], want: PlatformSpec): Descriptor | undefined {
  return manifests.find((m) => m.platform !== undefined && platformMatches(want, m.platform));
}

/** `sha256:<hex>` of bytes. */
export function sha256Digest(bytes: Uint8Array): string {
  return `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
}

/**
 * An image config blob (OCI config.md; what `docker inspect` reshapes) as a {@link BaseImage}:
 * `config.Entrypoint`, `Cmd`, `Env`…, the layer count from `rootfs.diff_ids`, the platform, and
 * the given digest.
 *
 * @example
 * ```ts
 * imageFromConfigBlob("docker.io/library/busybox:latest", JSON.parse(blob), "daemon", "sha256:…");
 * ```
 */
export function imageFromConfigBlob(ref: string, blob: unknown, source: ImageSource, digest: string): Outcome<BaseImage> {
  const c = record(blob);
  if (c === null) return { ok: false, error: "the image config is not a JSON object" };
  const rootfs = record(c["rootfs"]);
  const inspect = {
    Id: digest,
    Architecture: c["architecture"],
    Os: c["os"],
    Variant: c["variant"],
    Author: c["author"],
    // `docker image inspect` shows an unset User and WorkingDir as "" (moby api/types/container Config).
    Config: { User: "", WorkingDir: "", ...(record(c["config"]) ?? {}) },
    RootFS: { Layers: Array.isArray(rootfs?.["diff_ids"]) ? rootfs["diff_ids"] : [] },
  };
  const image = imageFromInspect(ref, inspect, source);
  if (!image.ok) return image;
  const { digest: _id, ...rest } = image.value;
  return { ok: true, value: { ...rest, digest } };
}
