/**
 * A stage's virtual filesystem: a tree of files, directories and symlinks with the metadata
 * `docker export` shows (permission bits, owner, size, content hash, link target).
 *
 * Trees are shared between stages copy-on-write: {@link Vfs.fork} gives `FROM <stage>` its own
 * handle in O(1), and the first change below a shared directory copies just the directories on
 * that path. Within one stage, changes are made in place, so copying n files costs O(n).
 *
 * What the simulator cannot know is marked, never guessed: a directory whose listing may be
 * incomplete (`complete: false`: an external base image's files), a node whose metadata is an
 * assumption (`unknown`), a node of unknown type ({@link UnknownNode}), and the RUN instructions
 * that may have changed anything ({@link Vfs.opaque}). Browser-safe.
 *
 * @module
 */
import { lookupFrom, Walk } from "./lookup.js";
import { partsPath, pathParts, sameNode, type DirNode, type Lookup, type VfsNode } from "./node.js";

export { partsPath, pathParts } from "./node.js";
export type { DirNode, FileNode, Lookup, SymlinkNode, UnknownNode, VfsNode } from "./node.js";

/**
 * A stage's filesystem. Each handle owns the directories it created or copied; {@link fork}
 * hands out a new handle that shares everything until either side changes it.
 *
 * @example
 * ```ts
 * const fs = Vfs.empty();
 * fs.mkdirAll(["app"], () => ({ mode: 0o755, uid: 0, gid: 0 }));
 * fs.put(["app", "main.sh"], { type: "file", mode: 0o755, uid: 0, gid: 0, size: 3, content: new TextEncoder().encode("hi\n") });
 * fs.lookup("/app/main.sh", true).found; // true
 * ```
 */
export class Vfs {
  private token: object = {};
  private rootNode: DirNode;
  private readonly opaqueReasons: string[];
  private changes = 0;
  private imageRewrites = 0;
  /** Paths known not to exist though their directory's listing is incomplete (supplied image facts). */
  private absent: ReadonlySet<string>;

  private constructor(root: DirNode, opaque: readonly string[], absent: ReadonlySet<string> = new Set()) {
    this.rootNode = root;
    this.opaqueReasons = [...opaque];
    this.absent = absent;
  }

  /** Records that a path does not exist (in an image whose other files are unknown). */
  markAbsent(path: string): void {
    this.absent = new Set([...this.absent, partsPath(pathParts(path))]);
  }

  /** The filesystem of `FROM scratch`: an empty root directory 0755 owned by 0:0. */
  static empty(): Vfs {
    const fs = new Vfs({ type: "dir", mode: 0o755, uid: 0, gid: 0, children: new Map(), complete: true, owner: {} }, []);
    fs.rootNode.owner = fs.token;
    return fs;
  }

  /** The filesystem of an image whose files the simulator does not have: an incomplete root. */
  static unknown(reason: string): Vfs {
    const fs = new Vfs({ type: "dir", mode: 0o755, uid: 0, gid: 0, children: new Map(), complete: false, unknown: reason, owner: {} }, []);
    fs.rootNode.owner = fs.token;
    return fs;
  }

  /** The root directory. */
  get root(): DirNode {
    return this.rootNode;
  }

  /** Why the tree may differ from what it shows (each RUN that ran, in order). */
  get opaque(): readonly string[] {
    return this.opaqueReasons;
  }

  /**
   * How many changes this handle has made (a node put where an equal one was not, a directory
   * created or re-stamped, an entry removed): compare before and after an instruction to tell
   * whether its diff is empty (the classic builder then adds no layer).
   */
  get changeCount(): number {
    return this.changes;
  }

  /**
   * How many times this handle wrote a file or symlink equal to one an external image supplied
   * ({@link markImageNode}): the bytes are the same, but the new file's modification time is its
   * source's and the image's is unknown, so whether a layer diff sees the write is unknown too (the
   * classic builder adds a layer for it or not; verified on 28.5 that it does when the times differ).
   */
  get imageRewriteCount(): number {
    return this.imageRewrites;
  }

