/**
 * Where COPY and ADD write, as each builder of Docker 28.5 resolves the destination. Browser-safe.
 *
 * @module
 */
import type { Builder } from "../../core/builder.js";
import { goJoin } from "../../docker/go-path.js";

/**
 * The destination, absolute, with a trailing `/` kept when it means "into this directory":
 * BuildKit joins a relative destination to WORKDIR and treats `.`, `` and a trailing `/` as a
 * directory (dockerfile2llb `dispatchCopy`); the classic builder (moby `normalizeDest`) joins a
 * relative destination to WORKDIR and keeps a written trailing `/`.
 *
 * @example
 * ```ts
 * resolveDestination("buildkit", "/app", "."); // "/app/"
 * resolveDestination("legacy", "/app", "bin/"); // "/app/bin/"
 * ```
 */
export function resolveDestination(builder: Builder, workdir: string, dest: string): string {
  const endsInSlash = dest.endsWith("/");
  const base = workdir === "" ? "/" : workdir;
  if (builder === "buildkit") {
    const d = dest.startsWith("/") ? goJoin("/", dest) : goJoin("/", base, dest);
    return (dest === "." || dest === "" || endsInSlash) && !d.endsWith("/") ? d + "/" : d;
  }
  if (dest.startsWith("/")) return dest;
  const d = goJoin("/", base, dest);
  return (endsInSlash || dest === ".") && !d.endsWith("/") ? d + "/" : d;
}

/** Whether a COPY/ADD source is a URL (`http://` or `https://`). */
export function isUrlSource(source: string): boolean {
  return /^https?:\/\//.test(source);
}

/** The daemon's rootfs path of a container on the vfs storage driver, as error messages show it. */
const CLASSIC_ROOTFS = ["<data-root>", "vfs", "dir", "<id>"];

/**
 * The classic builder does not clean an absolute destination before joining it to the container's
 * rootfs, so `/../../x` climbs out of it and the copy fails (`evalSymlinksInScope: <path> is not
 * in <rootfs>`; BuildKit clamps to `/`). Returns the path the message shows (for the vfs storage
 * driver), or null when the destination stays inside.
 *
 * @example
 * ```ts
 * classicDestinationEscape("/../../top/"); // "<data-root>/vfs/top"
 * classicDestinationEscape("/app/../x");   // null
 * ```
 */
export function classicDestinationEscape(dest: string): string | null {
  if (!dest.startsWith("/")) return null;
  const stack = [...CLASSIC_ROOTFS];
  let escaped = false;
  for (const comp of dest.split("/")) {
    if (comp === "" || comp === ".") continue;
    if (comp === "..") {
      if (stack.length > 1) stack.pop();
      if (stack.length < CLASSIC_ROOTFS.length) escaped = true;
      continue;
    }
    stack.push(comp);
  }
  const inside = CLASSIC_ROOTFS.every((c, k) => stack[k] === c);
  return escaped && !inside ? stack.join("/") : null;
}
