/**
 * What the simulator may be told about an external image's files: some of them (say `/etc/passwd`
 * and `/etc/group`, for `COPY --chown=name` and `USER name`), or all of them (a `docker export`
 * listing). Browser-safe.
 *
 * @module
 */
import { markImageNode, pathParts, Vfs, type VfsNode } from "../fs/vfs/tree.js";
import type { BaseImage } from "./base-image.js";

export type { ImageFileEntry, ImageFiles } from "./base-image.js";

const encoder = new TextEncoder();

/**
 * Whether a stage `FROM` this image has a root filesystem snapshot (user names resolve): every
 * image does but a known one without layers, which is like `FROM scratch`, unless only some of its
 * files were supplied (then whether it has layers decides nothing the simulator shows).
 *
 * @example
 * ```ts
 * imageHasRootfs({ ...SCRATCH, ref: "docker.io/library/app:1", layers: 3 }); // true
 * ```
 */
export function imageHasRootfs(image: BaseImage): boolean {
  if (image.files === undefined) return !(image.known && image.layers === 0);
  return !image.files.complete || image.layers !== 0;
}

/**
 * The filesystem a stage starts from when it is `FROM` this image: the supplied files (in a
 * tree marked incomplete unless they are all of them), an empty tree for a known image without
 * layers, or an unknown tree.
 *
 * @example
 * ```ts
 * const image = { ...SCRATCH, ref: "docker.io/library/app:1", layers: 3,
 *   files: { complete: false, entries: { "/etc/passwd": { type: "file", content: "root:x:0:0::/root:/bin/sh\n" } } } };
 * imageFiles(image).lookup("/etc/passwd", true).found; // true
 * ```
 */
export function imageFiles(image: BaseImage): Vfs {
  if (image.files === undefined) {
    if (image.known && image.layers === 0) return Vfs.empty();
    return Vfs.unknown(image.known ? `the files of image ${image.ref} were not supplied to the simulator` : `image ${image.ref} is unknown to the simulator`);
  }
  const fs = image.files.complete ? Vfs.empty() : Vfs.unknown(`only some files of image ${image.ref} were supplied to the simulator`);
  const paths = Object.keys(image.files.entries).sort((a, b) => pathParts(a).length - pathParts(b).length);
  for (const path of paths) {
    const e = image.files.entries[path]!;
    const parts = pathParts(path);
    if (parts.length === 0) continue;
    if (e.type === "absent") {
      fs.markAbsent(path);
      continue;
    }
    const parent = fs.mkdirAll(parts.slice(0, -1), () => ({ mode: 0o755, uid: 0, gid: 0 }));
    if (!parent.ok) continue;
    const at = [...parent.parts, parts[parts.length - 1]!];
    const uid = e.uid ?? 0;
    const gid = e.gid ?? 0;
    let node: VfsNode;
    switch (e.type) {
      case "file": {
        const content = e.content === undefined ? null : typeof e.content === "string" ? encoder.encode(e.content) : e.content;
        node = { type: "file", mode: e.mode ?? 0o644, uid, gid, size: content?.length ?? e.size ?? null, content };
        break;
      }
      case "dir":
        fs.mkdirAll(at, () => ({ mode: e.mode ?? 0o755, uid, gid }));
        fs.updateDir(at, { mode: e.mode ?? 0o755, uid, gid });
        continue;
      case "symlink":
        node = { type: "symlink", mode: 0o777, uid, gid, target: e.target };
        break;
      default: {
        const never: never = e;
        return never;
      }
    }
    markImageNode(node);
    fs.put(at, node);
  }
  return fs;
}
