/**
 * The directory WORKDIR creates, as each builder of Docker 28.5 creates it (verified, see
 * `docs/semantics/copy-add.md` §10): missing components are made 0755; BuildKit owns them by the
 * current `USER` (resolved like `--chown`: names in the stage's `/etc/passwd`, a user alone takes
 * its primary group), the classic builder by 0:0. Existing directories are left as they are.
 *
 * @module
 */
import { rulesOf } from "../../builders/index.js";
import type { Builder } from "../../core/builder.js";
import { resolveChown, type ChownResult } from "../../fs/vfs/chown.js";
import { madeIn } from "../../fs/vfs/setgid.js";
import { belowNonDir, partsPath, pathParts, type Vfs } from "../../fs/vfs/tree.js";

/** What WORKDIR did to the files. */
export type WorkdirMkdir =
  | { readonly ok: true; /** Whether a directory was created (known), or null when the simulator cannot tell. */ readonly created: boolean | null; readonly ownerUnknown?: string }
  | { readonly ok: false; readonly error: string };

/**
 * Creates the WORKDIR directory in the stage's files (`parts`: the path's cleaned components, as
 * `pathParts` gives them; the path is resolved once, not once per question asked of it).
 */
export function mkdirWorkdir(builder: Builder, fs: Vfs, rootfs: boolean, path: string, user: string, parts: readonly string[] = pathParts(path)): WorkdirMkdir {
  if (parts.length === 0) return { ok: true, created: false };
  const rules = rulesOf(builder);
  let owner: ChownResult = { ok: true, uid: 0, gid: 0 };
  if (rules.workdirOwnedByUser && user !== "") {
    owner = resolveChown("readUser", user, fs, rootfs);
    if (owner.ok === false) return owner;
  }
  // Below an existing file the path does not resolve at all: BuildKit's mkdir resolves it with
  // `continuity/fs.RootPath` (vendor/github.com/moby/buildkit/solver/llbsolver/file/backend.go
  // `mkdir`), the classic builder with `FollowSymlinkInScope`, both failing on `lstat` of the
  // component below the file (verified on 28.5: gen-wd-under-file, docs/semantics/copy-add.md §10).
  const before = fs.lookup(path, true);
  const below = belowNonDir(before);
  if (below !== null) return { ok: false, error: `lstat ${rules.rootfsPath(partsPath(below))}: not a directory` };
  const ids = owner.ok === true ? { uid: owner.uid, gid: owner.gid } : { uid: 0, gid: 0 };
  // An existing directory (symlinks followed): nothing to make, and no second walk down the path.
  if (before.found && before.node.type === "dir") return owner.ok === "unknown" ? { ok: true, created: false, ownerUnknown: owner.reason } : { ok: true, created: false };
  // In a setgid directory: BuildKit chowns what it makes only to a USER, the classic builder always.
  const m = fs.mkdirAll(parts, (_, parent) => madeIn({ mode: 0o755, ...ids }, parent, { chowned: !rules.workdirOwnedByUser || user !== "", keepsBit: true }));
  if (!m.ok) {
    const at = "/" + m.notDir.join("/");
    return { ok: false, error: rules.workdirNotDirectoryMessage(at) };
  }
  const created = before.found ? (before.node.type === "unknown" ? null : false) : before.why === "missing" ? true : null;
  return owner.ok === "unknown" ? { ok: true, created, ownerUnknown: owner.reason } : { ok: true, created };
}
