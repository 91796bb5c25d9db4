/**
 * Path resolution in the virtual filesystem as the kernel does it inside an image's root: symlinks
 * followed (absolute targets from the root, `..` never above it, at most 40 links). Browser-safe.
 *
 * @module
 */
import type { DirNode, Lookup, VfsNode } from "./node.js";

const MAX_SYMLINKS = 40;

/**
 * @internal Resolves components from a root directory (see `Vfs.lookup`); the last one is
 * followed only when `followLast`.
 */
export function lookupFrom(root: DirNode, want: readonly string[], followLast: boolean): Lookup {
  return new Walk(root).resolve(want, followLast);
}

/** One {@link Walk.advance}: where it ended (the components are the walk's). */
export type Step =
  | { readonly kind: "found"; readonly node: VfsNode; readonly comp: string; /** Whether the walk went into it (a directory). */ readonly entered: boolean }
  | { readonly kind: "root" }
  | { readonly kind: "missing"; readonly comp: string; readonly why: "missing" | "maybe" | "not-dir"; readonly rest: readonly string[] };

/**
 * @internal A path resolution that can go on: {@link Walk.advance} follows components from where
 * the last call ended (the directories passed through kept as a stack), so a caller resolving a
 * path one component at a time (`Vfs.mkdirAll`) walks it once.
 */
export class Walk {
  private readonly done: string[] = [];
  private readonly stack: DirNode[];
  private links = 0;

  constructor(root: DirNode) {
    this.stack = [root];
  }

  /** The directory the walk is in. */
  get top(): DirNode {
    return this.stack[this.stack.length - 1]!;
  }

  /** The resolved components so far. */
  parts(): string[] {
    return [...this.done];
  }

  /** Restarts at resolved components of a (changed) tree: every one must be a directory. */
  rebase(root: DirNode, parts: readonly string[]): void {
    this.stack.length = 0;
    this.stack.push(root);
    this.done.length = 0;
    let dir = root;
    for (const p of parts) {
      const next = dir.children.get(p);
      if (next === undefined || next.type !== "dir") throw new Error(`Walk.rebase: /${parts.join("/")} is not a directory`);
      this.done.push(p);
      this.stack.push(next);
      dir = next;
    }
  }

  /**
   * Resolves `want` from where the walk is. When found, the walk ends in the node if it is a
   * directory (else where it was); when not, it stays in the last directory it reached.
   */
  resolve(want: readonly string[], followLast: boolean): Lookup {
    const r = this.advance(want, followLast);
    switch (r.kind) {
      case "found":
        return { found: true, node: r.node, parts: r.entered ? [...this.done] : [...this.done, r.comp] };
      case "root":
        return { found: true, node: this.top, parts: [...this.done] };
      case "missing":
        return { found: false, parts: [...this.done, r.comp], why: r.why, rest: r.rest };
      default: {
        const never: never = r;
        return never;
      }
    }
  }

  /**
   * {@link Walk.resolve} without making the components' array (callers that go on walking read
   * {@link Walk.parts} only when they need it: a path of depth d then costs O(d), not O(d²)).
   */
  advance(want: readonly string[], followLast: boolean): Step {
    const { done, stack } = this;
    const pending = [...want].reverse();
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
      if (node === undefined) return { kind: "missing", comp, why: dir.complete ? "missing" : "maybe", rest: [...pending].reverse() };
      const last = pending.length === 0;
      if (node.type === "symlink" && (!last || followLast)) {
        if (++this.links > MAX_SYMLINKS) return { kind: "missing", comp, why: "not-dir", rest: [] };
        if (node.target.startsWith("/")) {
          done.length = 0;
          stack.length = 1;
        }
        const target = node.target.split("/").filter((p) => p !== "");
        for (let k = target.length - 1; k >= 0; k--) pending.push(target[k]!);
        continue;
      }
      if (last) {
        if (node.type !== "dir") return { kind: "found", node, comp, entered: false };
        done.push(comp);
        stack.push(node);
        return { kind: "found", node, comp, entered: true };
      }
      if (node.type === "unknown") return { kind: "missing", comp, why: "maybe", rest: [...pending].reverse() };
      if (node.type !== "dir") return { kind: "missing", comp, why: "not-dir", rest: [...pending].reverse() };
      done.push(comp);
      stack.push(node);
    }
    return { kind: "root" };
  }
}
