import { readFile } from "node:fs/promises";
import { parseImageReference } from "../docker/index.js";
import { imageFromInspect, mapResolver, type BaseImage, type BaseImageResolver } from "../image/base-image.js";

/**
 * Loads base images from `REF=FILE` specs, each FILE holding what `docker image inspect REF`
 * printed. Keys are normalized references, so `busybox`, `busybox:latest` and
 * `docker.io/library/busybox:latest` all find the same image.
 */
export async function loadImageFiles(specs: readonly string[]): Promise<{ ok: true; resolver: BaseImageResolver } | { ok: false; error: string }> {
  const images = new Map<string, BaseImage>();
  for (const spec of specs) {
    const eq = spec.indexOf("=");
    if (eq <= 0) return { ok: false, error: `--image takes REF=FILE, got ${JSON.stringify(spec)}` };
    const refText = spec.slice(0, eq);
    const file = spec.slice(eq + 1);
    const ref = parseImageReference(refText);
    if (!ref.ok) return { ok: false, error: `--image ${refText}: ${ref.error}` };
    let json: unknown;
    try {
      json = JSON.parse(await readFile(file, "utf8"));
    } catch (e) {
      return { ok: false, error: `--image ${refText}: cannot read ${file}: ${(e as Error).message}` };
    }
    const image = imageFromInspect(ref.value.normalized, json);
    if (!image.ok) return { ok: false, error: `--image ${refText}: ${file}: ${image.error}` };
    images.set(ref.value.normalized, { ...image.value, sourceDetail: file });
  }
  return { ok: true, resolver: mapResolver(images) };
}
