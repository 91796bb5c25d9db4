/**
 * What BuildKit's git source puts where, given what the repository holds: which commit a ref
 * names, the tree of that commit as the copy sees it (a subdirectory, `.git` kept or not), and
 * BuildKit's errors. The simulator never clones by itself: a caller passes {@link GitCheckouts}
 * (made by `fetchGitSources` of `dockerfile-semantics/node`, or by hand) in
 * `SimulateOptions.gitCheckouts`. Browser-safe.
 *
 * Rules, from moby/buildkit v0.25.2 `source/git/source.go` (`CacheKey`, `Snapshot`) and
 * `frontend/dockerfile/dockerfile2llb/convert.go` (`dispatchCopy`), each verified on Docker 28.5
 * against a local `git daemon` and a dumb-HTTP server (spec/fs/git, fixture
 * `spec/fixtures/engine-28.5/add-git.json`):
 *
 * - The checkout's files and directories are copied like a directory's contents: directories 0755,
 *   files 0644 or 0755 (git's executable bit), symlinks as links, all owned 0:0, then `--chown` and
 *   `--chmod` (BuildKit's octal `--chmod` also gives the destination directory and every directory
 *   that mode). `.git` is left out unless `--keep-git-dir` or `?keep-git-dir`.
 * - A ref is looked up among the remote's refs: `refs/<ref>`, else the branch, else the tag; no
 *   ref means the remote's default branch. A full commit id is used as is. A full commit id given as
 *   `--checksum`/`?checksum=` (without keep-git-dir) is checked out instead of the ref.
 * - Failures come when BuildKit computes cache keys: `failed to load cache key: repository does not
 *   contain ref <ref>, output: "<ls-remote output>"`, `… invalid checksum <c> for Git URL, expected
 *   hex commit hash`; a subdirectory that is a file or a symlink fails: `invalid subdir /<dir>: git
 *   subpath "/<dir>" contains non-directory "<dir>"`, one that is missing: `invalid subdir /<dir>:
 *   failed to lstat "<dir>": statat <dir>: no such file or directory`.
 *
 * @module
 */
import type { GitRef } from "../../docker/git-ref.js";
import { goQuote } from "../../docker/go-quote.js";
import type { DirNode, VfsNode } from "../vfs/tree.js";

/** One entry of a commit's tree, as `git ls-tree -r -t` lists it. */
export type GitTreeEntry =
  | {
      readonly type: "file";
      /** Slash-separated, relative to the repository root. */
      readonly path: string;
      readonly executable: boolean;
      readonly size: number;
      /** The content, or null when the fetcher did not keep it (a size budget). */
      readonly content: Uint8Array | null;
    }
  | { readonly type: "symlink"; readonly path: string; readonly target: string }
  | { readonly type: "dir"; readonly path: string }
  /** A submodule: BuildKit checks it out; its files are not in the listing. */
  | { readonly type: "submodule"; readonly path: string };

/** What fetching one git source gave. */
export type GitCheckout =
  | {
      readonly kind: "checkout";
      /** The commit checked out. */
      readonly commit: string;
      /** Every entry of the commit's tree. */
      readonly entries: readonly GitTreeEntry[];
    }
  | {
      readonly kind: "failed";
      /** BuildKit's message after `failed to load cache key: `. */
      readonly message: string;
      /** Set when `message` is this machine's git's wording and BuildKit's may differ. */
      readonly approximate?: boolean;
    };

/** Checkouts by {@link gitCheckoutKey}. */
export type GitCheckouts = ReadonlyMap<string, GitCheckout> | Readonly<Record<string, GitCheckout>>;

/** What a simulation asks to be fetched for one `ADD <git source>`. */
export interface GitFetchRequest {
  /** The source as the expanded ADD instruction reads. */
  readonly source: string;
  readonly ref: GitRef;
  /** The effective `--checksum` / `?checksum=` (`""`: none). */
  readonly checksum: string;
  readonly keepGitDir: boolean;
}

/**
 * The key of a fetched checkout: the remote, the ref and the effective checksum (what decides the
 * commit; the subdirectory and `.git` are applied by the simulator).
 *
 * @example
 * ```ts
 * gitCheckoutKey({ remote: "https://github.com/moby/moby.git", ref: "v28.5.0" }, ""); // "https://github.com/moby/moby.git#v28.5.0"
 * ```
 */
export function gitCheckoutKey(ref: Pick<GitRef, "remote" | "ref">, checksum: string): string {
  return `${ref.remote}#${ref.ref}${checksum === "" ? "" : `@${checksum}`}`;
}

/** Looks a checkout up. */
export function gitCheckoutOf(checkouts: GitCheckouts | undefined, key: string): GitCheckout | undefined {
  if (checkouts === undefined) return undefined;
  if (checkouts instanceof Map) return checkouts.get(key);
  return Object.prototype.hasOwnProperty.call(checkouts, key) ? (checkouts as Readonly<Record<string, GitCheckout>>)[key] : undefined;
}

/** Whether a string is a full commit id (SHA-1 or SHA-256), as BuildKit's `gitutil.IsCommitSHA`. */
export function isCommitId(s: string): boolean {
  return /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(s);
}

/**
 * BuildKit's error for a checksum that is not hex (without the `failed to load cache key: ` prefix),
 * or `null` when the checksum is empty or hex.
 *
 * @example
 * ```ts
 * invalidChecksumError("xyz"); // "invalid checksum xyz for Git URL, expected hex commit hash"
 * ```
 */
