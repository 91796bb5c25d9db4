/**
 * COPY and ADD writing one source into a stage's {@link Vfs}, as each builder of Docker 28.5 writes
 * files. Browser-safe.
 *
 * - **BuildKit** (vendored `tonistiigi/fsutil/copy` `Copy`, `cp -a` semantics): a file goes to
 *   `dest/<name>` when `dest` ends with `/` or is an existing directory, else to `dest`; a
 *   directory's contents are merged into `dest`. Missing directories (the destination's parents,
 *   or `dest` itself for a directory source) are created 0755 (or the octal `--chmod`), owned by
 *   the `--chown` user. Copied entries keep their mode (or get the `--chmod`) and their owner (or
 *   the `--chown`).
 * - **classic** (moby `builder/dockerfile/copy.go` `performCopyForInfo`, `copyFile`,
 *   `copyDirectory`): the same placement; a file's new parents are 0755 owned by the chown
 *   identity (root without `--chown`); for a directory source the new parents are 0755 root and
 *   only `dest` itself, when new, gets the identity; copied entries get the identity unless
 *   ownership is preserved (`COPY --from` without `--chown`).
 *
 * @module
 */
import { ROOTFS_PLACEHOLDER, type CopyRules } from "../../builders/copy-rules.js";
import { applyChmod, type Chmod } from "./chmod.js";
import { partsPath, pathParts, type DirNode, type Vfs, type VfsNode } from "./tree.js";
import { madeIn, type MkdirHow } from "./setgid.js";

/** How entries are written. */
export interface WriteOptions {
  /** The builder's COPY/ADD rules. */
  readonly rules: CopyRules;
  /** The `--chown` owner, or null. */
  readonly owner: { readonly uid: number; readonly gid: number } | null;
  /** Keep the source's owners when `owner` is null (BuildKit always; classic for `COPY --from`). */
  readonly preserveOwnership: boolean;
  /** BuildKit's `--chmod`. */
  readonly chmod: Chmod | null;
  /** Set when the `--chown` owner could not be resolved (the image's /etc/passwd is unknown): why; written nodes carry it. */
  readonly ownerUnknown?: string;
}

/** Result of a write: done, or the engine's error. */
export type WriteResult = { readonly ok: true } | { readonly ok: false; readonly error: string };

const DETACHED = {};

function ownerOf(n: Exclude<VfsNode, { type: "unknown" }>, opts: WriteOptions): { uid: number; gid: number } {
  if (opts.owner !== null) {
    // BuildKit: a negative id is id 0 — `COPY --from --chown=-1:0` of files owned 1000:1000 makes
    // them 0:0 (verified on 28.5: gen-from-chown-minus-one; the id never reaches lchown as -1).
    if (opts.rules.negativeIdIsZero) return { uid: Math.max(opts.owner.uid, 0), gid: Math.max(opts.owner.gid, 0) };
    // Classic: a negative id is lchown's "leave unchanged" (`--chown=-1:0`, verified on 28.5).
    return { uid: opts.owner.uid < 0 ? n.uid : opts.owner.uid, gid: opts.owner.gid < 0 ? n.gid : opts.owner.gid };
  }
  return opts.preserveOwnership || !opts.rules.chownsCopiedEntries ? { uid: n.uid, gid: n.gid } : { uid: 0, gid: 0 };
}

/**
 * The classic builder chowns everything it copies unless it preserves ownership (`COPY --from`
 * without `--chown`), and chown(2) clears setuid and setgid on non-directories (verified on 28.5:
 * a 04755 context file arrives 0755; BuildKit keeps it).
 */
function chownClears(opts: WriteOptions): boolean {
  return opts.rules.chownsCopiedEntries && (opts.owner !== null || !opts.preserveOwnership);
}

/**
 * The node as written: chmod and owner applied (recursively for directories); a fresh, detached copy.
 * Hard links (one file node at several paths) stay linked in the copy, as both builders copy them
 * (verified on 28.5: gen-from-hardlinks, `COPY --from` with and without `--chown`; fsutil `copy`
 * keeps an inode map, the classic builder's tar copy writes link entries).
 */
export function restamp(n: VfsNode, opts: WriteOptions, linked: Map<VfsNode, VfsNode> = new Map()): VfsNode {
  switch (n.type) {
    case "unknown":
      return n;
    case "symlink":
      return { ...n, ...ownerOf(n, opts), ...unknownOwner(opts) };
    case "file": {
      const seen = linked.get(n);
      if (seen !== undefined) return seen;
      const mode = opts.chmod === null ? n.mode : applyChmod(opts.chmod, n.mode, false);
      const copy: VfsNode = { ...n, ...ownerOf(n, opts), mode: chownClears(opts) ? mode & ~0o6000 : mode, ...unknownOwner(opts) };
      linked.set(n, copy);
      return copy;
    }
    case "dir": {
      const children = new Map<string, VfsNode>();
      for (const [k, v] of n.children) children.set(k, restamp(v, opts, linked));
      const dir: DirNode = { ...n, ...ownerOf(n, opts), mode: opts.chmod === null ? n.mode : applyChmod(opts.chmod, n.mode, true), children, owner: DETACHED, ...unknownOwner(opts) };
      return dir;
    }
    default: {
      const never: never = n;
      return never;
    }
  }
}

