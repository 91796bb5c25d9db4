/**
 * Fetches the git repositories a Dockerfile's `ADD <git source>` instructions clone (BuildKit), with
 * this machine's `git`, so that a simulation given the result (`simulate(text, { gitCheckouts })`)
 * knows the files: which commit the ref names, the tree, modes, symlinks and contents. The ref is
 * resolved the way BuildKit resolves it (`resolveGitCommit`): `git ls-remote <remote> <ref>
 * <ref>^{}`, and `git ls-remote --symref <remote> HEAD` for the default branch.
 *
 * @module
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { evaluateDockerfile, type BuildOptions } from "../evaluate/evaluate-dockerfile.js";
import { gitCheckoutKey, isCommitId, resolveGitCommit, type GitCheckout, type GitFetchRequest, type GitTreeEntry } from "../fs/git/checkout.js";

/** Limits of {@link fetchGitSources}. */
export interface FetchGitOptions {
  /** The `git` executable (default `git` on the PATH). */
  readonly git?: string;
  /** Per git command, in milliseconds (default 120,000). */
  readonly timeoutMs?: number;
  /** File contents kept per repository, in bytes (default 64 MiB); beyond it files keep their size but not their content. */
  readonly maxContentBytes?: number;
}

interface Run {
  readonly code: number;
  readonly stdout: Buffer;
  readonly stderr: string;
}

function runGit(git: string, args: readonly string[], o: { cwd?: string; timeoutMs: number; input?: string }): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(
      git,
      [...args],
      { cwd: o.cwd, timeout: o.timeoutMs, encoding: "buffer", maxBuffer: 1 << 30, env: { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_ASKPASS: "true" } },
      (err, stdout, stderr) => {
        const code = err === null ? 0 : typeof (err as { code?: unknown }).code === "number" ? ((err as { code: number }).code) : 1;
        resolve({ code, stdout: Buffer.from(stdout), stderr: Buffer.from(stderr).toString("utf8") });
      },
    );
    if (o.input !== undefined) child.stdin?.end(o.input);
  });
}

/** BuildKit's failure text for a git command: `git stderr:\n<stderr>: exit status <n>`. */
function gitFailure(what: string, r: Run): string {
  return `${what}: git stderr:\n${r.stderr}: exit status ${r.code}`;
}

/**
 * Fetches every git source a BuildKit build of `dockerfile` clones (after expansion with the given
 * build arguments). Never throws: a repository that cannot be fetched gives a `failed` checkout whose
 * message is marked approximate where BuildKit's git would word it its own way.
 *
 * @example
 * ```ts
 * import { simulate } from "dockerfile-semantics";
 * import { fetchGitSources } from "dockerfile-semantics/node";
 *
 * const text = "FROM scratch\nADD https://github.com/moby/moby.git#v28.5.0:client /src\n";
 * const gitCheckouts = await fetchGitSources(text);
 * simulate(text, { gitCheckouts }).stage?.files.lookup("/src/go.mod", true).found; // true
 * ```
 */
export async function fetchGitSources(dockerfile: string, options: BuildOptions = {}, fetchOptions: FetchGitOptions = {}): Promise<Map<string, GitCheckout>> {
  const requests = new Map<string, GitFetchRequest>();
  for (const r of evaluateDockerfile(dockerfile, { ...options, builder: "buildkit" }).gitRequests) requests.set(gitCheckoutKey(r.ref, r.checksum), r);
  const out = new Map<string, GitCheckout>();
  for (const [key, r] of requests) out.set(key, await fetchOne(r, fetchOptions));
  return out;
}

