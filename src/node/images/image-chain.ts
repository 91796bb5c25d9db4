/**
 * The resolution chain for base images, in the order issue 16 sets: an explicit `--image REF=PATH`
 * (inspect JSON, `docker save` tar, OCI layout), the local Docker Engine if one answers, the
 * on-disk cache, a registry (only when pulling is allowed: network access is opt-in), the bundled
 * catalog, else unknown. Everything here is asynchronous and runs before `simulate`; the
 * simulator gets a synchronous resolver (see `resolveImages` in the core).
 *
 * @module
 */
import type { Outcome } from "../../core/result.js";
import { open, readFile, stat } from "node:fs/promises";
import { parseImageReference } from "../../docker/index.js";
import { imageFromInspect, mapResolver, type BaseImage, type BaseImageResolver } from "../../image/base-image.js";
import type { ImageLoader } from "../../resolve-images.js";
import { engineAddress, engineImage, pingEngine, type EngineOptions } from "./docker-engine.js";
import { imageCache, imageCacheDir, type ImageCache } from "./image-cache.js";
import { loadImageArchive } from "./image-archive.js";
import type { FileLimits } from "./layer-files.js";
import { formatPlatform, type PlatformSpec } from "./oci.js";
import { dockerConfigCredentials, type CredentialSource } from "./registry-auth.js";
import { pullImage } from "./registry.js";

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Loads one `--image REF=PATH`: the JSON `docker image inspect` printed, a `docker save` tarball, or
 * an OCI image layout (a directory or its tar), told apart by content.
 *
 * @example
 * ```ts
 * const r = await loadImageSpec("node:20-alpine=./node.tar", { files: true });
 * if (r.ok) r.value.source; // "save"
 * ```
 */
export async function loadImageSpec(spec: string, options: { files?: boolean; platform?: PlatformSpec; limits?: FileLimits } = {}): Promise<Outcome<BaseImage>> {
  const eq = spec.indexOf("=");
  if (eq <= 0) return { ok: false, error: `--image takes REF=PATH, got ${JSON.stringify(spec)}` };
  const refText = spec.slice(0, eq);
  const path = spec.slice(eq + 1);
  const ref = parseImageReference(refText);
  if (!ref.ok) return { ok: false, error: `--image ${refText}: ${ref.error}` };
  try {
    const st = await stat(path);
    if (st.isFile()) {
      const first = await firstByte(path);
      if (first === 0x5b /* [ */ || first === 0x7b /* { */) {
        const image = imageFromInspect(ref.value.normalized, JSON.parse(await readFile(path, "utf8")));
        return image.ok ? { ok: true, value: { ...image.value, sourceDetail: path } } : { ok: false, error: `--image ${refText}: ${path}: ${image.error}` };
      }
    }
  } catch (e) {
    return { ok: false, error: `--image ${refText}: cannot read ${path}: ${(e as Error).message}` };
  }
  const image = await loadImageArchive(path, ref.value.normalized, { source: "save", detail: path, ...(options.files === undefined ? {} : { files: options.files }), ...(options.platform === undefined ? {} : { platform: options.platform }), ...(options.limits === undefined ? {} : { limits: options.limits }) });
  return image.ok ? image : { ok: false, error: `--image ${refText}: ${path}: ${image.error}` };
}

/** The first non-blank byte of a file (JSON starts with `[` or `{`; a tar never does). */
async function firstByte(path: string): Promise<number | undefined> {
  const f = await open(path, "r");
  try {
    const buf = new Uint8Array(64);
    const { bytesRead } = await f.read(buf, 0, 64, 0);
    return buf.subarray(0, bytesRead).find((b) => b !== 0x20 && b !== 0x0a && b !== 0x0d && b !== 0x09);
  } finally {
    await f.close();
  }
}

