/**
 * Whether a RUN can start as the configured `USER`. Both builders of Docker 28.5 resolve the user
 * when the container starts, with `GetExecUser` of `github.com/moby/sys/user` (vendored in moby
 * v28.5.2, `vendor/github.com/moby/sys/user/user.go`), and differ in what comes before it and in
 * how a missing file reads:
 *
 * - **BuildKit** (`vendor/github.com/moby/buildkit/executor/oci/user.go`, `GetUser`): a spec with
 *   both a user and a group, each `root` or a decimal uint32 (`ParseUIDGID`/`parseUID`), is taken
 *   as is and no file is read. Otherwise it opens `/etc/passwd` and `/etc/group` and passes the
 *   handles even when the open failed: a missing file then reads as `invalid argument` (a nil
 *   `*os.File`), so `USER 0`, `USER 1000`, `USER root` fail without `/etc/passwd`.
 * - **Classic builder** (`daemon/oci_linux.go` `getUser` → `GetExecUserPath`): a missing file is
 *   no reader at all, which `GetExecUser` takes as an empty file.
 *
 * `GetExecUser` then: the user part (before the first `:`) is a uid when Go's `strconv.Atoi`
 * reads it, else a name, and must be in passwd unless numeric (numeric and absent: 0-2147483647);
 * when a group part is given, or the user matched a passwd entry, `/etc/group` is read, and a
 * group part must be in it unless numeric. All verified on 28.5.2 with both builders
 * (`oracle/busybox`: no passwd/group; `oracle/passwd`: both; and with `/etc/group` removed):
 * `USER 0` and `USER 1000` fail only with BuildKit and no passwd; `USER 0:0`, `root:0`, `0:root`
 * build with BuildKit everywhere; `USER root` fails with both builders without passwd; a group
 * name missing from the group file fails with both; `USER 1000:1000:x` looks up group `1000:x`.
 *
 * @module
 */
import { rulesOf } from "../../builders/index.js";
import type { Builder } from "../../core/builder.js";
import type { Vfs } from "../../fs/vfs/tree.js";
import { readUserDatabase, type UserDatabase, type UserEntry } from "../../fs/vfs/user-database.js";

/** What a RUN's user lookup gives: it starts, it fails (the engine's message), or it depends on files the simulator does not know. */
export type RunUserOutcome =
  | { readonly kind: "ok" }
  | { readonly kind: "error"; readonly message: string }
  | {
      readonly kind: "unknown";
      /** Why the simulator cannot tell. */
      readonly reason: string;
      /** A failure a real build may report instead (the first one found). */
      readonly mayFail: string;
      /** Whether it is unknown only because a RUN (or similar step) of the build may have changed the files. */
      readonly byStep: boolean;
    };

const MAX_ID = 2 ** 31 - 1;
const ERR_RANGE = `uids and gids must be in range 0-${MAX_ID}`;

/** Go's `strconv.Atoi` (64-bit `int`): the value, or null when it does not parse or overflows. */
function goAtoi(s: string): number | null {
  if (!/^[+-]?[0-9]+$/.test(s)) return null;
  const n = BigInt(s);
  if (n > 2n ** 63n - 1n || n < -(2n ** 63n)) return null;
  return Number(n);
}

/** BuildKit's `parseUID`: `root`, or `strconv.ParseUint(s, 10, 32)`. */
function buildkitParseUid(s: string): boolean {
  if (s === "root") return true;
  return /^[0-9]+$/.test(s) && BigInt(s) <= 0xffffffffn;
}

/** One way a user database may be: a missing file, or entries. */
type DbWorld = { readonly kind: "missing" } | { readonly kind: "entries"; readonly entries: readonly UserEntry[] };

/**
 * `GetExecUser` for one assumption about the two files. A missing file reads as an empty one
 * (classic) or fails with `invalid argument` (BuildKit).
 */