async function fetchOne(r: GitFetchRequest, o: FetchGitOptions): Promise<GitCheckout> {
  const git = o.git ?? "git";
  const timeoutMs = o.timeoutMs ?? 120_000;
  const remote = r.ref.remote;
  let defaultBranch = "";
  const needsLsRemote = !(isCommitId(r.checksum) && !r.keepGitDir) && !isCommitId(r.ref.ref);
  let lsRemote = "";
  if (needsLsRemote) {
    if (r.ref.ref === "") {
      const head = await runGit(git, ["ls-remote", "--symref", remote, "HEAD"], { timeoutMs });
      if (head.code !== 0) return { kind: "failed", message: gitFailure(`error fetching default branch for repository ${remote}`, head), approximate: true };
      const m = /^ref: (\S+)\tHEAD$/m.exec(head.stdout.toString("utf8"));
      defaultBranch = m === null ? "" : m[1]!;
      if (defaultBranch === "") return { kind: "failed", message: `could not find default branch for repository: ${remote}`, approximate: true };
    }
    const want = r.ref.ref === "" ? defaultBranch : r.ref.ref;
    const ls = await runGit(git, ["ls-remote", remote, want, `${want}^{}`], { timeoutMs });
    if (ls.code !== 0) return { kind: "failed", message: gitFailure(`failed to fetch remote ${remote}`, ls), approximate: true };
    lsRemote = ls.stdout.toString("utf8");
  }
  const commit = resolveGitCommit(r.ref.ref, r.checksum, r.keepGitDir, lsRemote, defaultBranch);
  if (!commit.ok) return { kind: "failed", message: commit.error };
  const dir = await mkdtemp(join(tmpdir(), "dfs-git-"));
  try {
    const init = await runGit(git, ["init", "-q", "--bare", dir], { timeoutMs });
    if (init.code !== 0) return { kind: "failed", message: gitFailure("git init", init), approximate: true };
    let fetched = await runGit(git, ["fetch", "-q", "--depth=1", remote, commit.commit], { cwd: dir, timeoutMs });
    if (fetched.code !== 0) fetched = await runGit(git, ["fetch", "-q", remote, "+refs/*:refs/fetched/*"], { cwd: dir, timeoutMs });
    if (fetched.code !== 0) return { kind: "failed", message: gitFailure(`failed to fetch remote ${remote}`, fetched), approximate: true };
    const tree = await runGit(git, ["ls-tree", "-r", "-t", "-l", "-z", commit.commit], { cwd: dir, timeoutMs });
    if (tree.code !== 0) return { kind: "failed", message: gitFailure(`failed to checkout remote ${remote}`, tree), approximate: true };
    return { kind: "checkout", commit: commit.commit, entries: await treeEntries(git, dir, tree.stdout, timeoutMs, o.maxContentBytes ?? 64 * 1024 * 1024) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function treeEntries(git: string, dir: string, listing: Buffer, timeoutMs: number, budget: number): Promise<GitTreeEntry[]> {
  const rows = listing.toString("utf8").split("\0").filter((l) => l !== "");
  const parsed = rows.map((row) => {
    const tab = row.indexOf("\t");
    const [mode, type, object, size] = row.slice(0, tab).split(/\s+/) as [string, string, string, string];
    return { mode, type, object, size: size === "-" ? 0 : Number.parseInt(size, 10), path: row.slice(tab + 1) };
  });
  const blobs = parsed.filter((p) => p.type === "blob");
  const contents = new Map<string, Buffer>();
  // Symlink targets are always read; regular files while their running total fits the content budget.
  const wanted: typeof blobs = [];
  let kept = 0;
  for (const b of blobs) {
    if (b.mode !== "120000") {
      kept += b.size;
      if (kept > budget) continue;
    }
    wanted.push(b);
  }
  if (wanted.length > 0) {
    const batch = await runGit(git, ["cat-file", "--batch"], { cwd: dir, timeoutMs, input: wanted.map((b) => b.object).join("\n") + "\n" });
    let at = 0;
    const buf = batch.stdout;
    while (at < buf.length) {
      const nl = buf.indexOf(0x0a, at);
      if (nl < 0) break;
      const [object, , size] = buf.subarray(at, nl).toString("utf8").split(" ");
      const n = Number.parseInt(size ?? "", 10);
      if (!(n >= 0)) break;
      contents.set(object!, buf.subarray(nl + 1, nl + 1 + n));
      at = nl + 1 + n + 1;
    }
  }
  return parsed.map((p): GitTreeEntry => {
    if (p.type === "tree") return { type: "dir", path: p.path };
    if (p.type === "commit") return { type: "submodule", path: p.path };
    const content = contents.get(p.object);
    if (p.mode === "120000") return { type: "symlink", path: p.path, target: content?.toString("utf8") ?? "" };
    return { type: "file", path: p.path, executable: p.mode === "100755", size: p.size, content: content === undefined ? null : new Uint8Array(content) };
  });
}
