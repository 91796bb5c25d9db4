/**
 * Context paths through symlinks, scoped to the context root as `fs.RootPath` (continuity/fs) and
 * BuildKit's checksum walk resolve them.
 *
 * @module
 */
import { goClean } from "../../docker/go-path.js";
import type { BuildContext } from "../context-types.js";

/** Why a context path does not resolve to an entry (see {@link resolveContextPath}). */
export type ContextResolution =
  | { readonly ok: true; readonly path: string }
  /** `missing`: a component does not exist; `through-file`: a component before the last is not a directory; `loop`: symlinks loop. */
  | { readonly ok: false; readonly why: "missing" | "through-file" | "loop"; readonly path: string };

const MAX_LINKS = 255;

/**
 * Follows a context path component by component. `strict`: stop at the first missing component,
 * file used as a directory, or symlink past the 255th (the kernel's ELOOP); otherwise resolve as far
 * as possible (a missing component ends resolution with the rest appended unresolved; after 255
 * links, symlinks are taken as plain names).
 */
function follow(context: BuildContext, path: string, strict: boolean): ContextResolution {
  const pending = goClean("/" + path).slice(1).split("/").filter((c) => c !== "");
  const done: string[] = [];
  const cleaned = (parts: readonly string[]): string => goClean("/" + parts.join("/")).slice(1);
  let links = 0;
  while (pending.length > 0) {
    const comp = pending.shift()!;
    if (comp === ".") continue;
    if (comp === "..") {
      done.pop();
      continue;
    }
    const entry = context.get([...done, comp].join("/"));
    if (entry?.type === "symlink" && (strict || links < MAX_LINKS)) {
      if (++links > MAX_LINKS) return { ok: false, why: "loop", path: follow(context, path, false).path };
      if (entry.target.startsWith("/")) done.length = 0;
      pending.unshift(...entry.target.split("/").filter((c) => c !== ""));
      continue;
    }
    done.push(comp);
    if (entry === undefined) return strict ? { ok: false, why: "missing", path: cleaned([...done, ...pending]) } : { ok: true, path: cleaned([...done, ...pending]) };
    if (strict && entry.type === "file" && pending.some((c) => c !== ".")) return { ok: false, why: "through-file", path: cleaned([...done, ...pending]) };
  }
  return { ok: true, path: cleaned(done) };
}

/**
 * Resolves symlinks in a context path, scoped to the context root (as `fs.RootPath` does): `..` never
 * leaves the root, absolute link targets are taken from the root. Returns the resolved path; a
 * missing component ends resolution (the rest is appended unresolved).
 */
export function resolveInContext(context: BuildContext, path: string): string {
  return follow(context, path, false).path;
}

/**
 * {@link resolveInContext}, saying why a path does not resolve: a symlink loop (more than 255 links
 * followed; the kernel's ELOOP, which BuildKit's checksum reports as `too many links`), a component
 * before the last that is a file (ENOTDIR), or a missing component. `path` is what
 * {@link resolveInContext} returns.
 */
export function resolveContextPath(context: BuildContext, path: string): ContextResolution {
  return follow(context, path, true);
}
