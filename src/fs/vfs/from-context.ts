/**
 * Build-context entries as virtual filesystem nodes: what COPY and ADD read from the context. The
 * client sends every entry owned by 0:0 with its permission bits (both builders of Docker 28.5),
 * so that is what the nodes carry. Browser-safe.
 *
 * @module
 */
import type { BuildContext, ContextEntry } from "../context-types.js";
import type { DirNode, VfsNode } from "./tree.js";

/** Owner token of nodes built here: no {@link Vfs} owns them, so any change copies them first. */
const DETACHED = {};

/**
 * One context entry as a node; a directory comes with everything under it that `.dockerignore`
 * lets through (symlinks are kept as links, never followed).
 *
 * @example
 * ```ts
 * const ctx = memoryContext({ "app/run.sh": { content: "echo hi\n", mode: 0o755 } });
 * contextNode(ctx, ctx.get("app")!); // { type: "dir", mode: 0o755, … children: Map { "run.sh" → file 0o755 } }
 * ```
 */
export function contextNode(context: BuildContext, entry: ContextEntry): VfsNode {
  switch (entry.type) {
    case "file":
      return { type: "file", mode: entry.mode & 0o7777, uid: 0, gid: 0, size: entry.size, content: entry.content };
    case "symlink":
      return { type: "symlink", mode: 0o777, uid: 0, gid: 0, target: entry.target };
    case "dir": {
      const children = new Map<string, VfsNode>();
      for (const c of context.list(entry.path)) children.set(c.path.slice(c.path.lastIndexOf("/") + 1), contextNode(context, c));
      const dir: DirNode = { type: "dir", mode: entry.mode & 0o7777, uid: 0, gid: 0, children, complete: true, owner: DETACHED };
      return dir;
    }
    default: {
      const never: never = entry;
      return never;
    }
  }
}
