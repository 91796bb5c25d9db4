/**
 * The nodes of the virtual filesystem (files, directories, symlinks, and nodes of unknown type),
 * the answer of a path lookup, and path components. Browser-safe.
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

function sameBytes(a: Uint8Array | null, b: Uint8Array | null): boolean {
  if (a === b) return true;
  if (a === null || b === null || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * @internal Whether writing `next` over `prev` changes nothing a layer diff would see.
 */
export function sameNode(prev: VfsNode | undefined, next: VfsNode): boolean {
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