/** The `unknown` mark of a node whose owner is a guess. */
function unknownOwner(opts: WriteOptions): { unknown?: string } {
  return opts.ownerUnknown === undefined ? {} : { unknown: `its owner is unknown: ${opts.ownerUnknown}` };
}

/** BuildKit's refusal to replace a directory by a file (the classic builder replaces it). */
function isDirError(parts: readonly string[]): string {
  return `cannot replace to directory ${ROOTFS_PLACEHOLDER}${partsPath(parts)} with file`;
}

/**
 * Merges `src` (already restamped) into the existing directory at resolved `parts`: files replace,
 * directories merge and take the source's metadata. Where an entry's type differs from what is
 * there, BuildKit fails and the classic builder replaces it (tar extraction semantics).
 */
function mergeInto(fs: Vfs, parts: readonly string[], src: DirNode, rules: CopyRules): WriteResult {
  for (const [name, child] of src.children) {
    const target = [...parts, name];
    const existing = fs.nodeAt(target);
    if (child.type === "dir" && existing?.type === "dir") {
      fs.updateDir(target, { mode: child.mode, uid: child.uid, gid: child.gid });
      const r = mergeInto(fs, target, child, rules);
      if (!r.ok) return r;
      continue;
    }
    if (!rules.replacesEntriesOfOtherType && existing !== undefined && existing.type !== "unknown") {
      if (child.type === "dir") return { ok: false, error: `cannot copy to non-directory: ${ROOTFS_PLACEHOLDER}${partsPath(target)}` };
      if (existing.type === "dir") return { ok: false, error: isDirError(target) };
    }
    fs.put(target, child);
  }
  // A source directory with entries nobody knows (a git repository that was not fetched) leaves the
  // destination's listing incomplete too.
  if (!src.complete) {
    const node = fs.nodeAt(parts);
    if (node?.type === "dir") fs.put(parts, { ...node, complete: false, unknown: src.unknown ?? node.unknown ?? "entries copied from a directory the simulator does not fully know" });
  }
  return { ok: true };
}

/**
 * Copies one source (a file, or a directory whose contents are copied) named `name` to `dest`
 * (absolute; a trailing `/` means "into this directory").
 *
 * @example
 * ```ts
 * const fs = Vfs.empty();
 * const file = { type: "file", mode: 0o644, uid: 0, gid: 0, size: 2, content: new TextEncoder().encode("hi") } as const;
 * copyInto(fs, file, "hello.txt", "/app/", { rules: BUILDKIT_COPY, owner: null, preserveOwnership: false, chmod: null });
 * fs.lookup("/app/hello.txt", true).found; // true
 * ```
 */