function getExecUser(builder: Builder, spec: string, passwd: DbWorld, group: DbWorld): string | null {
  const colon = spec.indexOf(":");
  const userArg = colon < 0 ? spec : spec.slice(0, colon);
  const groupArg = colon < 0 ? "" : spec.slice(colon + 1);
  const uid = goAtoi(userArg);
  const gid = goAtoi(groupArg);
  const rules = rulesOf(builder);
  if (passwd.kind === "missing" && rules.missingUserDatabaseFails) return `unable to find user ${userArg === "" ? "0" : userArg}: invalid argument`;
  const users = passwd.kind === "entries" ? passwd.entries : [];
  const match = users.find((u) => (userArg === "" ? u.id === 0 : uid !== null ? u.id === uid : u.name === userArg));
  if (match === undefined && userArg !== "") {
    if (uid === null) return `unable to find user ${userArg}: no matching entries in passwd file`;
    if (uid < 0 || uid > MAX_ID) return ERR_RANGE;
  }
  const matchedName = match?.name ?? "";
  if (groupArg === "" && matchedName === "") return null;
  if (group.kind === "missing" && rules.missingUserDatabaseFails) return `unable to find groups for spec ${matchedName}: invalid argument`;
  if (groupArg === "") return null;
  const groups = group.kind === "entries" ? group.entries : [];
  if (groups.some((g) => (gid !== null ? g.id === gid : g.name === groupArg))) return null;
  if (gid === null) return `unable to find group ${groupArg}: no matching entries in group file`;
  if (gid < 0 || gid > MAX_ID) return ERR_RANGE;
  return null;
}

/**
 * The assumptions a database the simulator knows only partly leaves open: missing, empty, or
 * holding an entry that matches `name` / `id` (all a lookup can tell apart).
 */
function worlds(db: UserDatabase, name: string, id: number | null): DbWorld[] {
  if (db.kind === "missing") return [{ kind: "missing" }];
  if (db.kind === "entries") return [db];
  return [{ kind: "missing" }, { kind: "entries", entries: [] }, { kind: "entries", entries: [{ name, id: id ?? 0, gid: 0 }] }];
}

/**
 * How a RUN's user lookup ends for the builder, `user` being the config's `User` (verbatim).
 *
 * @example
 * ```ts
 * runUserOutcome("buildkit", Vfs.empty(), "1000");
 * // { kind: "error", message: "unable to find user 1000: invalid argument" }
 * runUserOutcome("legacy", Vfs.empty(), "1000"); // { kind: "ok" }
 * ```
 */
export function runUserOutcome(builder: Builder, fs: Vfs, user: string): RunUserOutcome {
  // Both: an empty User is root without any lookup (BuildKit ignores a failed lookup of the default).
  if (user === "") return { kind: "ok" };
  if (rulesOf(builder).numericUserSkipsLookup) {
    const colon = user.indexOf(":");
    if (colon >= 0 && buildkitParseUid(user.slice(0, colon)) && buildkitParseUid(user.slice(colon + 1))) return { kind: "ok" };
  }
  const colon = user.indexOf(":");
  const userArg = colon < 0 ? user : user.slice(0, colon);
  const groupArg = colon < 0 ? "" : user.slice(colon + 1);
  const passwd = readUserDatabase(fs, "passwd");
  const group = readUserDatabase(fs, "group");
  const outcomes = new Set<string | null>();
  for (const p of worlds(passwd, userArg, goAtoi(userArg))) {
    for (const g of worlds(group, groupArg, goAtoi(groupArg))) outcomes.add(getExecUser(builder, user, p, g));
  }
  if (outcomes.size === 1) {
    const only = [...outcomes][0]!;
    return only === null ? { kind: "ok" } : { kind: "error", message: only };
  }
  const unknown = [passwd, group].find((d) => d.kind === "unknown") as Extract<UserDatabase, { kind: "unknown" }>;
  const mayFail = [...outcomes].find((o): o is string => o !== null) ?? "";
  return { kind: "unknown", reason: unknown.reason, mayFail, byStep: fs.opaque.length > 0 };
}
