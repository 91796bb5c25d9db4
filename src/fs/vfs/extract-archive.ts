/**
 * ADD's extraction of a local tar archive into a virtual filesystem, as `tar -x` does it in both
 * builders of Docker 28.5 (moby `go-archive` `Untar`/`createTarFile`, BuildKit's unpack through the
 * same package): each entry keeps the archive's mode and owner (an existing directory takes the
 * entry's metadata and keeps its contents; any other existing node is replaced), parent
 * directories the archive does not list are created 0755 owned by 0:0, and entry types the
 * simulator does not model (devices, fifos) become unknown nodes. Browser-safe.
 *
 * @module
 */
import { goQuote } from "../../docker/go-quote.js";
import type { TarEntry } from "../archive/index.js";
import { pathParts, type DirNode, type Vfs, type VfsNode } from "./tree.js";
import { madeIn } from "./setgid.js";

/** What extraction did. */
export interface ExtractResult {
  /** Set when extraction stops: an entry naming a path outside the destination (`invalid entry name "../x"`). */
  readonly error?: string;
  /** Number of archive entries written. */
  readonly written: number;
  /** Paths (archive names) the simulator could not model exactly, with why. */
  readonly approximations: readonly string[];
  /**
   * Members left out because their parent path meets a symlink of the destination that the builders
   * resolve in a way the simulator does not model (absolute, climbing above the destination, or a
   * loop): a real build may write them elsewhere or fail (`statat dir/sub: path escapes from parent`,
   * `lstat /x/sub: too many levels of symbolic links`; seen on 28.5 with both builders).
   */
  readonly unmodelled: readonly string[];
}

/**
 * Why the parent path of a member, followed from the extraction root, meets a symlink the simulator
 * does not follow as the builders do, or null. Relative links that stay inside the destination are
 * followed by both builders (verified on 28.5: a member `dir/sub/n` under `dir -> x` lands in `x/sub/n`,
 * `x` created if missing).
 */
function unmodelledLink(fs: Vfs, at: readonly string[], relParent: readonly string[]): string | null {
  const cur: string[] = [];
  let pending = [...relParent];
  let hops = 0;
  while (pending.length > 0) {
    const c = pending.shift()!;
    if (c === "." || c === "") continue;
    if (c === "..") {
      if (cur.length === 0) return "a symlink climbing above the destination";
      cur.pop();
      continue;
    }
    const node = fs.nodeAt([...at, ...cur, c]);
    if (node === undefined || (node.type !== "symlink" && node.type !== "dir")) return null;
    if (node.type === "dir") {
      cur.push(c);
      continue;
    }
    if (++hops > 40) return "a symlink loop";
    if (node.target.startsWith("/")) return "an absolute symlink";
    pending = [...node.target.split("/"), ...pending];
  }
  return null;
}

/**
 * Extracts `entries` below the directory at resolved components `at` (which must exist).
 * `owner` overrides every entry's owner when set (BuildKit's `ADD --chown` on an archive).
 *
 * @example
 * ```ts
 * const fs = Vfs.empty();
 * const { entries } = readArchive(tarBytes);
 * extractArchive(fs, [], entries, null);
 * ```
 */