export function copyInto(fs: Vfs, src: VfsNode, name: string, dest: string, opts: WriteOptions): WriteResult {
  const rules = opts.rules;
  const intoDir = dest.endsWith("/");
  const stamped = restamp(src, opts);
  // mkdir(2) ignores setuid (and setgid is inherited), so an octal `--chmod=4755` makes 0755
  // directories (only BuildKit takes `--chmod`: see CopyRules.chmodRefusal).
  const createdMode = opts.chmod?.kind === "octal" ? opts.chmod.mode & 0o1777 : 0o755;
  const newOwner = opts.owner ?? { uid: 0, gid: 0 };
  // In a setgid directory: whether the builder chowns what it makes without --chown.
  const made: MkdirHow = { chowned: rules.chownsCreatedDirectories || opts.owner !== null, keepsBit: true };
  const destLookup = fs.lookup(dest, true);
  const destIsDir = destLookup.found && destLookup.node.type === "dir";
  // A destination below an existing file: the classic builder fails to `lstat` the first path
  // component below the file; BuildKit too, unless the directory it must create (the destination
  // when it ends in `/`, else its parent) is the file itself, which it fails to `mkdir` (below).
  // Verified on 28.5 with file and directory sources: gen-dest-below-file-*.
  if (!destLookup.found && destLookup.why === "not-dir" && destLookup.rest.length > 0 && (rules.lstatsDestinationFirst || intoDir || destLookup.rest.length > 1)) {
    return { ok: false, error: rules.lstatNotDirectoryMessage(partsPath([...destLookup.parts, destLookup.rest[0]!])) };
  }
  const mkdirError = (what: "file" | "dir", parts: readonly string[]): string => rules.mkdirNotDirectoryMessage(partsPath(parts), what);

  if (stamped.type === "dir") {
    if (destLookup.found && destLookup.node.type !== "dir" && destLookup.node.type !== "unknown") {
      // BuildKit: with a destination written with a trailing `/`, the copy first makes the
      // destination directory (fsutil `copy.Copy` → `MkdirAll` of the `/`-ended path), which fails
      // on the file; otherwise the merge meets it, `--link` or not (verified on 28.5,
      // gen-dest-existing-file-dir-source-slash, flag-link-over-file, gen-link-dir-onto-file-no-slash;
      // docs/semantics/copy-add.md §1.6).
      return { ok: false, error: rules.directoryOntoFileMessage(partsPath(destLookup.parts), intoDir) };
    }
    const m = fs.mkdirAll(pathParts(dest), (isLast, parent) => madeIn({ mode: createdMode, ...(rules.directorySourceParentsOwnedByRoot && !isLast ? { uid: 0, gid: 0 } : createdOwner(newOwner)) }, parent, made));
    if (!m.ok) return { ok: false, error: mkdirError("dir", m.notDir) };
    return mergeInto(fs, m.parts, stamped, rules);
  }

  const byName = intoDir || destIsDir;
  const target = byName ? `${dest.replace(/\/+$/, "")}/${name}` : dest;
  if (rules.lstatsDestinationFirst && !intoDir && !destLookup.found && destLookup.why === "not-dir") {
    return { ok: false, error: rules.lstatNotDirectoryMessage(partsPath(pathParts(dest))) };
  }
  const targetParts = pathParts(target);
  // (Preserving ownership, the classic builder makes the parents root's: `newOwner` is root then.)
  const parentOwner = createdOwner(newOwner);
  const m = fs.mkdirAll(targetParts.slice(0, -1), (_, parent) => madeIn({ mode: createdMode, ...parentOwner }, parent, made));
  if (!m.ok) return { ok: false, error: mkdirError("file", m.notDir) };
  let finalParts: readonly string[] = [...m.parts, targetParts[targetParts.length - 1]!];
  // A destination written without `/` that the base image may or may not have (its files are
  // unknown): a directory there takes the file as `dest/<name>`, a file is replaced, and without
  // either the file becomes `dest`. Which one is unknown, so the path is (never a guessed file,
  // from which a later WORKDIR would predict "not a directory").
  if (!byName && !destLookup.found && destLookup.why === "maybe" && fs.nodeAt(finalParts) === undefined) {
    const at = partsPath(finalParts);
    fs.put(finalParts, { type: "unknown", reason: `COPY wrote ${name} to ${at}, or into ${at}/${name} if the base image has a directory ${at}: the simulator does not have the base image's files` });
    return { ok: true };
  }
  // A symlink that *is* the destination as written is written through: its target gets the
  // content, the link stays (both builders, docs/semantics/copy-add.md §1.5). A symlink met at `dir/<name>` (the
  // destination a directory, the name the source's) is replaced by the file instead, dangling or
  // not (both builders, verified on 28.5: gen-file-onto-symlink-by-basename and
  // gen-file-onto-dangling-symlink-by-basename): fsutil `copy.Copy` resolves only the destination
  // it is given (`continuity/fs.RootPath`), then writes the joined target anew; moby `copyFile`
  // (`builder/dockerfile/copy.go`) resolves the destination in scope, then `CopyFileWithTar`
  // untars the file there and go-archive `Unpack` `os.RemoveAll`s what is in the way.
  if (!byName && fs.nodeAt(finalParts)?.type === "symlink") {
    const through = fs.lookup(partsPath(finalParts), true);
    if (through.found) finalParts = through.parts;
    else if (through.why !== "not-dir") {
      // A dangling link: its target is created, missing directories included (verified on 28.5).
      const whole = [...through.parts, ...through.rest];
      const link = fs.mkdirAll(whole.slice(0, -1), (_, parent) => madeIn({ mode: createdMode, ...parentOwner }, parent, made));
      if (!link.ok) return { ok: false, error: mkdirError("file", link.notDir) };
      finalParts = [...link.parts, whole[whole.length - 1]!];
    }
  }
  // A directory at the target: BuildKit refuses to replace it; the classic builder removes it,
  // contents and all, and writes the file (verified on 28.5: gen-file-onto-dir-by-basename; moby
  // `copyFile` → go-archive `CopyFileWithTar`; `Unpack` (vendor/github.com/moby/go-archive/archive.go)
  // `os.RemoveAll`s an existing entry unless both are directories).
  if (fs.nodeAt(finalParts)?.type === "dir") {
    if (!rules.replacesEntriesOfOtherType) return { ok: false, error: isDirError(finalParts) };
    fs.remove(finalParts);
  }
  fs.put(finalParts, stamped);
  return { ok: true };
}

/** The owner of a directory COPY creates: lchown's "leave unchanged" (-1) leaves it root's. */
function createdOwner(owner: { uid: number; gid: number }): { uid: number; gid: number } {
  return { uid: Math.max(owner.uid, 0), gid: Math.max(owner.gid, 0) };
}

/** Creates `dest` as a directory if needed (0755 root) and marks its listing incomplete, with why. */
export function markIncomplete(fs: Vfs, dest: string, reason: string): void {
  const m = fs.mkdirAll(pathParts(dest), () => ({ mode: 0o755, uid: 0, gid: 0 }));
  if (!m.ok) {
    fs.markOpaque(reason);
    return;
  }
  const node = fs.nodeAt(m.parts);
  if (node?.type !== "dir") return;
  fs.put(m.parts, { ...node, complete: false, unknown: reason });
}
