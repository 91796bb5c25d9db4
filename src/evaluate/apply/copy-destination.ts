/**
 * Where COPY and ADD write, as each builder of Docker 28.5 resolves the destination. Browser-safe.
 *
 * @module
 */
import type { CopyRules } from "../../builders/copy-rules.js";
import { goJoin } from "../../docker/go-path.js";

/**
 * The destination, absolute, with a trailing `/` kept when it means "into this directory":
 * a relative destination is joined to WORKDIR, `.` and a written trailing `/` mean a directory;
 * BuildKit (dockerfile2llb `dispatchCopy`) also cleans an absolute one and takes `` as a
 * directory, the classic builder (moby `normalizeDest`) does neither
 * ({@link CopyRules.cleansAbsoluteDestination}, {@link CopyRules.emptyDestinationIsDirectory}).
 *
 * @example
 * ```ts
 * resolveDestination(BUILDKIT_COPY, "/app", "."); // "/app/"
 * resolveDestination(LEGACY_COPY, "/app", "bin/"); // "/app/bin/"
 * ```
 */
export function resolveDestination(rules: CopyRules, workdir: string, dest: string): string {
  const endsInSlash = dest.endsWith("/");
  const base = workdir === "" ? "/" : workdir;
  if (dest.startsWith("/") && !rules.cleansAbsoluteDestination) return dest;
  const d = dest.startsWith("/") ? goJoin("/", dest) : goJoin("/", base, dest);
  return (dest === "." || (dest === "" && rules.emptyDestinationIsDirectory) || endsInSlash) && !d.endsWith("/") ? d + "/" : d;
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
