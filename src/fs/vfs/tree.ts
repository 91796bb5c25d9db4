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
import { goClean } from "../../docker/go-path.js";

/** Metadata every known node has. */
interface NodeMeta {
  /** Permission bits with setuid, setgid and sticky (`mode & 0o7777`), as `docker export` shows them. */
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  /** Set when the simulator cannot vouch for this node's metadata or content: why. */
  readonly unknown?: string;
}

/** A regular file. */
export interface FileNode extends NodeMeta {
  readonly type: "file";
  /** Size in bytes, or null when unknown (a URL that was not fetched, a file of an unknown image). */
  readonly size: number | null;
  /** The content, when the simulator has it (context files, extracted archives). */
  readonly content: Uint8Array | null;
}

/** A directory. */
export interface DirNode extends NodeMeta {
  readonly type: "dir";
  /** Entries by name. Mutated only through a {@link Vfs} that owns this directory. */
  readonly children: Map<string, VfsNode>;
  /** False when entries the simulator does not know may exist here (an external base image's files). */
  readonly complete: boolean;
  /** @internal The {@link Vfs} handle that may change this directory in place. */
  owner: object;
}

/** A symbolic link. */
export interface SymlinkNode extends NodeMeta {
  readonly type: "symlink";
  readonly target: string;
}

/** Something exists at this path, but the simulator knows nothing of it, its type included. */
export interface UnknownNode {
  readonly type: "unknown";
  /** Why it is unknown. */
  readonly reason: string;
}

/** A node of the virtual filesystem. */
export type VfsNode = FileNode | DirNode | SymlinkNode | UnknownNode;

/** Where a path lookup ended. */
export type Lookup =
  | {
      readonly found: true;
      readonly node: VfsNode;
      /** The components of the resolved path (symlinks followed). */
      readonly parts: readonly string[];
    }
  | {
      readonly found: false;
      /** The resolved components up to and including the first missing one. */
      readonly parts: readonly string[];
      /**
       * `missing`: absent from a directory the simulator knows completely. `maybe`: absent from an
       * incomplete directory, or below an unknown node. `not-dir`: a component is not a directory
       * (or symlinks loop).
       */
      readonly why: "missing" | "maybe" | "not-dir";
      /** The components still to resolve after the missing one (with `parts`, the whole path a create would make). */
      readonly rest: readonly string[];
    };

/** Splits a path into cleaned components, resolving `.` and `..` lexically (`/` gives `[]`). */
export function pathParts(path: string): string[] {
  const clean = goClean("/" + path);
  return clean === "/" ? [] : clean.slice(1).split("/");
}

/** Joins components into an absolute path. */
export function partsPath(parts: readonly string[]): string {
  return "/" + parts.join("/");
}

