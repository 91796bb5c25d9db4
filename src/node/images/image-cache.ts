/**
 * An on-disk cache of images read from a registry, keyed by digest, in the user's cache
 * directory (`$XDG_CACHE_HOME/dockerfile-semantics`, else `~/.cache/dockerfile-semantics`), so a
 * second run needs no network. Layout: `images/<alg>-<hex>.json` holds an image (config, layer
 * count, platform, and its files when they were read); `refs/<hash>.json` maps a reference and
 * platform to the digest it resolved to when it was pulled. Writes are atomic (write, then
 * rename); an unreadable entry is a miss.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import type { BaseImage } from "../../image/base-image.js";

/**
 * The cache directory for an environment.
 *
 * @example
 * ```ts
 * imageCacheDir({ XDG_CACHE_HOME: "/home/me/.cache" }); // "/home/me/.cache/dockerfile-semantics"
 * ```
 */
export function imageCacheDir(env: Readonly<Record<string, string | undefined>>): string {
  const xdg = env["XDG_CACHE_HOME"];
  return join(xdg !== undefined && xdg.startsWith("/") ? xdg : join(homedir(), ".cache"), "dockerfile-semantics");
}

const digestFile = (digest: string) => `${digest.replace(":", "-").replace(/[^A-Za-z0-9_-]/g, "")}.json`;
const refKey = (ref: string, platform: string) => createHash("sha256").update(`${ref}\n${platform}`).digest("hex");

/** An image cache in a directory. */
export interface ImageCache {
  /** The cached image for a reference and platform (`source: "cache"`), if any; with `files`, only one whose files were read. */
  get(ref: string, platform: string, files: boolean): Promise<BaseImage | undefined>;
  /** Stores an image (it must have a digest) under its digest and the reference and platform it was asked for. */
  put(image: BaseImage, platform: string): Promise<void>;
}

/**
 * Opens (lazily creates) the cache in `dir`.
 *
 * @example
 * ```ts
 * const cache = imageCache(imageCacheDir(process.env));
 * await cache.get("docker.io/library/node:20-alpine", "linux/amd64", false);
 * ```
 */
export function imageCache(dir: string): ImageCache {
  const write = async (path: string, value: unknown) => {
    await mkdir(join(path, ".."), { recursive: true });
    const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(tmp, JSON.stringify(value));
    await rename(tmp, path);
  };
  const read = async (path: string): Promise<unknown> => {
    try {
      return JSON.parse(await readFile(path, "utf8"));
    } catch {
      return undefined;
    }
  };
  return {
    async get(ref, platform, files) {
      const r = (await read(join(dir, "refs", `${refKey(ref, platform)}.json`))) as { digest?: unknown } | undefined;
      if (typeof r?.digest !== "string") return undefined;
      const image = (await read(join(dir, "images", digestFile(r.digest)))) as BaseImage | undefined;
      if (image === undefined || typeof image !== "object" || image.digest !== r.digest) return undefined;
      if (files && image.files === undefined) return undefined;
      const { sourceDetail, ...rest } = image;
      return { ...rest, ref, source: "cache", known: true, sourceDetail: `${image.source}${sourceDetail === undefined ? "" : ` ${sourceDetail}`}` };
    },
    async put(image, platform) {
      if (image.digest === undefined) return;
      const path = join(dir, "images", digestFile(image.digest));
      const old = (await read(path)) as BaseImage | undefined;
      // Keep files read earlier when this pull did not read them.
      const keep = image.files === undefined && old?.files !== undefined ? { files: old.files } : {};
      await write(path, { ...image, ...keep });
      await write(join(dir, "refs", `${refKey(image.ref, platform)}.json`), { ref: image.ref, platform, digest: image.digest });
    },
  };
}
