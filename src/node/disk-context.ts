/**
 * A {@link BuildContext} read from a directory on disk (Node only), with `.dockerignore` applied as
 * the chosen builder applies it. Reading is eager, but directories that `.dockerignore` skips are
 * never read, and only files that reach the daemon have their content loaded, up to a size cap.
 *
 * @module
 */
import { lstatSync, readFileSync, readdirSync, readlinkSync } from "node:fs";
import { join } from "node:path";
import type { ContextEntry } from "../fs/context-types.js";
import { DOCKERIGNORE, filterContext, readDockerignore, type WalkNode } from "../fs/context/dockerignore.js";
import { FilteredContext, type ContextOptions } from "../fs/context/memory-context.js";
import { goCompare } from "../docker/go-path.js";

/** Options of {@link diskContext}. */
export interface DiskContextOptions extends ContextOptions {
  /** Most bytes of file content to load (files that reach the daemon). Default 256 MiB. */
  readonly maxBytes?: number;
  /** Most entries to visit. Default 200,000. */
  readonly maxEntries?: number;
}

/** Thrown by {@link diskContext} when the context is larger than its caps. */
export class ContextTooLargeError extends Error {
  /** Which cap was exceeded. */
  readonly cap: "bytes" | "entries";
  /** The cap's value. */
  readonly limit: number;
  /** The path being read when the cap was exceeded. */
  readonly path: string;
  /**
   * @param cap which cap
   * @param limit its value
   * @param path where it was exceeded
   */
  constructor(cap: "bytes" | "entries", limit: number, path: string) {
    super(
      cap === "bytes"
        ? `build context is larger than ${limit} bytes (reached at ${path}); exclude large files with .dockerignore or raise maxBytes`
        : `build context has more than ${limit} entries (reached at ${path}); exclude directories with .dockerignore or raise maxEntries`,
    );
    this.cap = cap;
    this.limit = limit;
    this.path = path;
  }
}

/**
 * Reads the build context at `dir`. The ignore file is `.dockerignore` (BuildKit first tries
 * `<dockerfile>.dockerignore`). Symlinks are kept as links (never followed); sockets, devices and
 * fifos are left out. Throws {@link ContextTooLargeError} past the caps, and the file system's
 * errors (unreadable files) as they come.
 */
export function diskContext(dir: string, options: DiskContextOptions = {}): FilteredContext {
  const builder = options.builder ?? "buildkit";
  const dockerfile = options.dockerfile === undefined ? "Dockerfile" : options.dockerfile;
  const maxBytes = options.maxBytes ?? 256 * 1024 * 1024;
  const maxEntries = options.maxEntries ?? 200_000;
  const abs = (p: string): string => (p === "" ? dir : join(dir, ...p.split("/")));

  let patterns = options.ignorePatterns;
  let ignoreFileName = options.ignoreFileName;
  if (patterns === undefined) {
    patterns = [];
    const candidates = builder === "buildkit" && dockerfile !== null ? [dockerfile + ".dockerignore", DOCKERIGNORE] : [DOCKERIGNORE];
    for (const c of candidates) {
      try {
        if (lstatSync(abs(c)).isFile()) {
          patterns = readDockerignore(readFileSync(abs(c)));
          ignoreFileName = c;
          break;
        }
      } catch {
        // absent: try the next name
      }
    }
  }

  const stats = new Map<string, ContextEntry>();
  let count = 0;
  const list = (d: string): WalkNode[] => {
    const names = readdirSync(abs(d)).sort(goCompare);
    const out: WalkNode[] = [];
    for (const name of names) {
      const path = d === "" ? name : `${d}/${name}`;
      if (++count > maxEntries) throw new ContextTooLargeError("entries", maxEntries, path);
      const st = lstatSync(abs(path));
      const mode = st.mode & 0o7777;
      if (st.isDirectory()) stats.set(path, { type: "dir", path, mode });
      else if (st.isSymbolicLink()) stats.set(path, { type: "symlink", path, mode, target: readlinkSync(abs(path)) });
      else if (st.isFile()) stats.set(path, { type: "file", path, mode, size: st.size, content: new Uint8Array(0) });
      else continue;
      out.push({ path, isDir: st.isDirectory() });
    }
    return out;
  };
  const filtered = filterContext(list, patterns, { builder, dockerfile });
  if (!filtered.ok) {
    // Rejected patterns: the build fails; still read the tree so that the context can be shown.
    const all = (d: string): void => list(d).forEach((n) => n.isDir && all(n.path));
    all("");
  }

  let bytes = 0;
  const entries: ContextEntry[] = [{ type: "dir", path: "", mode: lstatSync(dir).mode & 0o7777 }];
  for (const [path, e] of stats) {
    const sent = !filtered.ok || filtered.result.included.has(path);
    if (e.type === "file" && sent) {
      bytes += e.size;
      if (bytes > maxBytes) throw new ContextTooLargeError("bytes", maxBytes, path);
      const content = new Uint8Array(readFileSync(abs(path)));
      entries.push({ ...e, size: content.length, content });
    } else entries.push(e);
  }
  const ctxOptions: ContextOptions = {
    builder,
    dockerfile,
    ignorePatterns: patterns,
    ...(ignoreFileName !== undefined ? { ignoreFileName } : {}),
  };
  return new FilteredContext(entries, ctxOptions);
}