/** Options of {@link defaultImageChain}. */
export interface ImageChainOptions {
  /** `--image REF=PATH` specs, first in the chain. */
  readonly images?: readonly string[];
  /** The environment (`DOCKER_HOST`, `DOCKER_CONFIG`, `XDG_CACHE_HOME`, `HOME`). */
  readonly env: Env;
  /** Ask the local Docker Engine; default true. */
  readonly daemon?: boolean;
  /** Use the on-disk cache (true: the user's cache dir; a string: that dir); default true. */
  readonly cache?: boolean | string;
  /** Pull from registries (`--pull`); default false. */
  readonly pull?: boolean;
  /** The build platform; default linux/amd64. */
  readonly platform?: PlatformSpec;
  /** Read the images' files (tree, modes, owners, /etc/passwd, /etc/group) from the daemon or registry; default false. */
  readonly files?: boolean;
  readonly limits?: FileLimits;
  /** Registry credentials; default the user's Docker config. */
  readonly credentials?: CredentialSource;
  /** The bundled catalog (or any offline resolver), asked after the registry; a function is called (once) when first needed. */
  readonly catalog?: BaseImageResolver | (() => Promise<BaseImageResolver>);
  /** Called with a warning (a source that failed, never a credential). */
  readonly warn?: (message: string) => void;
}

/** A ready chain: the explicit images as a synchronous resolver, and a loader for the rest. */
export interface ImageChain {
  /** The `--image` images (pass as `resolver` to `resolveImages`). */
  readonly explicit: BaseImageResolver;
  /** Daemon, cache, registry, catalog, in that order. */
  readonly load: ImageLoader;
}

/**
 * Builds the default chain. Fails only on a bad `--image`.
 *
 * @example
 * ```ts
 * import { resolveImages, simulate } from "dockerfile-semantics";
 * import { defaultImageChain } from "dockerfile-semantics/node";
 *
 * const chain = await defaultImageChain({ env: process.env, pull: true });
 * if (chain.ok) {
 *   const resolver = await resolveImages(text, { resolver: chain.value.explicit }, chain.value.load);
 *   simulate(text, { resolver });
 * }
 * ```
 */
export async function defaultImageChain(options: ImageChainOptions): Promise<Outcome<ImageChain>> {
  const warn = options.warn ?? (() => undefined);
  const explicit = new Map<string, BaseImage>();
  for (const spec of options.images ?? []) {
    const r = await loadImageSpec(spec, { ...(options.files === undefined ? {} : { files: options.files }), ...(options.platform === undefined ? {} : { platform: options.platform }), ...(options.limits === undefined ? {} : { limits: options.limits }) });
    if (!r.ok) return r;
    explicit.set(r.value.ref, r.value);
  }
  const platform = options.platform ?? { os: "linux", architecture: "amd64" };
  const platformText = formatPlatform(platform);
  const address = options.daemon === false ? undefined : engineAddress(options.env);
  let engine: Promise<EngineOptions | undefined> | undefined;
  const daemon = () => (engine ??= address === undefined ? Promise.resolve(undefined) : pingEngine({ address }).then((up) => (up ? { address } : undefined)));
  const cache: ImageCache | undefined = options.cache === false ? undefined : imageCache(typeof options.cache === "string" ? options.cache : imageCacheDir(options.env));
  const credentials = options.credentials ?? dockerConfigCredentials(options.env);
  const files = options.files === true;
  let catalog: Promise<BaseImageResolver> | undefined;
  const load: ImageLoader = async (ref) => {
    const e = await daemon();
    if (e !== undefined) {
      const r = await engineImage(e, ref, { files, ...(options.platform === undefined ? {} : { platform: options.platform }), ...(options.limits === undefined ? {} : { limits: options.limits }) });
      if (!r.ok) warn(`the local Docker Engine: ${r.error}`);
      else if (r.value !== undefined) return r.value;
    }
    if (cache !== undefined) {
      const hit = await cache.get(ref, platformText, files);
      if (hit !== undefined) return hit;
    }
    if (options.pull === true) {
      const r = await pullImage(ref, { platform, files, credentials, ...(options.limits === undefined ? {} : { limits: options.limits }) });
      if (!r.ok) warn(r.error);
      else if (r.value !== undefined) {
        if (cache !== undefined) await cache.put(r.value, platformText).catch((err: Error) => warn(`the image cache: ${err.message}`));
        return r.value;
      }
    }
    if (options.catalog === undefined) return undefined;
    catalog ??= typeof options.catalog === "function" ? options.catalog() : Promise.resolve(options.catalog);
    return (await catalog).resolve(ref);
  };
  return { ok: true, value: { explicit: mapResolver(explicit), load } };
}
