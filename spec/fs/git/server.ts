/**
 * A git server on 127.0.0.1 for `ADD <git source>` cases: one repository made with the `git` CLI
 * (fixed authors and dates, so its commit ids are the same on every machine), served by
 * `git daemon` (`git://`) and by a dumb-HTTP file server (`http://…/repo.git`, after
 * `git update-server-info`). Dockerfiles of the cases say `{GIT}` and `{GITHTTP}` for the two
 * servers and `{FEATURE}` / `{V1}` for the commit ids of the `feature` branch and the `v1` tag.
 *
 * Needs `git` with `git daemon` (Debian's `git` package). Node-side test code only.
 *
 * @module
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, mkdir, readFile, rm, stat, symlink, writeFile, chmod } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { createServer as createNetServer } from "node:net";
import { tmpdir } from "node:os";
import { join, normalize } from "node:path";
import { promisify } from "node:util";
import type { PlaceholderServer } from "../copy/record-served.js";

const run = promisify(execFile);

/** A running pair of servers and the repository they serve. */
export interface GitServer {
  /** `git://127.0.0.1:<port>` */
  readonly git: string;
  /** `http://127.0.0.1:<port>` */
  readonly http: string;
  /** Commit ids: the tip of `feature`, the `v1` tag, the tip of `main`. */
  readonly commits: { readonly feature: string; readonly v1: string; readonly main: string };
  /** The bare repository's directory (for cloning in the simulator's edge tests). */
  readonly bareDir: string;
  close(): Promise<void>;
}

const FIXED_ENV = {
  GIT_AUTHOR_NAME: "dockerfile-semantics",
  GIT_AUTHOR_EMAIL: "tests@example.invalid",
  GIT_COMMITTER_NAME: "dockerfile-semantics",
  GIT_COMMITTER_EMAIL: "tests@example.invalid",
  GIT_AUTHOR_DATE: "2020-01-01T00:00:00Z",
  GIT_COMMITTER_DATE: "2020-01-01T00:00:00Z",
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_CONFIG_GLOBAL: "/dev/null",
};

async function git(cwd: string, ...args: string[]): Promise<string> {
  const r = await run("git", args, { cwd, env: { ...process.env, ...FIXED_ENV } });
  return r.stdout.trim();
}

/** The repository every case reads: `main` (two commits, tag `v1` on the first) and `feature`. */
async function makeRepository(root: string): Promise<{ bare: string; commits: GitServer["commits"] }> {
  const work = join(root, "work");
  await mkdir(join(work, "sub", "deep"), { recursive: true });
  await git(work, "init", "-q", "-b", "main");
  await writeFile(join(work, "a.txt"), "hello\n");
  await writeFile(join(work, "run.sh"), "#!/bin/sh\necho run\n");
  await chmod(join(work, "run.sh"), 0o755);
  await symlink("a.txt", join(work, "link"));
  await writeFile(join(work, "sub", "s.txt"), "s\n");
  await writeFile(join(work, "sub", "deep", "d.txt"), "deep\n");
  await git(work, "add", "-A");
  await git(work, "commit", "-q", "-m", "one");
  await git(work, "tag", "v1");
  await writeFile(join(work, "b.txt"), "two\n");
  await git(work, "add", "-A");
  await git(work, "commit", "-q", "-m", "two");
  await git(work, "checkout", "-q", "-b", "feature");
  await writeFile(join(work, "f.txt"), "feature\n");
  await git(work, "add", "-A");
  await git(work, "commit", "-q", "-m", "feature");
  await git(work, "checkout", "-q", "main");
  const commits = {
    feature: await git(work, "rev-parse", "feature"),
    v1: await git(work, "rev-parse", "v1"),
    main: await git(work, "rev-parse", "main"),
  };
  const bare = join(root, "repo.git");
  await git(root, "clone", "-q", "--bare", work, bare);
  await writeFile(join(bare, "git-daemon-export-ok"), "");
  await git(bare, "update-server-info");
  return { bare, commits };
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      const port = typeof a === "object" && a !== null ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

async function waitForDaemon(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      await run("git", ["ls-remote", url], { timeout: 5_000 });
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`git daemon at ${url} did not answer`);
}

/** Starts both servers on free ports of 127.0.0.1 with a fresh repository. */
export async function startGitServer(): Promise<GitServer> {
  const root = await mkdtemp(join(tmpdir(), "dfs-git-"));
  const { bare, commits } = await makeRepository(root);
  const port = await freePort();
  const daemon: ChildProcess = spawn("git", ["daemon", "--reuseaddr", `--base-path=${root}`, "--listen=127.0.0.1", `--port=${port}`, root], { stdio: "ignore" });
  const git = `git://127.0.0.1:${port}`;
  await waitForDaemon(`${git}/repo.git`);
  const http: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent((req.url ?? "/").split("?")[0]!));
    const file = join(root, path);
    if (!file.startsWith(root + "/")) {
      res.writeHead(403).end();
      return;
    }
    stat(file)
      .then(async (st) => {
        if (!st.isFile()) throw new Error("not a file");
        res.writeHead(200, { "Content-Type": "application/octet-stream" }).end(await readFile(file));
      })
      .catch(() => res.writeHead(404).end());
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  const a = http.address();
  const httpUrl = `http://127.0.0.1:${typeof a === "object" && a !== null ? a.port : 0}`;
  return {
    git,
    http: httpUrl,
    commits,
    bareDir: bare,
    async close() {
      daemon.kill();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Fills in the placeholders of a case's Dockerfile. */
export function withGitServer(text: string, s: GitServer): string {
  return text.replaceAll("{GITHTTP}", s.http).replaceAll("{GIT}", s.git).replaceAll("{FEATURE}", s.commits.feature).replaceAll("{V1}", s.commits.v1);
}

/** Puts the placeholders back into what a build printed. */
export function withoutGitServer(text: string, s: GitServer): string {
  return text.replaceAll(s.http, "{GITHTTP}").replaceAll(s.git, "{GIT}").replaceAll(s.commits.feature, "{FEATURE}").replaceAll(s.commits.v1, "{V1}");
}

/** The server as the shared recorder's placeholder server (fills in and puts back its addresses and commits). */
export function gitPlaceholders(s: GitServer): PlaceholderServer {
  return { fill: (t) => withGitServer(t, s), unfill: (t) => withoutGitServer(t, s), close: () => s.close() };
}