  /** Records that something (a RUN) may have changed any file; the tree keeps what it knows. */
  markOpaque(reason: string): void {
    this.opaqueReasons.push(reason);
  }

  /**
   * A new handle on the same tree (for `FROM <stage>`, or to keep a snapshot). Both handles then
   * copy a shared directory before changing it, so neither sees the other's later changes.
   */
  fork(): Vfs {
    this.token = {};
    return new Vfs(this.rootNode, this.opaqueReasons, this.absent);
  }

  /**
   * Resolves a path as the kernel does inside the image's root: symlinks in intermediate
   * components are followed (absolute targets from the root, `..` never above it), the last one
   * only when `followLast`.
   */
  lookup(path: string, followLast: boolean): Lookup {
    const r = lookupFrom(this.rootNode, pathParts(path), followLast);
    if (!r.found && r.why === "maybe" && this.absent.size > 0 && (this.absent.has(partsPath(r.parts)) || this.absent.has(partsPath([...r.parts, ...r.rest])))) return { ...r, why: "missing" };
    return r;
  }

  /** The node at already-resolved components (no symlink following), or undefined. */
  nodeAt(parts: readonly string[]): VfsNode | undefined {
    let node: VfsNode = this.rootNode;
    for (const p of parts) {
      if (node.type !== "dir") return undefined;
      const next: VfsNode | undefined = node.children.get(p);
      if (next === undefined) return undefined;
      node = next;
    }
    return node;
  }

  /**
   * The directory at resolved components, made changeable by this handle (shared directories on the
   * path are copied first). Undefined when a component is missing or not a directory.
   */
  private writableDir(parts: readonly string[]): DirNode | undefined {
    if (this.rootNode.owner !== this.token) this.rootNode = this.own(this.rootNode);
    let dir = this.rootNode;
    for (const p of parts) {
      const next = dir.children.get(p);
      if (next === undefined || next.type !== "dir") return undefined;
      if (next.owner === this.token) {
        dir = next;
        continue;
      }
      const mine = this.own(next);
      dir.children.set(p, mine);
      dir = mine;
    }
    return dir;
  }

  private own(dir: DirNode): DirNode {
    return { ...dir, children: new Map(dir.children), owner: this.token };
  }

  /**
   * Puts a node at resolved components, whose parent must be a directory (returns false
   * otherwise). A directory node given here is adopted: its own children are shared, not copied.
   */
  put(parts: readonly string[], node: VfsNode): boolean {
    if (parts.length === 0) {
      if (node.type !== "dir") return false;
      this.rootNode = { ...node, children: new Map(node.children), owner: this.token };
      this.changes++;
      return true;
    }
    const parent = this.writableDir(parts.slice(0, -1));
    if (parent === undefined) return false;
    const name = parts[parts.length - 1]!;
    const prev = parent.children.get(name);
    if (!sameNode(prev, node)) this.changes++;
    else if (prev !== undefined && prev !== node && IMAGE_NODES.has(prev)) this.imageRewrites++;
    parent.children.set(name, node);
    return true;
  }

  /** Changes the metadata of the directory at resolved components (its entries stay). */
  updateDir(parts: readonly string[], meta: Partial<Pick<DirNode, "mode" | "uid" | "gid" | "unknown">>): boolean {
    const dir = this.writableDir(parts);
    if (dir === undefined) return false;
    if ((Object.keys(meta) as (keyof typeof meta)[]).some((k) => dir[k] !== meta[k])) this.changes++;
    Object.assign(dir, meta);
    return true;
  }

  /** Removes the entry at resolved components. */
  remove(parts: readonly string[]): void {
    if (parts.length === 0) return;
    const parent = this.writableDir(parts.slice(0, -1));
    if (parent?.children.delete(parts[parts.length - 1]!) === true) this.changes++;
  }

