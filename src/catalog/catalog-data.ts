/**
 * The shape of the bundled catalog's data: Docker Official Images, each manifest entry (one
 * Dockerfile, several tags) with the config our simulator derived from its definition. Written by
 * `scripts/build-catalog.ts`, never by hand. Browser-safe.
 *
 * @module
 */
import type { HealthConfig } from "../image/config.js";

/** The config fields the catalog holds (those set; an absent field is unset in the image). */
export interface CatalogConfig {
  readonly Entrypoint?: readonly string[];
  readonly Cmd?: readonly string[];
  readonly Env?: readonly string[];
  readonly WorkingDir?: string;
  readonly User?: string;
  readonly ExposedPorts?: readonly string[];
  readonly Volumes?: readonly string[];
  readonly Labels?: Readonly<Record<string, string>>;
  readonly StopSignal?: string;
  readonly Shell?: readonly string[];
  readonly Healthcheck?: HealthConfig;
  readonly OnBuild?: readonly string[];
}

/** One entry: the tags one Dockerfile (or imported OCI image) of a library manifest is published as. */
export interface CatalogEntry {
  /** The library name (`node`), i.e. the image `docker.io/library/node`. */
  readonly image: string;
  /** The tags (`Tags` then `SharedTags`) that name this entry. */
  readonly tags: readonly string[];
  /** The source repository, `owner/name` on GitHub. */
  readonly repo: string;
  /** The commit of `repo` the definition was read at. */
  readonly commit: string;
  /** The definition's path in `repo` (a Dockerfile, or an OCI layout's `index.json`). */
  readonly path: string;
  /** How official-images builds it: `buildkit`, `classic` or `oci-import` (a prebuilt image read as is). */
  readonly builder: "buildkit" | "classic" | "oci-import";
  readonly config: CatalogConfig;
  /** Filesystem layers, or null when they cannot be known. */
  readonly layers: number | null;
  /** With the classic builder, the layer count if no step whose layer depends on its changes changed a file. */
  readonly layersMin?: number;
  /** The external image its built stage starts from (`alpine:3.22`), absent for `scratch` and imports. */
  readonly from?: string;
  /** What the derivation could not know (a base image outside the catalog, a failing simulated step). */
  readonly unknown?: readonly string[];
  /** The docker-library/official-images commit whose `library/<image>` was read. */
  readonly manifest: string;
  /** Set when the newest manifest no longer lists these tags (they come from the revision before `retiredBefore`). */
  readonly retired?: true;
}

/** The whole catalog. */
export interface CatalogData {
  readonly version: 1;
  /** The platform every entry was derived for. */
  readonly platform: "linux/amd64";
  /**
   * The docker-library/official-images checkout's HEAD and its date. Each image's manifest is read
   * at the newest revision whose commits the checkouts held (`manifest` of each entry).
   */
  readonly officialImages: { readonly commit: string; readonly date: string };
  /** Tags dropped from the manifests are kept from the revision current at this date (ISO), marked retired. */
  readonly retiredBefore?: string;
  readonly entries: readonly CatalogEntry[];
}