const MAX_SYMLINKS = 40;

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
  /**
   * Whether the stage has a root filesystem snapshot. BuildKit's `FROM scratch` has none until an
   * instruction writes files; a `--chown` or `USER` name cannot be looked up before that
   * (`invalid user index: -1`).
   */
  rootfs: boolean;
  /** Paths known not to exist though their directory's listing is incomplete (supplied image facts). */
  private absent: ReadonlySet<string>;
  /**
   * How this filesystem state was made: the base, then each filesystem step (as BuildKit's LLB
   * would describe it), newline-separated. Two stages with equal lineages are one LLB vertex to
   * BuildKit, which merges identical vertices (see {@link Vfs.noteStep}).
   */
  lineage = "";
  /**
   * Set when an instruction failed while executing on this filesystem (a real build stops there,
   * so what the simulator shows after it is not what a build would have): the engine's message.
   */
  execFailure: string | null = null;

  private constructor(root: DirNode, opaque: readonly string[], rootfs: boolean, absent: ReadonlySet<string> = new Set()) {
    this.rootNode = root;
    this.opaqueReasons = [...opaque];
    this.rootfs = rootfs;
    this.absent = absent;
  }

  /** Records that a path does not exist (in an image whose other files are unknown). */
  markAbsent(path: string): void {
    this.absent = new Set([...this.absent, partsPath(pathParts(path))]);
  }

  /** The filesystem of `FROM scratch`: an empty root directory 0755 owned by 0:0. */
  static empty(): Vfs {
    const fs = new Vfs({ type: "dir", mode: 0o755, uid: 0, gid: 0, children: new Map(), complete: true, owner: {} }, [], false);
    fs.rootNode.owner = fs.token;
    return fs;
  }

  /** The filesystem of an image whose files the simulator does not have: an incomplete root. */
  static unknown(reason: string): Vfs {
    const fs = new Vfs({ type: "dir", mode: 0o755, uid: 0, gid: 0, children: new Map(), complete: false, unknown: reason, owner: {} }, [], true);
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

  /** Records that something (a RUN) may have changed any file; the tree keeps what it knows. */
  markOpaque(reason: string): void {
    this.opaqueReasons.push(reason);
    this.noteStep(`opaque ${reason}`);
  }

  /** Appends a filesystem step to {@link lineage}. */
  noteStep(step: string): void {
    this.lineage += `\n${step}`;
  }

  /**
   * A new handle on the same tree (for `FROM <stage>`, or to keep a snapshot). Both handles then
   * copy a shared directory before changing it, so neither sees the other's later changes.
   */
  fork(): Vfs {
    this.token = {};
    const copy = new Vfs(this.rootNode, this.opaqueReasons, this.rootfs, this.absent);
    copy.lineage = this.lineage;
    copy.execFailure = this.execFailure;
    return copy;
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
    if (!sameNode(parent.children.get(name), node)) this.changes++;
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
   * followed), each with `meta(isLast)`. A directory created below an incomplete one is itself
   * incomplete (it may have existed, with entries, in the base image), and says so. Returns the resolved components of the directory, or the
   * components of the first one that exists but is not a directory.
   */
  mkdirAll(
    parts: readonly string[],
    meta: (isLast: boolean) => { mode: number; uid: number; gid: number },
  ): { ok: true; parts: readonly string[]; created: number } | { ok: false; notDir: readonly string[] } {
    let resolved: readonly string[] = [];
    let created = 0;
    for (let i = 0; i < parts.length; i++) {
      const r = lookupFrom(this.rootNode, [...resolved, parts[i]!], true);
      if (r.found) {
        if (r.node.type === "dir" || r.node.type === "unknown") {
          resolved = r.parts;
          continue;
        }
        return { ok: false, notDir: r.parts };
      }
      if (r.why === "not-dir") return { ok: false, notDir: r.parts.slice(0, -1) };
      const parent = this.nodeAt(r.parts.slice(0, -1));
      const complete = parent?.type === "dir" ? parent.complete : false;
      const m = meta(i === parts.length - 1);
      const dir: DirNode = {
        type: "dir", ...m, children: new Map(), complete, owner: this.token,
        ...(complete ? {} : { unknown: `the simulator assumed ${partsPath(r.parts)} did not exist in the base image` }),
      };
      this.put(r.parts, dir);
      resolved = r.parts;
      created++;
    }
    return { ok: true, parts: resolved, created };
  }
}

function sameBytes(a: Uint8Array | null, b: Uint8Array | null): boolean {
  if (a === b) return true;
  if (a === null || b === null || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Whether writing `next` over `prev` changes nothing a layer diff would see. */
function sameNode(prev: VfsNode | undefined, next: VfsNode): boolean {
  if (prev === next) return true;
  if (prev === undefined || prev.type !== next.type || prev.type === "unknown" || next.type === "unknown") return false;
  if (prev.mode !== next.mode || prev.uid !== next.uid || prev.gid !== next.gid) return false;
  switch (next.type) {
    case "file":
      return prev.type === "file" && prev.size === next.size && prev.content !== null && sameBytes(prev.content, next.content);
    case "symlink":
      return prev.type === "symlink" && prev.target === next.target;
    case "dir":
      return false;
    default: {
      const never: never = next;
      return never;
    }
  }
}

function lookupFrom(root: DirNode, want: readonly string[], followLast: boolean): Lookup {
  const pending = [...want].reverse();
  const done: string[] = [];
  const stack: DirNode[] = [root];
  let links = 0;
  while (pending.length > 0) {
    const comp = pending.pop()!;
    if (comp === "." || comp === "") continue;
    if (comp === "..") {
      if (done.length > 0) {
        done.pop();
        stack.pop();
      }
      continue;
    }
    const dir = stack[stack.length - 1]!;
    const node = dir.children.get(comp);
    if (node === undefined) return { found: false, parts: [...done, comp], why: dir.complete ? "missing" : "maybe", rest: [...pending].reverse() };
    const last = pending.length === 0;
    if (node.type === "symlink" && (!last || followLast)) {
      if (++links > MAX_SYMLINKS) return { found: false, parts: [...done, comp], why: "not-dir", rest: [] };
      if (node.target.startsWith("/")) {
        done.length = 0;
        stack.length = 1;
      }
      const target = node.target.split("/").filter((p) => p !== "");
      for (let k = target.length - 1; k >= 0; k--) pending.push(target[k]!);
      continue;
    }
    if (last) return { found: true, node, parts: [...done, comp] };
    if (node.type === "unknown") return { found: false, parts: [...done, comp], why: "maybe", rest: [...pending].reverse() };
    if (node.type !== "dir") return { found: false, parts: [...done, comp], why: "not-dir", rest: [...pending].reverse() };
    done.push(comp);
    stack.push(node);
  }
  return { found: true, node: stack[stack.length - 1]!, parts: done };
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
  const r = fs.lookup(path, true);
  if (r.found || r.why !== "not-dir" || r.rest.length === 0) return null;
  return [...r.parts, r.rest[0]!];
}
