/**
 * `--chown=user[:group]` as each builder of Docker 28.5 resolves it against the destination
 * stage's `/etc/passwd` and `/etc/group`. Browser-safe.
 *
 * - **classic** (moby v28.5.2 `builder/dockerfile/internals_linux.go` `parseChownFlag`): split at
 *   every `:` (more than two parts is an error); a missing group means the group of the same name;
 *   `strconv.Atoi` numbers are taken as is, names are looked up and any failure fails the build.
 * - **BuildKit** (`client/llb/fileop.go` `WithUser`, `solver/llbsolver/ops/user_linux.go`
 *   `readUser`): split at the first `:`; `root`, an empty part and `ParseInt(…, 10, 32)` numbers
 *   are ids (a numeric user also sets the group to the same id); a name on a stage without a root
 *   filesystem yet (`FROM scratch`, nothing written) fails with `invalid user index: -1`; a user name found in `/etc/passwd` gives its
 *   uid and primary gid, a name not found (or no passwd file) gives 0:0; a group name found in
 *   `/etc/group` sets the gid, else the gid stays.
 *
 * @module
 */
import type { CopyRules } from "../../builders/copy-rules.js";
import { ROOTFS_PLACEHOLDER } from "../../builders/copy-rules.js";
import type { Vfs } from "./tree.js";
import { readUserDatabase, type UserDatabase } from "./user-database.js";

/** A resolved owner; or the build's error; or why the simulator cannot tell. */
export type ChownResult =
  | { readonly ok: true; readonly uid: number; readonly gid: number }
  | { readonly ok: false; readonly error: string }
  | { readonly ok: "unknown"; readonly reason: string };

export { ROOTFS_PLACEHOLDER } from "../../builders/copy-rules.js";

/**
 * Resolves an (already expanded) `--chown` value the builder's way ({@link CopyRules.chownLookup})
 * against the stage's files.
 *
 * @example
 * ```ts
 * resolveChown("readUser", "1000", Vfs.empty(), false);     // { ok: true, uid: 1000, gid: 1000 }
 * resolveChown("parseChownFlag", "app", Vfs.empty(), false); // { ok: false, error: "… can't find uid for user app: …" }
 * ```
 */
export function resolveChown(lookup: CopyRules["chownLookup"], chown: string, fs: Vfs, rootfs: boolean): ChownResult {
  return lookup === "parseChownFlag" ? classicChown(chown, fs) : buildkitChown(chown, fs, rootfs);
}

/** Go `strconv.Atoi` (64-bit). */
function goAtoi(s: string): number | null {
  if (!/^[+-]?[0-9]+$/.test(s)) return null;
  const n = BigInt(s);
  return n >= -(2n ** 63n) && n < 2n ** 63n ? Number(n) : null;
}

/** BuildKit's `parseUID`: `root`, or `strconv.ParseInt(s, 10, 32)`; an empty part is id 0 (verified: `1000:` gives 1000:0). */
function bkParseUID(s: string): number | null {
  if (s === "root" || s === "") return 0;
  if (!/^[+-]?[0-9]+$/.test(s)) return null;
  const n = BigInt(s);
  return n >= -(2n ** 31n) && n < 2n ** 31n ? Number(n) : null;
}

function classicLookup(db: UserDatabase, name: string, kind: "user" | "group"): ChownResult | number {
  const file = kind === "user" ? "passwd" : "group";
  switch (db.kind) {
    case "unknown":
      return { ok: "unknown", reason: db.reason };
    case "missing":
      return { ok: false, error: `unable to convert uid/gid chown string to host mapping: can't find ${kind === "user" ? "uid" : "gid"} for ${kind} ${name}: open ${ROOTFS_PLACEHOLDER}/etc/${file}: no such file or directory` };
    case "entries": {
      const hit = db.entries.find((e) => e.name === name);
      if (hit === undefined) return { ok: false, error: `unable to convert uid/gid chown string to host mapping: can't find ${kind === "user" ? "uid" : "gid"} for ${kind} ${name}: no such ${kind}: ${name}` };
      return hit.id;
    }
    default: {
      const never: never = db;
      return never;
    }
  }
}

function classicChown(chown: string, fs: Vfs): ChownResult {
  const parts = chown.split(":");
  if (parts.length > 2) return { ok: false, error: `unable to convert uid/gid chown string to host mapping: invalid chown string format: ${chown}` };
  const userStr = parts[0]!;
  const grpStr = parts.length === 1 ? userStr : parts[1]!;
  let uid = goAtoi(userStr);
  if (uid === null) {
    const r = classicLookup(readUserDatabase(fs, "passwd"), userStr, "user");
    if (typeof r !== "number") return r;
    uid = r;
  }
  let gid = goAtoi(grpStr);
  if (gid === null) {
    const r = classicLookup(readUserDatabase(fs, "group"), grpStr, "group");
    if (typeof r !== "number") return r;
    gid = r;
  }
  return { ok: true, uid, gid };
}

function buildkitChown(chown: string, fs: Vfs, rootfs: boolean): ChownResult {
  const colon = chown.indexOf(":");
  const userStr = colon < 0 ? chown : chown.slice(0, colon);
  const grpStr = colon < 0 ? null : chown.slice(colon + 1);
  let uid = 0;
  let gid = 0;
  const numericUser = bkParseUID(userStr);
  const numericGroup = grpStr === null ? null : bkParseUID(grpStr);
  // A name needs the stage's root filesystem; `FROM scratch` with nothing written yet has none.
  if ((numericUser === null || (grpStr !== null && numericGroup === null)) && !rootfs) return { ok: false, error: "invalid user index: -1" };
  if (numericUser !== null) {
    uid = numericUser;
    gid = numericUser;
  } else {
    const db = readUserDatabase(fs, "passwd");
    if (db.kind === "unknown") return { ok: "unknown", reason: db.reason };
    const hit = db.kind === "entries" ? db.entries.find((e) => e.name === userStr) : undefined;
    if (hit !== undefined) {
      uid = hit.id;
      gid = hit.gid;
    }
  }
  if (grpStr !== null) {
    if (numericGroup !== null) gid = numericGroup;
    else {
      const db = readUserDatabase(fs, "group");
      if (db.kind === "unknown") return { ok: "unknown", reason: db.reason };
      const hit = db.kind === "entries" ? db.entries.find((e) => e.name === grpStr) : undefined;
      if (hit !== undefined) gid = hit.id;
    }
  }
  return { ok: true, uid, gid };
}
