/**
 * The entries at and under a path of a virtual filesystem, as `docker export` of the image would
 * list them: `{ path, type, mode, uid, gid, size, sha256, target }`, depth first in name order.
 * Browser-safe.
 *
 * @module
 */
import { compareGoStrings } from "../../docker/utf8.js";
import { fileSha256 } from "./content-hash.js";
import { partsPath, pathParts, type Vfs, type VfsNode } from "./tree.js";

/** One entry as `docker export` lists it (the shape of the CLI's `--files` output). */
export type FileEntry =
  | {
      readonly path: string;
      readonly type: "file";
      /** Permission bits (with setuid, setgid, sticky). */
      readonly mode: number;
      readonly uid: number;
      readonly gid: number;
      /** Bytes, or null when unknown. */
      readonly size: number | null;
      /** Hex SHA-256 of the content, or null when unknown. */
      readonly sha256: string | null;
      /** A hard link: the path listed first for the same file (as `docker export` writes it). */
      readonly hardlink?: string;
      /** Why this entry's metadata or content is not certain. */
      readonly unknown?: string;
    }
  | {
      readonly path: string;
      readonly type: "dir";
      readonly mode: number;
      readonly uid: number;
      readonly gid: number;
      /** False when the directory may hold entries the simulator does not know. */
      readonly complete: boolean;
      readonly unknown?: string;
    }
  | {
      readonly path: string;
      readonly type: "symlink";
      readonly mode: number;
      readonly uid: number;
      readonly gid: number;
      readonly target: string;
      readonly unknown?: string;
    }
  | { readonly path: string; readonly type: "unknown"; readonly reason: string };

/** What {@link listFiles} found. */
export interface FileListing {
  /**
   * The entries at and under the path: empty when it certainly does not exist, one entry of type
   * `unknown` when it may exist unseen (`missing: "maybe"`), never `[]` for what is not known.
   */
  readonly entries: readonly FileEntry[];
  /** `no`: the path exists; `missing`: it certainly does not; `maybe`: it may exist unseen (unknown base image files). */
  readonly missing: "no" | "missing" | "maybe";
  /** Why the listing may be incomplete or stale (RUN instructions that ran, unknown base image files). */
  readonly uncertain: readonly string[];
}

/**
 * Lists the entries at and under `path` (intermediate symlinks followed; a symlink at `path` is
 * listed as itself), with resolved paths.
 *
 * @example
 * ```ts
 * const fs = Vfs.empty();
 * fs.mkdirAll(["app"], () => ({ mode: 0o755, uid: 0, gid: 0 }));
 * listFiles(fs, "/app").entries; // [{ path: "/app", type: "dir", mode: 493, uid: 0, gid: 0, complete: true }]
 * ```
 */
export function listFiles(fs: Vfs, path: string): FileListing {
  const uncertain = [...fs.opaque];
  if (!fs.root.complete && fs.root.unknown !== undefined) uncertain.unshift(fs.root.unknown);
  const r = fs.lookup(path, false);
  if (!r.found) {
    if (r.why !== "maybe" && fs.opaque.length === 0) return { entries: [], missing: "missing", uncertain };
    // Never "absent" when the simulator does not know: the path is listed as unknown, with why.
    const why = r.why === "maybe" ? (uncertain[0] ?? "the base image's files are unknown to the simulator") : `a RUN may have created it (${fs.opaque[0]!})`;
    return { entries: [{ path: partsPath(pathParts(path)), type: "unknown", reason: `${partsPath(pathParts(path))} may exist: ${why}` }], missing: "maybe", uncertain };
  }
  const out: FileEntry[] = [];
  const firstPath = new Map<VfsNode, string>();
  const visit = (node: VfsNode, p: string): void => {
    if (node.type === "unknown") {
      out.push({ path: p, type: "unknown", reason: node.reason });
      return;
    }
    const extra = node.unknown === undefined ? {} : { unknown: node.unknown };
    switch (node.type) {
      case "file": {
        // The same node at two paths is a hard link (ADD of an archive with one).
        const first = firstPath.get(node);
        if (first === undefined) firstPath.set(node, p);
        out.push({ path: p, type: "file", mode: node.mode, uid: node.uid, gid: node.gid, size: node.size, sha256: fileSha256(node), ...(first === undefined ? {} : { hardlink: first }), ...extra });
        return;
      }
      case "symlink":
        out.push({ path: p, type: "symlink", mode: node.mode, uid: node.uid, gid: node.gid, target: node.target, ...extra });
        return;
      case "dir":
        out.push({ path: p, type: "dir", mode: node.mode, uid: node.uid, gid: node.gid, complete: node.complete, ...extra });
        for (const name of [...node.children.keys()].sort(compareGoStrings)) visit(node.children.get(name)!, p === "/" ? `/${name}` : `${p}/${name}`);
        return;
      default: {
        const never: never = node;
        throw new Error(`unexpected node ${JSON.stringify(never)}`);
      }
    }
  };
  visit(r.node, partsPath(r.parts));
  return { entries: out, missing: "no", uncertain };
}
