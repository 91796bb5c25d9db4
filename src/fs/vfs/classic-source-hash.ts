/**
 * The classic builder's source hashes, as Docker 28.5 writes them into COPY/ADD history
 * (`COPY file:<hash> in <dest> `). Browser-safe.
 *
 * The daemon receives the context as a tar stream and keeps a tarsum v1 per entry (moby v28.5.2
 * `builder/remotecontext/tarsum.go` and `pkg/tarsum`): the SHA-256 of the header fields `name mode
 * uid gid size typeflag linkname uname gname devmajor devminor` (each written as key then value;
 * `uname`/`gname` blanked; no mtime) followed by the content. The CLI writes each header with the
 * context-relative path (`dir/` for directories), the permission bits as the mode, and owner 0:0.
 * Then (`builder/dockerfile/copy.go`): a file source is `file:<sum>` (the sum of what a symlink
 * points to), a directory `dir:` + SHA-256 of the sorted sums of everything under it, itself
 * included, joined by `,`; several sources give `multi:` + SHA-256 of their hashes joined by `,`.
 *
 * @module
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import type { BuildContext, ContextEntry } from "../context-types.js";
import { resolveContextPath } from "../context/context-path.js";
import { sha256HexOfText } from "./content-hash.js";
import type { DirNode, Vfs, VfsNode } from "./tree.js";

const encoder = new TextEncoder();

/** Tarsum v1 of one context entry, as the daemon computes it from the CLI's tar header. */
export function entryTarsum(entry: ContextEntry): string {
  const name = entry.type === "dir" ? `${entry.path}/` : entry.path;
  const size = entry.type === "file" ? entry.size : 0;
  const flag = entry.type === "file" ? "0" : entry.type === "dir" ? "5" : "2";
  const link = entry.type === "symlink" ? entry.target : "";
  const h = sha256.create().update(encoder.encode(`name${name}mode${entry.mode & 0o7777}uid0gid0size${size}typeflag${flag}linkname${link}unamegnamedevmajor0devminor0`));
  if (entry.type === "file") h.update(entry.content);
  return bytesToHex(h.digest());
}

/**
 * The daemon's `Hash(path)` (moby `builder/remotecontext/archive.go`): the sum of the entry the path
 * resolves to (symlinks followed inside the context); the path itself when the tarball had no
 * such entry (a directory sent only as the parent of re-included entries).
 */
function contextHash(context: BuildContext, path: string, resolve: (p: string) => string): string | null {
  // `Hash` resolves with `FollowSymlinkInScope`, which fails on a symlink loop or a path through
  // a file (ENOTDIR from its `Lstat`): `walkSource` then leaves the entry out of a `dir:` hash
  // (moby v28.5.2 `builder/dockerfile/copy.go` `walkSource`: `if err != nil { return nil }`). A link
  // to the context root resolves to `.`, which has no tarsum: the path itself is hashed (verified on
  // 28.5: gen-link-loop-in-dir, gen-link-through-file-in-dir, gen-link-to-root-in-dir).
  const how = resolveContextPath(context, path);
  if (!how.ok && how.why !== "missing") return null;
  const resolved = resolve(path);
  if (resolved === "") return path;
  const e = context.get(resolved);
  return e === undefined || context.inTarball?.(resolved) === false ? path : entryTarsum(e);
}

/**
 * `file:<sum>` for a file source, `dir:<sum>` for a directory source (walked as `filepath.WalkDir`
 * does: symlinks are not entered).
 *
 * @example
 * ```ts
 * classicSourceHash(ctx, "app.sh", (p) => resolveInContext(ctx, p)); // "file:3b1f…"
 * ```
 */
export function classicSourceHash(context: BuildContext, path: string, resolve: (p: string) => string): string {
  const resolved = resolve(path);
  const e = context.get(resolved);
  if (e !== undefined && e.type !== "dir") return `file:${contextHash(context, path, resolve) ?? path}`;
  const sums: string[] = [];
  const add = (sum: string | null): void => {
    if (sum !== null) sums.push(sum);
  };
  const walk = (dir: string): void => {
    for (const child of context.list(dir)) {
      add(contextHash(context, child.path, resolve));
      if (child.type === "dir") walk(child.path);
    }
  };
  if (resolved !== "") add(contextHash(context, resolved, resolve));
  walk(resolved);
  sums.sort();
  return `dir:${sha256HexOfText(sums.join(","))}`;
}

/** The hash several sources give together (the one hash of a single source). */
export function classicMultiHash(hashes: readonly string[]): string {
  return hashes.length === 1 ? hashes[0]! : `multi:${sha256HexOfText(hashes.join(","))}`;
}

/**
 * Tarsum v1 of a node of a stage's filesystem, as the classic builder's lazy source computes it for
 * `COPY --from` (moby `builder/remotecontext/lazycontext.go`, `filehash.go`): the header from the
 * file itself (its real owner; `name` relative to the stage root, `dir/` for directories), then
 * the content. Null when the simulator lacks the content or metadata.
 */
function nodeTarsum(node: VfsNode, name: string): string | null {
  if (node.type === "unknown" || node.unknown !== undefined) return null;
  if (node.type === "file" && node.content === null) return null;
  const tarName = node.type === "dir" ? `${name}/` : name;
  const size = node.type === "file" ? node.content!.length : 0;
  const flag = node.type === "file" ? "0" : node.type === "dir" ? "5" : "2";
  const link = node.type === "symlink" ? node.target : "";
  const h = sha256.create().update(encoder.encode(`name${tarName}mode${node.mode & 0o7777}uid${node.uid}gid${node.gid}size${size}typeflag${flag}linkname${link}unamegnamedevmajor0devminor0`));
  if (node.type === "file") h.update(node.content!);
  return bytesToHex(h.digest());
}

/**
 * The classic builder's hash of a `COPY --from=<stage>` source (`file:…` or `dir:…`), computed
 * from the stage's files; null when part of it is unknown to the simulator.
 */
export function classicStageSourceHash(fs: Vfs, path: string): string | null {
  const r = fs.lookup(path, true);
  if (!r.found || fs.opaque.length > 0) return null;
  const rel = r.parts.join("/");
  if (r.node.type !== "dir") {
    const sum = nodeTarsum(r.node, rel);
    return sum === null ? null : `file:${sum}`;
  }
  const sums: string[] = [];
  let unknown = false;
  const walk = (dir: DirNode, at: string): void => {
    if (!dir.complete) unknown = true;
    for (const [name, child] of dir.children) {
      const p = at === "" ? name : `${at}/${name}`;
      // Hash(path) follows symlinks inside the stage root: a link counts as what it points to
      // (its target's header and content), a dangling one as the resolved path itself.
      let sum: string | null;
      if (child.type === "symlink") {
        const t = fs.lookup("/" + p, true);
        sum = t.found ? nodeTarsum(t.node, t.parts.join("/")) : t.why === "missing" ? [...t.parts, ...t.rest].join("/") : null;
      } else sum = nodeTarsum(child, p);
      if (sum === null) unknown = true;
      else sums.push(sum);
      if (child.type === "dir") walk(child, p);
    }
  };
  if (rel !== "") {
    const own = nodeTarsum(r.node, rel);
    if (own === null) return null;
    sums.push(own);
  }
  walk(r.node, rel);
  if (unknown) return null;
  sums.sort();
  return `dir:${sha256HexOfText(sums.join(","))}`;
}
