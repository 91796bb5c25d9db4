/**
 * `/etc/passwd` and `/etc/group` read from a stage's virtual filesystem, parsed as Docker's own
 * code parses them (`github.com/moby/sys/user`, vendored in moby v28.5.2: `ParsePasswdFilter`
 * trims each line and splits it at `:`; `ParseGroupFilter` also skips lines starting with `#`;
 * numbers that do not parse are 0). Browser-safe.
 *
 * @module
 */
import { goTrimSpace } from "../../docker/go-path.js";
import type { Vfs } from "./tree.js";

/** One `/etc/passwd` or `/etc/group` entry: the name and the numeric id(s) Docker reads. */
export interface UserEntry {
  readonly name: string;
  /** uid (passwd) or gid (group). */
  readonly id: number;
  /** passwd only: the primary group id. */
  readonly gid: number;
}

/**
 * A user database file as the simulator knows it: `missing` (certainly absent), `unknown` (it may
 * exist, or may have been changed, without the simulator knowing its content: why), or its entries.
 */
export type UserDatabase =
  | { readonly kind: "entries"; readonly entries: readonly UserEntry[] }
  | { readonly kind: "missing" }
  | { readonly kind: "unknown"; readonly reason: string };

/** Go's `strconv.Atoi` with errors ignored (0), as `parseLine` does for numeric fields. */
function atoiOrZero(s: string): number {
  if (!/^[+-]?[0-9]+$/.test(s)) return 0;
  const n = Number(s);
  return Number.isSafeInteger(n) && Math.abs(n) <= 2 ** 63 ? n : 0;
}

/** Parses passwd (`kind: "passwd"`) or group text into entries, in file order. */
export function parseUserDatabase(text: string, kind: "passwd" | "group"): UserEntry[] {
  const out: UserEntry[] = [];
  for (const raw of text.split("\n")) {
    const line = goTrimSpace(raw);
    if (line === "" || (kind === "group" && line.startsWith("#"))) continue;
    const f = line.split(":");
    out.push(kind === "passwd" ? { name: f[0] ?? "", id: atoiOrZero(f[2] ?? ""), gid: atoiOrZero(f[3] ?? "") } : { name: f[0] ?? "", id: atoiOrZero(f[2] ?? ""), gid: 0 });
  }
  return out;
}

const decoder = new TextDecoder();

/**
 * Reads `/etc/passwd` or `/etc/group` from a stage's filesystem (symlinks followed inside the root).
 *
 * @example
 * ```ts
 * readUserDatabase(Vfs.empty(), "passwd"); // { kind: "missing" }
 * ```
 */
export function readUserDatabase(fs: Vfs, kind: "passwd" | "group"): UserDatabase {
  const path = `/etc/${kind}`;
  const r = fs.lookup(path, true);
  if (fs.opaque.length > 0) return { kind: "unknown", reason: `${fs.opaque[fs.opaque.length - 1]}, ${path} included` };
  if (!r.found) return r.why === "maybe" ? { kind: "unknown", reason: `${path} may exist in the base image, but the simulator does not have its files` } : { kind: "missing" };
  const n = r.node;
  if (n.type === "unknown") return { kind: "unknown", reason: `${path}: ${n.reason}` };
  if (n.type === "dir") return { kind: "missing" };
  if (n.type !== "file" || n.content === null) return { kind: "unknown", reason: `the simulator does not know the content of ${path}` };
  return { kind: "entries", entries: parseUserDatabase(decoder.decode(n.content), kind) };
}