  /**
   * Creates the directories of `parts` that are missing (symlinks among existing components are
   * followed), each with `meta(isLast, parent)` (`parent`: the directory it is made in, when known). A directory created below an incomplete one is itself
   * incomplete (it may have existed, with entries, in the base image), and says so. Returns the resolved components of the directory, or the
   * components of the first one that exists but is not a directory.
   */
  mkdirAll(
    parts: readonly string[],
    meta: (isLast: boolean, parent: DirNode | undefined) => { mode: number; uid: number; gid: number },
  ): { ok: true; parts: readonly string[]; created: number } | { ok: false; notDir: readonly string[] } {
    // One walk down the path: each component is resolved from where the previous one ended, so a
    // path of depth d costs O(d), not O(d²) (2,000 relative WORKDIRs were cubic).
    const walk = new Walk(this.rootNode);
    let created = 0;
    // Components still to make, last first (a dangling symlink's target components join them).
    const queue = [...parts].reverse();
    while (queue.length > 0) {
      const r = walk.advance([queue.pop()!], true);
      let at: readonly string[];
      if (r.kind === "root") continue;
      if (r.kind === "found") {
        // A node of unknown type is taken as the directory the path needs (and made one when the
        // path goes on below it).
        if (r.node.type === "dir" || (r.node.type === "unknown" && queue.length === 0)) continue;
        at = [...walk.parts(), r.comp];
        if (r.node.type !== "unknown") return { ok: false, notDir: at };
      } else {
        if (r.why === "not-dir") return { ok: false, notDir: walk.parts() };
        at = [...walk.parts(), r.comp];
        for (let k = r.rest.length - 1; k >= 0; k--) queue.push(r.rest[k]!);
      }
      const parent = walk.top;
      const complete = parent.complete;
      const m = meta(queue.length === 0, parent);
      const dir: DirNode = {
        type: "dir", ...m, children: new Map(), complete, owner: this.token,
        ...(complete ? {} : { unknown: `the simulator assumed ${partsPath(at)} did not exist in the base image` }),
      };
      this.put(at, dir);
      // put() may have copied the shared directories on the path: walk on from the tree as it is now.
      walk.rebase(this.rootNode, at);
      created++;
    }
    const resolved = walk.parts();
    return { ok: true, parts: resolved, created };
  }
}

/** Nodes an external image supplied (see {@link Vfs.imageRewriteCount}). */
const IMAGE_NODES = new WeakSet<VfsNode>();

/** Marks a node as one an external image supplied (its file times are the image's, unknown to the simulator). */
export function markImageNode(node: VfsNode): void {
  IMAGE_NODES.add(node);
}

/**
 * The components of the path a scoped resolution fails to `lstat` when a proper prefix of `path`
 * (symlinks followed) is an existing non-directory: that non-directory and the next component
 * (`/sub/dir` for `/sub/dir/x` where `/sub` is a file). Null when no such prefix exists (the path
 * itself may still be the non-directory). Both builders resolve a destination in the rootfs this
 * way before writing — BuildKit with `continuity/fs.RootPath` (each component `Lstat`ed, error
 * path made relative to the root), the classic builder with moby `symlink.FollowSymlinkInScope` —
 * so `WORKDIR /sub/dir` and `ADD t.tar /sub/dir` fail with `lstat /sub/dir: not a directory`
 * (verified on 28.5: gen-wd-under-file, gen-add-tar-dest-under-file).
 */
export function lstatBelowNonDir(fs: Vfs, path: string): readonly string[] | null {
  return belowNonDir(fs.lookup(path, true));
}

/** {@link lstatBelowNonDir} from a lookup already made (`fs.lookup(path, true)`). */
export function belowNonDir(r: Lookup): readonly string[] | null {
  if (r.found || r.why !== "not-dir" || r.rest.length === 0) return null;
  return [...r.parts, r.rest[0]!];
}
