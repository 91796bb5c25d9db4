/**
 * From catalog entries to base images: lookup by reference (Docker Hub names normalised, tags),
 * and the {@link BaseImage} an entry describes. Browser-safe.
 *
 * @module
 */
import { parseImageReference } from "../docker/image-reference.js";
import type { BaseImage } from "../image/base-image.js";
import type { CatalogConfig, CatalogData, CatalogEntry } from "./catalog-data.js";

const OFFICIAL = "docker.io/library/";

function keySet(keys: readonly string[] | undefined): Record<string, Record<string, never>> | null {
  return keys === undefined ? null : Object.fromEntries(keys.map((k) => [k, {}]));
}

/** The inspect-shaped config of a catalog entry (unset fields `null`). */
export function catalogInspectConfig(c: CatalogConfig): BaseImage["config"] {
  return {
    Entrypoint: c.Entrypoint === undefined ? null : [...c.Entrypoint],
    Cmd: c.Cmd === undefined ? null : [...c.Cmd],
    Env: c.Env === undefined ? null : [...c.Env],
    WorkingDir: c.WorkingDir ?? null,
    User: c.User ?? null,
    ExposedPorts: keySet(c.ExposedPorts),
    Volumes: keySet(c.Volumes),
    Labels: c.Labels === undefined ? null : { ...c.Labels },
    StopSignal: c.StopSignal ?? null,
    Healthcheck: c.Healthcheck ?? null,
    Shell: c.Shell === undefined ? null : [...c.Shell],
    OnBuild: c.OnBuild === undefined ? null : [...c.OnBuild],
  };
}

/**
 * Where an entry came from, for people: `nodejs/docker-node@<commit>`, and what the derivation
 * could not know about it.
 */
export function catalogSourceDetail(e: CatalogEntry): string {
  const notes = [...(e.retired === true ? ["a tag no longer built by docker-library"] : []), ...(e.unknown ?? [])];
  return `${e.repo}@${e.commit}${notes.length === 0 ? "" : ` (${notes.join("; ")})`}`;
}

/**
 * The base image a catalog entry describes, under the normalized reference `ref`: its config,
 * its layer count, no files (the catalog holds none), from source `catalog`.
 */
export function catalogImage(ref: string, e: CatalogEntry): BaseImage {
  return {
    ref, known: true, source: "catalog", sourceDetail: catalogSourceDetail(e), platform: "linux/amd64",
    config: catalogInspectConfig(e.config), author: "", layers: e.layers, os: "linux",
  };
}

/**
 * The library name and tag of an official image's reference (`node:20-alpine`,
 * `docker.io/library/node:20-alpine`, `library/node`), or null for another repository, a digest
 * reference or an invalid one.
 */
export function officialNameTag(ref: string): { name: string; tag: string } | null {
  const r = parseImageReference(ref);
  if (!r.ok || r.value.digest !== undefined || r.value.tag === undefined) return null;
  const bare = r.value.normalized.slice(0, r.value.normalized.length - r.value.tag.length - 1);
  if (!bare.startsWith(OFFICIAL)) return null;
  return { name: bare.slice(OFFICIAL.length), tag: r.value.tag };
}

/** An index of catalog entries by `name:tag` (current tags win over retired ones). */
export function indexCatalog(data: CatalogData): ReadonlyMap<string, CatalogEntry> {
  const index = new Map<string, CatalogEntry>();
  for (const e of data.entries) {
    for (const tag of e.tags) {
      const key = `${e.image}:${tag}`;
      const had = index.get(key);
      if (had === undefined || (had.retired !== undefined && e.retired === undefined)) index.set(key, e);
    }
  }
  return index;
}
