import { mapResolver, type BaseImage, type BaseImageResolver } from "../image/base-image.js";
import { loadImageSpec } from "./images/image-chain.js";

/**
 * Loads base images from `REF=PATH` specs, each PATH holding what `docker image inspect REF`
 * printed, a `docker save` tarball or an OCI image layout. Keys are normalized references, so
 * `busybox`, `busybox:latest` and `docker.io/library/busybox:latest` all find the same image.
 * (The whole chain, daemon and registry included, is {@link defaultImageChain}.)
 *
 * @example
 * ```ts
 * const r = await loadImageFiles(["python:3.12-slim=python.inspect.json"]);
 * if (r.ok) simulate(text, { resolver: r.resolver });
 * ```
 */
export async function loadImageFiles(specs: readonly string[], options: { files?: boolean } = {}): Promise<{ ok: true; resolver: BaseImageResolver } | { ok: false; error: string }> {
  const images = new Map<string, BaseImage>();
  for (const spec of specs) {
    const image = await loadImageSpec(spec, options);
    if (!image.ok) return image;
    images.set(image.value.ref, image.value);
  }
  return { ok: true, resolver: mapResolver(images) };
}
