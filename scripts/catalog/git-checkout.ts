/**
 * Read-only access to a git repository (a clone or a bare mirror) at a commit, through the `git`
 * command: file contents, directory listings, refs. Used by the catalog generator only.
 *
 * @module
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";

/** One blob or link of a tree listing. */
export interface TreeFile {
  /** Path relative to the listed directory. */
  readonly path: string;
  /** `100644`, `100755` or `120000` (symlink). */
  readonly mode: string;
  readonly sha: string;
  /** Bytes, or null when git does not have the object (a partial mirror). */
  readonly size: number | null;
}

/** A repository on disk. */
export class GitCheckout {
  constructor(readonly dir: string) {}

  private git(args: readonly string[], input?: string): Buffer | null {
    const r = spawnSync("git", ["-C", this.dir, ...args], { input, maxBuffer: 1 << 30 });
    return r.status === 0 ? r.stdout : null;
  }

  /** Whether the repository has this commit. */
  hasCommit(commit: string): boolean {
    return this.git(["cat-file", "-e", `${commit}^{commit}`]) !== null;
  }

  /** The commit a ref (branch, tag, `refs/heads/x`) points to, or null. */
  resolveRef(ref: string): string | null {
    const short = ref.replace(/^refs\/(heads|tags)\//, "");
    for (const r of [ref, short, `refs/heads/${short}`, `refs/remotes/origin/${short}`, `refs/tags/${short}`]) {
      const out = this.git(["rev-parse", "--verify", "--quiet", `${r}^{commit}`]);
      if (out !== null) return out.toString("utf8").trim();
    }
    return null;
  }

  /** A file's bytes at a commit, or null when it is not there. */
  readFile(commit: string, path: string): Buffer | null {
    return this.git(["cat-file", "blob", `${commit}:${path.replace(/^\.\//, "")}`]);
  }

  /** The blobs and links below a directory at a commit (recursively). */
  listTree(commit: string, dir: string): TreeFile[] {
    const d = dir === "." || dir === "" ? "" : `${dir.replace(/\/+$/, "")}/`;
    const out = this.git(["ls-tree", "-r", "-l", "-z", commit, "--", d === "" ? "." : d]);
    if (out === null) return [];
    const files: TreeFile[] = [];
    for (const rec of out.toString("utf8").split("\0")) {
      const m = /^(\d+) (\w+) ([0-9a-f]+)\s+(\S+)\t(.*)$/s.exec(rec);
      if (m === null || m[2] !== "blob") continue;
      files.push({ path: m[5]!.slice(d.length), mode: m[1]!, sha: m[3]!, size: m[4] === "-" ? null : Number(m[4]) });
    }
    return files;
  }

  /** The contents of many blobs in one `git cat-file --batch` (missing ones absent from the map). */
  readBlobs(shas: readonly string[]): Map<string, Buffer> {
    const out = new Map<string, Buffer>();
    if (shas.length === 0) return out;
    const buf = this.git(["cat-file", "--batch"], shas.join("\n") + "\n");
    if (buf === null) return out;
    let at = 0;
    while (at < buf.length) {
      const nl = buf.indexOf(10, at);
      if (nl < 0) break;
      const header = buf.subarray(at, nl).toString("utf8");
      const m = /^([0-9a-f]+) \w+ (\d+)$/.exec(header);
      if (m === null) {
        at = nl + 1;
        continue;
      }
      const size = Number(m[2]);
      out.set(m[1]!, buf.subarray(nl + 1, nl + 1 + size));
      at = nl + 1 + size + 1;
    }
    return out;
  }

  /** The commits that changed a path, newest first, optionally only those before a date. */
  log(path: string, before?: string): string[] {
    const out = this.git(["log", "--format=%H", ...(before === undefined ? [] : [`--before=${before}`]), "--", path]);
    return out === null ? [] : out.toString("utf8").split("\n").filter((s) => s !== "");
  }

  /** The newest commit of HEAD before a date. */
  commitBefore(date: string): string | null {
    const out = this.git(["rev-list", "-1", `--before=${date}`, "HEAD"]);
    const s = out?.toString("utf8").trim() ?? "";
    return s === "" ? null : s;
  }

  /** A commit's committer date (ISO 8601). */
  readDate(commit: string): string {
    return this.git(["show", "-s", "--format=%cI", commit])?.toString("utf8").trim() ?? "";
  }

  /** HEAD's commit. */
  head(): string {
    return execFileSync("git", ["-C", this.dir, "rev-parse", "HEAD"]).toString("utf8").trim();
  }
}

/**
 * Finds the checkout of `owner/name` under a directory of clones, laid out as `owner/name`,
 * `owner+name` (either possibly holding the git directory in `repo/`), or `name`. GitHub names are
 * case-insensitive (official-images names `perl/docker-perl`, GitHub spells it `Perl/docker-perl`),
 * so a directory whose name differs only in case matches too.
 */
export function findCheckout(root: string, repo: string): GitCheckout | null {
  const [owner, name] = repo.split("/") as [string, string];
  const entries = existsSync(root) ? readdirSync(root) : [];
  const anyCase = (want: string): string => entries.find((e) => e === want) ?? entries.find((e) => e.toLowerCase() === want.toLowerCase()) ?? want;
  for (const c of [join(root, anyCase(owner), name), join(root, anyCase(`${owner}+${name}`)), join(root, anyCase(name))]) {
    for (const d of [join(c, "repo"), c]) {
      if (existsSync(join(d, "HEAD")) || existsSync(join(d, ".git"))) return new GitCheckout(d);
    }
  }
  return null;
}
