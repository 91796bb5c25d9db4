/**
 * Reads a library manifest file of docker-library/official-images (`library/<name>`): RFC 2822
 * style blocks separated by blank lines, the first holding the defaults (`Maintainers`,
 * `GitRepo`, `GitCommit`, `Builder`…), the others one Dockerfile each (`Tags`, `SharedTags`,
 * `Architectures`, `GitCommit`, `Directory`, `File`), with `<arch>-Field` overrides per
 * architecture. The format is described in docker-library/official-images README.md
 * ("Instruction format"); bashbrew (docker-library/bashbrew manifest/rfc2822.go) reads it.
 *
 * @module
 */

/** One block: field name (case kept as written, looked up case-insensitively) → value. */
export type ManifestBlock = ReadonlyMap<string, string>;

/** An entry of a library manifest, the defaults applied, as built for one architecture. */
export interface LibraryEntry {
  /** `Tags`, then `SharedTags`. */
  readonly tags: readonly string[];
  readonly sharedTags: readonly string[];
  readonly architectures: readonly string[];
  /** `https://github.com/owner/name.git` and the like, as written. */
  readonly gitRepo: string;
  readonly gitFetch: string | null;
  readonly gitCommit: string;
  /** `Directory` (default `.`), without a trailing slash. */
  readonly directory: string;
  /** `File` (default `Dockerfile`). */
  readonly file: string;
  /** `Builder` (`buildkit`, `classic`, `oci-import`; empty means the default, classic). */
  readonly builder: string;
}

/** Splits a manifest into its blocks (comments dropped, continuation lines joined with a space). */
export function parseManifestBlocks(text: string): ManifestBlock[] {
  const blocks: Map<string, string>[] = [];
  let cur: Map<string, string> | null = null;
  let last: string | null = null;
  for (const raw of text.split(/\r?\n/)) {
    if (raw.startsWith("#")) continue;
    if (raw.trim() === "") {
      cur = null;
      last = null;
      continue;
    }
    if (/^\s/.test(raw) && cur !== null && last !== null) {
      cur.set(last, `${cur.get(last)!} ${raw.trim()}`);
      continue;
    }
    const colon = raw.indexOf(":");
    if (colon <= 0) continue;
    if (cur === null) {
      cur = new Map();
      blocks.push(cur);
    }
    last = raw.slice(0, colon).trim().toLowerCase();
    cur.set(last, raw.slice(colon + 1).trim());
  }
  return blocks;
}

function list(v: string | undefined): string[] {
  return v === undefined ? [] : v.split(",").map((s) => s.trim()).filter((s) => s !== "");
}

/**
 * The entries of a manifest that build for `arch` (bashbrew's architecture names: `amd64`,
 * `arm64v8`…), each with the defaults of the first block and its `<arch>-` overrides applied.
 *
 * @example
 * ```ts
 * libraryEntries("GitRepo: https://github.com/o/r.git\n\nTags: 1, latest\nGitCommit: abc\nDirectory: 1\n", "amd64");
 * // [{ tags: ["1", "latest"], gitRepo: "https://github.com/o/r.git", gitCommit: "abc", directory: "1", file: "Dockerfile", … }]
 * ```
 */
export function libraryEntries(text: string, arch: string): LibraryEntry[] {
  const [globals, ...rest] = parseManifestBlocks(text);
  if (globals === undefined) return [];
  const out: LibraryEntry[] = [];
  for (const block of rest) {
    if (!block.has("tags") && !block.has("sharedtags")) continue;
    const get = (field: string): string | undefined => block.get(`${arch}-${field}`) ?? block.get(field) ?? globals.get(`${arch}-${field}`) ?? globals.get(field);
    const architectures = list(block.get("architectures") ?? globals.get("architectures") ?? "amd64");
    if (!architectures.includes(arch)) continue;
    const gitRepo = get("gitrepo");
    const gitCommit = get("gitcommit");
    if (gitRepo === undefined || gitCommit === undefined) continue;
    out.push({
      tags: list(block.get("tags")),
      sharedTags: list(block.get("sharedtags")),
      architectures,
      gitRepo,
      gitFetch: get("gitfetch") ?? null,
      gitCommit,
      directory: (get("directory") ?? ".").replace(/\/+$/, "") || ".",
      file: get("file") ?? "Dockerfile",
      builder: get("builder") ?? "",
    });
  }
  return out;
}

/** `owner/name` of a GitHub repository URL, or null for another host. */
export function githubRepo(url: string): string | null {
  const m = /^(?:https?:\/\/|git:\/\/|git@)github\.com[/:]([^/]+)\/([^/]+?)(?:\.git)?\/?$/.exec(url);
  return m === null ? null : `${m[1]}/${m[2]}`;
}
