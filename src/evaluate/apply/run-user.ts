/**
 * Whether a RUN can start as the configured `USER`: both builders of Docker 28.5 look a user
 * *name* up in the stage's `/etc/passwd` when the container starts (BuildKit
 * `executor/oci/user.go` `GetUser`, the classic builder through the daemon's container create), and
 * the RUN fails when it is not there. Numeric ids and `root` need no passwd entry.
 *
 * @module
 */
import type { Builder } from "../../core/builder.js";
import { goQuote } from "../../docker/go-quote.js";
import type { Vfs } from "../../fs/vfs/tree.js";
import { readUserDatabase } from "../../fs/vfs/user-database.js";

/**
 * The error a RUN fails with when its user cannot be found (each builder's message, verified on
 * 28.5 for a name missing from `/etc/passwd` and for no `/etc/passwd` at all), or null when it can
 * start or the simulator cannot tell (the passwd file is unknown to it).
 *
 * @example
 * ```ts
 * runUserError("legacy", Vfs.empty(), "nobody", ["/bin/sh", "-c", "true"]);
 * // "unable to find user nobody: no matching entries in passwd file"
 * ```
 */
export function runUserError(builder: Builder, fs: Vfs, user: string, argv: readonly string[]): string | null {
  if (user === "") return null;
  const name = user.split(":")[0] ?? "";
  if (name === "" || name === "root" || /^[0-9]+$/.test(name)) return null;
  const db = readUserDatabase(fs, "passwd");
  if (db.kind === "unknown") return null;
  if (db.kind === "entries" && db.entries.some((e) => e.name === name)) return null;
  return builder === "buildkit"
    ? `process ${goQuote(argv.join(" "))} did not complete successfully: unable to find user ${name}: invalid argument`
    : `unable to find user ${name}: no matching entries in passwd file`;
}