export function extractArchive(fs: Vfs, at: readonly string[], entries: readonly TarEntry[], owner: { uid: number; gid: number } | null): ExtractResult {
  const approximations: string[] = [];
  const unmodelled: string[] = [];
  let written = 0;
  // The paths each file node of this extraction is at (hard links share one node).
  const linkGroups = new Map<VfsNode, (readonly string[])[]>();
  for (const e of entries) {
    if (e.path === "" || e.type === "pax-global") continue;
    // go-archive refuses entries that climb out of the destination (breakout check).
    if (e.path === ".." || e.path.startsWith("../")) return { written, approximations, unmodelled, error: `invalid entry name ${goQuote(e.name)}` };
    const rel = pathParts(e.path);
    const why = unmodelledLink(fs, at, rel.slice(0, -1));
    if (why !== null) {
      unmodelled.push(`${e.name} (its parent path meets ${why})`);
      continue;
    }
    // Implied parents: mkdir(2) by the extracting process, never chowned nor given a mode after.
    const parents = fs.mkdirAll([...at, ...rel.slice(0, -1)], (_, parent) => madeIn({ mode: 0o755, uid: 0, gid: 0 }, parent, { chowned: false, keepsBit: false }));
    if (!parents.ok) {
      const error = underNonDir(fs, at, rel, e);
      if (error !== null) return { written, approximations, unmodelled, error };
      approximations.push(`${e.name}: a parent is not a directory`);
      continue;
    }
    const target = [...parents.parts, rel[rel.length - 1]!];
    const uid = owner?.uid ?? e.uid;
    const gid = owner?.gid ?? e.gid;
    const existing = fs.nodeAt(target);
    let node: VfsNode;
    switch (e.type) {
      case "dir":
        if (existing?.type === "dir") {
          fs.updateDir(target, { mode: e.mode, uid, gid });
          written++;
          continue;
        }
        node = { type: "dir", mode: e.mode, uid, gid, children: new Map(), complete: true, owner: {} } satisfies DirNode;
        break;
      case "file":
        node = { type: "file", mode: e.mode, uid, gid, size: e.content.length, content: e.content };
        linkGroups.set(node, [target]);
        break;
      case "symlink":
        node = { type: "symlink", mode: 0o777, uid, gid, target: e.linkname };
        break;
      case "hardlink": {
        const linkedAt = [...at, ...pathParts(e.linkname)];
        const linked = fs.nodeAt(linkedAt);
        if (linked?.type === "file") {
          // The link entry's header is applied to the shared inode (`Lchown`, then `Chmod` after
          // `Link`), so every name of the file takes its owner and mode (both builders, verified on
          // 28.5: gen-add-tar-hardlink-owner, gen-add-tar-hardlink-owner-chown).
          node = { ...linked, mode: e.mode, uid, gid };
          const names = linkGroups.get(linked) ?? [linkedAt];
          for (const p of names) fs.put(p, node);
          linkGroups.delete(linked);
          linkGroups.set(node, [...names, target]);
          fs.put(target, node);
          written++;
          continue;
        } else {
          node = { type: "unknown", reason: `hard link to ${e.linkname} in the archive` };
          approximations.push(`${e.name}: hard link to an entry the simulator does not have`);
        }
        break;
      }
      case "char":
      case "block":
      case "fifo":
      case "other":
        node = { type: "unknown", reason: `a ${e.type} entry of the archive (not modelled)` };
        approximations.push(`${e.name}: ${e.type} entries are not modelled`);
        break;
      default: {
        const never: never = e.type;
        throw new Error(`unexpected tar entry type ${String(never)}`);
      }
    }
    fs.put(target, node);
    written++;
  }
  return { written, approximations, unmodelled };
}

/**
 * The error of a member below an existing non-directory (the archive has no directory entry that
 * would replace it first): extraction works relative to the destination with `*at` calls, so the
 * member itself directly below the file fails to be created (`openat sub/x` for a file,
 * `mkdirat sub/x` for a directory, `symlinkat c.txt sub/x` for a symlink) and a deeper one fails to
 * stat its parent (`statat sub/x` for `sub/x/y`); both builders (the classic one prefixes
 * `failed to copy files: `). Verified on 28.5: gen-add-tar-member-under-file,
 * gen-add-tar-dir-member-under-file, gen-add-tar-symlink-member-under-file,
 * gen-add-tar-deep-member-under-file. Null for a member type whose message was not observed.
 */
function underNonDir(fs: Vfs, at: readonly string[], rel: readonly string[], e: TarEntry): string | null {
  for (let k = 1; k < rel.length; k++) {
    const r = fs.lookup("/" + [...at, ...rel.slice(0, k)].join("/"), true);
    if (!r.found || r.node.type === "dir" || r.node.type === "unknown") continue;
    const p = rel.slice(0, k + 1).join("/");
    if (k + 1 < rel.length) return `statat ${p}: not a directory`;
    switch (e.type) {
      case "file":
        return `openat ${p}: not a directory`;
      case "dir":
        return `mkdirat ${p}: not a directory`;
      case "symlink":
        return `symlinkat ${e.linkname} ${p}: not a directory`;
      default:
        return null;
    }
  }
  return null;
}
