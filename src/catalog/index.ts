/**
 * dockerfile-semantics/catalog: a bundled, offline catalog of the most-used Docker Official Images
 * (linux/amd64), each tag's config (Entrypoint, Cmd, Env, WorkingDir, User, ExposedPorts, Volumes,
 * StopSignal, Shell, Healthcheck, OnBuild, Labels) and layer count, derived by this simulator from
 * the public docker-library definitions by `scripts/build-catalog.ts` (see docs/base-images.md).
 * Pure and browser-safe; a separate export so the core stays small and a page can load it lazily.
 * The image a user pulls may differ: the catalog is a snapshot, used when nothing better answers.
 *
 * @example
 * ```ts
 * import { simulate } from "dockerfile-semantics";
 * import { catalogResolver } from "dockerfile-semantics/catalog";
 *
 * const sim = simulate("FROM node:20-alpine\nCMD npm start\n", { resolver: catalogResolver() });
 * if (sim.run?.ok) console.log(sim.run.path, sim.run.args); // docker-entrypoint.sh ["/bin/sh", "-c", "npm start"]
 * ```
 *
 * @module
 */
import { parseImageReference } from "../docker/image-reference.js";
import type { BaseImage, BaseImageResolver } from "../image/base-image.js";
import type { CatalogData, CatalogEntry } from "./catalog-data.js";
import { catalogImage, indexCatalog, officialNameTag } from "./catalog-image.js";
import { OFFICIAL_IMAGES } from "./data/official-images.js";

export type { CatalogConfig, CatalogData, CatalogEntry } from "./catalog-data.js";
export { catalogImage, catalogInspectConfig, catalogSourceDetail, officialNameTag } from "./catalog-image.js";
export { OFFICIAL_IMAGES } from "./data/official-images.js";

const INDEXES = new WeakMap<CatalogData, ReadonlyMap<string, CatalogEntry>>();

function indexOf(data: CatalogData): ReadonlyMap<string, CatalogEntry> {
  let index = INDEXES.get(data);
  if (index === undefined) INDEXES.set(data, (index = indexCatalog(data)));
  return index;
}

/**
 * The catalog entry for an image reference, or undefined. Docker Hub names are normalised
 * (`node:20`, `library/node:20`, `docker.io/library/node:20` are one image; no tag means
 * `latest`); only official images by tag are in the catalog (a digest reference is not).
 *
 * @example
 * ```ts
 * lookupCatalog("node:20-alpine")?.config.Entrypoint; // ["docker-entrypoint.sh"]
 * lookupCatalog("docker.io/library/python:3.12-slim")?.repo; // "docker-library/python"
 * ```
 */
export function lookupCatalog(ref: string, data: CatalogData = OFFICIAL_IMAGES): CatalogEntry | undefined {
  const nt = officialNameTag(ref);
  return nt === null ? undefined : indexOf(data).get(`${nt.name}:${nt.tag}`);
}

/**
 * A {@link BaseImageResolver} answering from the catalog (`source: "catalog"`), for references
 * the simulator passes normalized (`docker.io/library/node:20-alpine`). Put it last in a chain:
 * an image from the local engine, a file or a registry is the one really used.
 *
 * @example
 * ```ts
 * const resolver = chainResolvers(mapResolver(myImages), catalogResolver());
 * simulate(text, { resolver });
 * ```
 */
export function catalogResolver(data: CatalogData = OFFICIAL_IMAGES): BaseImageResolver {
  return {
    resolve(ref: string): BaseImage | undefined {
      const entry = lookupCatalog(ref, data);
      if (entry === undefined) return undefined;
      const r = parseImageReference(ref);
      return catalogImage(r.ok ? r.value.normalized : ref, entry);
    },
  };
}

/** How many entries, images and tags a catalog holds. */
export function catalogSize(data: CatalogData = OFFICIAL_IMAGES): { entries: number; images: number; tags: number } {
  return { entries: data.entries.length, images: new Set(data.entries.map((e) => e.image)).size, tags: data.entries.reduce((n, e) => n + e.tags.length, 0) };
}
