/**
 * A {@link BuildContext} read from a directory on disk (Node only), with `.dockerignore` applied as
 * the chosen builder applies it. Reading is eager, but directories that `.dockerignore` skips are
 * never read, and only files that reach the daemon have their content loaded, up to a size cap.
 *
 * @module
 */
import { lstatSync, readFileSync, readdirSync, readlinkSync } from "node:fs";
import { join } from "node:path";
import { rulesOf } from "../builders/index.js";
import type { ContextEntry, ContextProblem } from "../fs/context-types.js";
import { DOCKERIGNORE, filterContext, readDockerignore, type WalkNode } from "../fs/context/dockerignore.js";
import { FilteredContext, type ContextOptions } from "../fs/context/memory-context.js";
import { goCompare } from "../docker/go-path.js";

const SLASH = Buffer.from("/");
const STRICT = new TextDecoder("utf-8", { fatal: true });
const LOSSY = new TextDecoder("utf-8");

/** A name's text, or null when its bytes are not valid UTF-8. */
function utf8OrNull(b: Buffer): string | null {
  try {
    return STRICT.decode(b);
  } catch {
    return null;
  }
}

/** Whether a file system error is a permission problem (reported per entry, not fatal). */
function isAccessError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === "EACCES" || code === "EPERM";
}

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
 * fifos are left out. Names that are not UTF-8 (shown with U+FFFD) and unreadable directories and
 * files below the root are kept and listed in `problems` (the evaluation does with them what each
 * builder does). Throws {@link ContextTooLargeError} past the caps, and the file system's other
 * errors (an unreadable root) as they come.
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
    const candidates = rulesOf(builder).readsDockerfileSpecificIgnore && dockerfile !== null ? [dockerfile + ".dockerignore", DOCKERIGNORE] : [DOCKERIGNORE];
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
  const problems: ContextProblem[] = [];
  // Each entry's absolute path as bytes: a name that is not UTF-8 has no string form to open it by.
  const bytePaths = new Map<string, Buffer>([["", Buffer.from(dir)]]);
  const bytesOf = (p: string): Buffer => bytePaths.get(p) ?? Buffer.from(abs(p));
  let count = 0;
  const list = (d: string): WalkNode[] => {
    let raw: Buffer[];
    try {
      raw = readdirSync(bytesOf(d), { encoding: "buffer" });
    } catch (e) {
      // An unreadable directory below the root: reported, never a reason to drop the context.
      if (d === "" || !isAccessError(e)) throw e;
      problems.push({ kind: "unreadable-dir", path: d, shown: join(dir, ...d.split("/")) });
      return [];
    }
    const names = raw.map((b) => ({ b, name: utf8OrNull(b) })).map(({ b, name }) => ({ b, name: name ?? LOSSY.decode(b), bad: name === null }));
    names.sort((x, y) => goCompare(x.name, y.name));
    const out: WalkNode[] = [];
    for (const { b, name, bad } of names) {
      const path = d === "" ? name : `${d}/${name}`;
      if (stats.has(path)) continue; // two names that differ only in bad bytes: the first is kept
      if (++count > maxEntries) throw new ContextTooLargeError("entries", maxEntries, path);
      bytePaths.set(path, Buffer.concat([bytesOf(d), SLASH, b]));
      if (bad) problems.push({ kind: "non-utf8-name", path, shown: join(dir, ...path.split("/")) });
      const st = lstatSync(bytesOf(path));
      const mode = st.mode & 0o7777;
      if (st.isDirectory()) stats.set(path, { type: "dir", path, mode });
      else if (st.isSymbolicLink()) stats.set(path, { type: "symlink", path, mode, target: readlinkSync(bytesOf(path), "utf8") });
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
      let content: Uint8Array;
      try {
        content = new Uint8Array(readFileSync(bytesOf(path)));
      } catch (err) {
        if (!isAccessError(err)) throw err;
        // BuildKit sends such a file empty, with its mode (verified on 28.5); the classic CLI refuses the context.
        problems.push({ kind: "unreadable-file", path, shown: join(dir, ...path.split("/")) });
        entries.push({ ...e, size: 0 });
        continue;
      }
      entries.push({ ...e, size: content.length, content });
    } else entries.push(e);
  }
  const ctxOptions: ContextOptions = {
    problems,
    builder,
    dockerfile,
    ignorePatterns: patterns,
    ...(ignoreFileName !== undefined ? { ignoreFileName } : {}),
  };
  return new FilteredContext(entries, ctxOptions);
}