export function invalidChecksumError(checksum: string): string | null {
  return checksum !== "" && !/^[a-fA-F0-9]+$/.test(checksum) ? `invalid checksum ${checksum} for Git URL, expected hex commit hash` : null;
}

/**
 * The commit a git source checks out, BuildKit's way, from the remote's `git ls-remote <remote>
 * <ref> <ref>^{}` output and its default branch; or BuildKit's error (without the
 * `failed to load cache key: ` prefix).
 *
 * @example
 * ```ts
 * resolveGitCommit("v1", "", "abc…\trefs/tags/v1\n", "main"); // { ok: true, commit: "abc…" }
 * ```
 */
export function resolveGitCommit(ref: string, checksum: string, keepGitDir: boolean, lsRemote: string, defaultBranch: string): { ok: true; commit: string } | { ok: false; error: string } {
  const invalid = invalidChecksumError(checksum);
  if (invalid !== null) return { ok: false, error: invalid };
  if (isCommitId(checksum) && !keepGitDir) return { ok: true, commit: checksum };
  if (isCommitId(ref)) return { ok: true, commit: ref };
  const want = ref === "" ? defaultBranch : ref;
  const bare = want.replace(/^refs\//, "");
  const partial = `refs/${bare}`;
  const head = `refs/heads/${want.replace(/^refs\/heads\//, "")}`;
  const tag = `refs/tags/${want.replace(/^refs\/tags\//, "")}`;
  let sha = "";
  let headSha = "";
  let tagSha = "";
  for (const line of lsRemote.split("\n")) {
    const tab = line.indexOf("\t");
    const [lineSha, lineRef] = tab < 0 ? [line, ""] : [line.slice(0, tab), line.slice(tab + 1)];
    if (lineRef === head) headSha = lineSha;
    else if (lineRef === tag || lineRef === `${tag}^{}`) tagSha = lineSha;
    else if (lineRef === partial) sha = lineSha;
  }
  if (sha === "") sha = headSha;
  if (sha === "") sha = tagSha;
  if (sha === "") return { ok: false, error: `repository does not contain ref ${want}, output: ${goQuote(lsRemote)}` };
  if (checksum !== "" && !sha.startsWith(checksum)) return { ok: false, error: `expected checksum to match ${checksum}, got ${sha}` };
  return { ok: true, commit: sha };
}

/** Owner token of nodes built here: no Vfs owns them, so any change copies them first. */
const DETACHED = {};

function emptyDir(): DirNode {
  return { type: "dir", mode: 0o755, uid: 0, gid: 0, children: new Map(), complete: true, owner: DETACHED };
}

/**
 * The directory a git source copies: the checkout's tree (or the subdirectory's), with `.git` as a
 * directory of unknown contents when it is kept; or BuildKit's error for a subdirectory that is
 * not one.
 */
export function gitCheckoutTree(entries: readonly GitTreeEntry[], subdir: string, keepGitDir: boolean): { ok: true; node: DirNode } | { ok: false; error: string } {
  const root = emptyDir();
  const dirAt = (parts: readonly string[]): DirNode | null => {
    let d = root;
    for (const p of parts) {
      let next = d.children.get(p);
      if (next === undefined) {
        next = emptyDir();
        d.children.set(p, next);
      }
      if (next.type !== "dir") return null;
      d = next;
    }
    return d;
  };
  for (const e of entries) {
    const parts = e.path.split("/").filter((p) => p !== "");
    if (parts.length === 0) continue;
    const parent = dirAt(parts.slice(0, -1));
    if (parent === null) continue;
    const name = parts[parts.length - 1]!;
    const node: VfsNode =
      e.type === "file"
        ? { type: "file", mode: e.executable ? 0o755 : 0o644, uid: 0, gid: 0, size: e.size, content: e.content, ...(e.content === null ? { unknown: "content not kept by the fetcher" } : {}) }
        : e.type === "symlink"
          ? { type: "symlink", mode: 0o777, uid: 0, gid: 0, target: e.target }
          : e.type === "dir"
            ? (parent.children.get(name) ?? emptyDir())
            : { type: "dir", mode: 0o755, uid: 0, gid: 0, children: new Map(), complete: false, owner: DETACHED, unknown: "a git submodule (its files are not listed)" };
    parent.children.set(name, node);
  }
  let node: DirNode = root;
  const sub = subdir.split("/").filter((p) => p !== "" && p !== ".");
  for (let k = 0; k < sub.length; k++) {
    const next = node.children.get(sub[k]!);
    const shown = "/" + sub.join("/");
    const upTo = sub.slice(0, k + 1).join("/");
    if (next === undefined) return { ok: false, error: `invalid subdir ${shown}: failed to lstat ${goQuote(upTo)}: statat ${upTo}: no such file or directory` };
    if (next.type !== "dir") return { ok: false, error: `invalid subdir ${shown}: git subpath ${goQuote(shown)} contains non-directory ${goQuote(upTo)}` };
    node = next;
  }
  if (keepGitDir && sub.length === 0) {
    node = { ...node, children: new Map(node.children) };
    node.children.set(".git", { type: "dir", mode: 0o755, uid: 0, gid: 0, children: new Map(), complete: false, owner: DETACHED, unknown: "the .git directory (its contents depend on the git that cloned it)" });
  }
  return { ok: true, node };
}

/** The directory a git source copies when nothing was fetched: contents unknown. */
export function unfetchedGitTree(reason: string): DirNode {
  return { type: "dir", mode: 0o755, uid: 0, gid: 0, children: new Map(), complete: false, owner: DETACHED, unknown: reason };
}
