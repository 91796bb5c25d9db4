/**
 * Images from `docker save` tarballs and OCI image layouts (a directory or a tar of one), read as
 * streams. Docker 28's `docker save` writes an OCI layout (`oci-layout`, `index.json`,
 * `blobs/sha256/…`) plus Docker's `manifest.json`; both indexes are understood, and so is the
 * same stream from the Engine API's image export (`GET /images/{name}/get`).
 *
 * @module
 */
import type { Outcome } from "../../core/result.js";
import { createReadStream } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import tarStream from "tar-stream";
import { parseImageReference } from "../../docker/index.js";
import type { BaseImage, ImageSource } from "../../image/base-image.js";
import { applyLayers, isGzip, isTar, ReadBudget, summarizeLayer, type FileLimits, type LayerSummary } from "./layer-files.js";
import { descriptorsOf, formatPlatform, imageFromConfigBlob, isIndex, selectManifest, type PlatformSpec } from "./oci.js";

/** What to read from an image archive. */
export interface ArchiveOptions {
  /** Read the image's files (tree, modes, owners, `/etc/passwd`, `/etc/group`); default false: config only. */
  readonly files?: boolean;
  /** The platform to choose in a multi-platform index; default: the only one, or linux/amd64. */
  readonly platform?: PlatformSpec;
  readonly limits?: FileLimits;
  /** The source to record on the image; default `save`. */
  readonly source?: ImageSource;
  /** The source detail to record (say, the file name). */
  readonly detail?: string;
}

/** Where blobs of an archive are: collected from a stream, or files of a layout directory. */
interface Blobs {
  /** A small JSON file (`index.json`, `manifest.json`, a manifest or config blob) by path in the archive. */
  json(path: string): Promise<unknown>;
  /** A layer's entries by path in the archive (undefined when not read). */
  layer(path: string): Promise<LayerSummary | undefined>;
}

const MAX_JSON = 8 * 1024 * 1024;

function blobPath(digest: string): string {
  const [alg, hex] = digest.split(":");
  return `blobs/${alg}/${hex}`;
}

function cleanPath(name: string): string {
  return name.split("/").filter((p) => p !== "" && p !== ".").join("/");
}

/**
 * Reads an archive stream once: small JSON entries are kept, layer tarballs summarized (only
 * when files are wanted), everything else skipped; within the budget.
 */
