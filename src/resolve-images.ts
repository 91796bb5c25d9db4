import type { Builder } from "./core/builder.js";
import { evaluateDockerfile, type BuildOptions } from "./evaluate/evaluate-dockerfile.js";
import { chainResolvers, mapResolver, type BaseImage, type BaseImageResolver } from "./image/base-image.js";

/** Loads one external image by normalized reference; `undefined` when the source does not know it. */
export type ImageLoader = (ref: string) => Promise<BaseImage | undefined>;

/**
 * The external images a Dockerfile uses (`FROM` after global ARG expansion, `COPY --from=<image>`,
 * and those ONBUILD triggers of loaded images name), normalized, as the evaluator asks for them with
 * either builder, given the images already known to `options.resolver`.
 *
 * @example
 * ```ts
 * imageRefsOf("ARG V=20\nFROM node:${V}-alpine\nCOPY --from=busybox /bin/sh /sh\n");
 * // ["docker.io/library/node:20-alpine", "docker.io/library/busybox:latest"]
 * ```
 */
export function imageRefsOf(dockerfile: string, options: BuildOptions = {}): string[] {
  const refs = new Set<string>();
  for (const builder of ["buildkit", "legacy"] as const satisfies readonly Builder[]) {
    for (const image of evaluateDockerfile(dockerfile, { ...options, builder }).images) if (!image.known) refs.add(image.ref);
  }
  return [...refs];
}

/**
 * Loads, before simulating, every external image a Dockerfile uses that `options.resolver` does not
 * know, with an asynchronous loader (a daemon, a registry, files on disk: see
 * `dockerfile-semantics/node`), and returns a synchronous resolver for {@link simulate}: the
 * loaded images first, then `options.resolver`. The simulation itself never loads anything.
 * ONBUILD triggers of a loaded image may name further images (`COPY --from`): those are loaded
 * too, for at most `rounds` rounds.
 *
 * @example
 * ```ts
 * import { resolveImages, simulate } from "dockerfile-semantics";
 * import { defaultImageChain } from "dockerfile-semantics/node";
 *
 * const chain = await defaultImageChain({ pull: false });
 * const resolver = await resolveImages(text, {}, chain.load);
 * const sim = simulate(text, { resolver });
 * ```
 */
export async function resolveImages(dockerfile: string, options: BuildOptions, load: ImageLoader, rounds = 4): Promise<BaseImageResolver> {
  const loaded = new Map<string, BaseImage>();
  const tried = new Set<string>();
  const known = mapResolver(loaded);
  const resolver = options.resolver === undefined ? known : chainResolvers(known, options.resolver);
  for (let round = 0; round < rounds; round++) {
    const wanted = imageRefsOf(dockerfile, { ...options, resolver }).filter((r) => !tried.has(r));
    if (wanted.length === 0) break;
    for (const ref of wanted) {
      tried.add(ref);
      const image = await load(ref);
      if (image !== undefined) loaded.set(ref, image);
    }
  }
  return resolver;
}
