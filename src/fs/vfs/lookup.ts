/**
 * Path resolution in the virtual filesystem as the kernel does it inside an image's root: symlinks
 * followed (absolute targets from the root, `..` never above it, at most 40 links). Browser-safe.
 *
 * @module
 */
import type { DirNode, Lookup } from "./node.js";

const MAX_SYMLINKS = 40;

/**
 * @internal Resolves components from a root directory (see `Vfs.lookup`); the last one is
 * followed only when `followLast`.
 */
export function lookupFrom(root: DirNode, want: readonly string[], followLast: boolean): Lookup {
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