async function collect(source: AsyncIterable<Uint8Array>, wantFiles: boolean, budget: ReadBudget): Promise<Blobs> {
  const json = new Map<string, unknown>();
  const layers = new Map<string, LayerSummary>();
  const extract = tarStream.extract();
  const input = Readable.from(source);
  input.on("error", (e) => extract.destroy(e));
  input.pipe(extract);
  for await (const e of extract) {
    const path = cleanPath(e.header.name);
    if (e.header.type !== "file") {
      e.resume();
      continue;
    }
    const it = (e as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
    const first = await it.next();
    if (first.done === true) continue;
    const head: Uint8Array = first.value;
    const rest = async function* () {
      yield head;
      for (let r = await it.next(); r.done !== true; r = await it.next()) yield r.value;
    };
    if (head[0] === 0x7b /* { */ && (e.header.size ?? 0) <= MAX_JSON) {
      const chunks: Uint8Array[] = [];
      for await (const c of rest()) chunks.push(c);
      try {
        json.set(path, JSON.parse(Buffer.concat(chunks).toString("utf8")));
      } catch {
        // not JSON after all: ignored
      }
    } else if (wantFiles && (isTar(head) || isGzip(head) || path.endsWith("layer.tar"))) {
      layers.set(path, await summarizeLayer(rest(), budget));
    } else {
      for await (const c of rest()) budget.addBytes(c.length);
    }
  }
  return { json: async (p) => json.get(cleanPath(p)), layer: async (p) => layers.get(cleanPath(p)) };
}

/** Blobs of an OCI layout directory, read when asked. */
function directoryBlobs(dir: string, budget: ReadBudget): Blobs {
  return {
    async json(p) {
      try {
        const text = await readFile(join(dir, cleanPath(p)), "utf8");
        return JSON.parse(text);
      } catch {
        return undefined;
      }
    },
    async layer(p) {
      return summarizeLayer(createReadStream(join(dir, cleanPath(p))), budget);
    },
  };
}

function refNameMatches(name: string | undefined, ref: string): boolean {
  if (name === undefined) return false;
  const r = parseImageReference(name);
  return r.ok && r.value.normalized === ref;
}

/** Picks one image's config and layers from an archive's index (Docker's `manifest.json`, else the OCI `index.json`). */
async function pickImage(blobs: Blobs, ref: string, platform: PlatformSpec | undefined): Promise<{ ok: true; config: unknown; configDigest: string; layers: string[]; platformFromIndex?: string } | { ok: false; error: string }> {
  const manifest = await blobs.json("manifest.json");
  if (Array.isArray(manifest) && manifest.length > 0) {
    const entries = manifest.filter((m): m is { Config: string; RepoTags?: unknown; Layers?: unknown } => typeof m === "object" && m !== null && typeof (m as { Config?: unknown }).Config === "string");
    const byTag = entries.find((m) => Array.isArray(m.RepoTags) && m.RepoTags.some((t) => typeof t === "string" && refNameMatches(t, ref)));
    const chosen = byTag ?? (entries.length === 1 ? entries[0] : undefined);
    if (chosen === undefined) return { ok: false, error: `the archive holds ${entries.length} images and none is tagged ${ref}` };
    const config = await blobs.json(chosen.Config);
    if (config === undefined) return { ok: false, error: `the archive lacks the image config ${chosen.Config}` };
    const hex = cleanPath(chosen.Config).split("/").pop()!.replace(/\.json$/, "");
    const layers = Array.isArray(chosen.Layers) ? chosen.Layers.filter((l): l is string => typeof l === "string") : [];
    return { ok: true, config, configDigest: `sha256:${hex}`, layers };
  }
  const index = await blobs.json("index.json");
  if (index === undefined) return { ok: false, error: "neither a docker save archive nor an OCI image layout: no manifest.json or index.json" };
  // Nested indexes: follow down to an image manifest, by ref name annotation, then platform.
  let current: unknown = index;
  let platformFromIndex: string | undefined;
  for (let depth = 0; depth < 4; depth++) {
    if (!isIndex(current)) break;
    const ds = descriptorsOf(current, "manifests");
    const named = ds.filter((d) => refNameMatches(d.annotations["io.containerd.image.name"], ref) || refNameMatches(d.annotations["org.opencontainers.image.ref.name"], ref));
    const pool = named.length > 0 ? named : ds;
    const withPlatform = pool.filter((d) => d.platform !== undefined && d.platform.os !== "unknown");
    let d = withPlatform.length > 0 ? selectManifest(withPlatform, platform ?? { os: "linux", architecture: "amd64" }) ?? (platform === undefined && withPlatform.length === 1 ? withPlatform[0] : undefined) : pool.length === 1 ? pool[0] : undefined;
    if (d === undefined && named.length === 0 && pool.length > 1) return { ok: false, error: `the layout holds ${pool.length} manifests and none is named ${ref}${platform === undefined ? "" : ` for ${formatPlatform(platform)}`}` };
    if (d === undefined) return { ok: false, error: `no manifest for ${platform === undefined ? "linux/amd64" : formatPlatform(platform)} in the layout's index` };
    if (d.platform !== undefined) platformFromIndex = formatPlatform(d.platform);
    current = await blobs.json(blobPath(d.digest));
    if (current === undefined) return { ok: false, error: `the layout lacks the blob ${d.digest}` };
  }
  const cfg = (current as { config?: { digest?: unknown } }).config;
  if (typeof cfg?.digest !== "string") return { ok: false, error: "the layout's manifest names no config" };
  const config = await blobs.json(blobPath(cfg.digest));
  if (config === undefined) return { ok: false, error: `the layout lacks the config blob ${cfg.digest}` };
  return { ok: true, config, configDigest: cfg.digest, layers: descriptorsOf(current, "layers").map((l) => blobPath(l.digest)), ...(platformFromIndex === undefined ? {} : { platformFromIndex }) };
}

async function imageFromBlobs(blobs: Blobs, ref: string, options: ArchiveOptions): Promise<Outcome<BaseImage>> {
  const picked = await pickImage(blobs, ref, options.platform);
  if (!picked.ok) return picked;
  const image = imageFromConfigBlob(ref, picked.config, options.source ?? "save", picked.configDigest);
  if (!image.ok) return image;
  const value: BaseImage = { ...image.value, ...(options.detail === undefined ? {} : { sourceDetail: options.detail }) };
  if (options.files !== true) return { ok: true, value };
  const layers: LayerSummary[] = [];
  for (const l of picked.layers) {
    const s = await blobs.layer(l);
    if (s === undefined) return { ok: false, error: `the archive lacks the layer ${l}` };
    layers.push(s);
  }
  return { ok: true, value: { ...value, files: applyLayers(layers) } };
}

/**
 * Reads the image `ref` from a `docker save` stream (or the tar of an OCI layout): its config,
 * and, with `files`, its files. Never throws: an unreadable or oversized archive is an error.
 *
 * @example
 * ```ts
 * const r = await readImageArchive(createReadStream("busybox.tar"), "docker.io/library/busybox:latest", { files: true });
 * if (r.ok) r.value.files?.entries["/etc/passwd"];
 * ```
 */
export async function readImageArchive(stream: AsyncIterable<Uint8Array>, ref: string, options: ArchiveOptions = {}): Promise<Outcome<BaseImage>> {
  try {
    const budget = new ReadBudget(options.limits);
    return await imageFromBlobs(await collect(stream, options.files === true, budget), ref, options);
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}

/**
 * Reads the image `ref` from a path: a `docker save` tarball, the tar of an OCI layout, or an OCI
 * layout directory (told apart by content).
 *
 * @example
 * ```ts
 * const r = await loadImageArchive("./busybox-oci", "docker.io/library/busybox:latest");
 * ```
 */
export async function loadImageArchive(path: string, ref: string, options: ArchiveOptions = {}): Promise<Outcome<BaseImage>> {
  try {
    const st = await stat(path);
    if (st.isDirectory()) return await imageFromBlobs(directoryBlobs(path, new ReadBudget(options.limits)), ref, options);
    return await readImageArchive(createReadStream(path), ref, options);
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}
