/**
 * `ADD <git source>` cases, built for real against the servers of `server.ts` with both builders
 * (recorded in `spec/fixtures/engine-28.5/add-git.json` by `record.ts`). Placeholders: `{GIT}`
 * (`git://` daemon), `{GITHTTP}` (dumb HTTP), `{FEATURE}` and `{V1}` (commit ids).
 *
 * @module
 */
import type { FixtureContextValue } from "../copy/harness.js";
import type { ServedCase } from "../copy/record-served.js";

/** One case (`paths`: where the files are compared). */
export type GitCase = ServedCase;

const c = (id: string, title: string, lines: string, paths: readonly string[] = ["/x"], context?: Record<string, FixtureContextValue>): GitCase => ({
  id,
  title,
  dockerfile: `FROM scratch\n${lines}\n`,
  paths,
  ...(context === undefined ? {} : { context }),
});

/** Every recorded case, in fixture order. */
export const GIT_CASES: readonly GitCase[] = [
  c("default-branch", "the default branch, cloned into a directory (no .git)", "ADD {GIT}/repo.git /x"),
  c("tag", "#tag", "ADD {GIT}/repo.git#v1 /x"),
  c("branch-subdir", "#branch:subdir copies the subdirectory's contents", "ADD {GIT}/repo.git#feature:sub /x"),
  c("subdir-only", "#:subdir on the default branch", "ADD {GIT}/repo.git#:sub /x"),
  c("commit", "#<commit id>", "ADD {GIT}/repo.git#{FEATURE} /x"),
  c("query-ref-subdir", "?ref=…&subdir=… (the query form)", "ADD {GIT}/repo.git?ref=v1&subdir=sub /x"),
  c("query-tag", "?tag=v1 (refs/tags/v1)", "ADD {GIT}/repo.git?tag=v1 /x"),
  c("query-branch", "?branch=feature (refs/heads/feature)", "ADD {GIT}/repo.git?branch=feature /x"),
  c("keep-git-dir", "--keep-git-dir keeps .git (its contents depend on the git of the daemon's host)", "ADD --keep-git-dir {GIT}/repo.git#v1 /x"),
  c("keep-git-dir-query", "?keep-git-dir keeps .git", "ADD {GIT}/repo.git?keep-git-dir=true#v1 /x"),
  c("chown-chmod", "--chown and --chmod apply to every entry and to the destination", "ADD --chown=5:6 --chmod=700 {GIT}/repo.git#v1 /x"),
  c("relative-dest", "a relative destination below WORKDIR", "WORKDIR /w\nADD {GIT}/repo.git#:sub y/", ["/w"]),
  c("nested-dest", "parents of the destination are created", "ADD {GIT}/repo.git#:sub /a/b/c", ["/a"]),
  c("trailing-slash", "a destination ending in /", "ADD {GIT}/repo.git#v1:sub /x/"),
  c("with-context-file", "a git source and a context file into one directory", "ADD {GIT}/repo.git#:sub a.txt /x/", ["/x"], { "a.txt": "context\n" }),
  c("into-existing-dir", "into a directory that exists: merged", "COPY keep.txt /x/\nADD {GIT}/repo.git#:sub /x", ["/x"], { "keep.txt": "keep\n" }),
  c("over-existing-file", "the destination is a file", "COPY keep.txt /x\nADD {GIT}/repo.git#:sub /x", ["/x"], { "keep.txt": "keep\n" }),
  c("dumb-http", "http://…/repo.git#ref:subdir over dumb HTTP", "ADD {GITHTTP}/repo.git#v1:sub /x"),
  c("http-no-dot-git", "http://… not ending in .git is a download, not a clone", "ADD {GITHTTP}/repo.git/HEAD /x"),
  c("unknown-ref", "a ref the repository does not have", "ADD {GIT}/repo.git#nope /x"),
  c("subdir-is-file", "a subdir that is a file", "ADD {GIT}/repo.git#:sub/s.txt /x"),
  c("subdir-missing", "a subdir the commit does not have", "ADD {GIT}/repo.git#:nope /x"),
  c("subdir-symlink", "a subdir that is a symlink to a file", "ADD {GIT}/repo.git#:link /x"),
  c("subdir-nested", "a nested subdir", "ADD {GIT}/repo.git#v1:sub/deep /x"),
  c("missing-repo", "a repository the server does not have", "ADD {GIT}/nope.git /x"),
  c("copy-refused", "COPY of a git source", "COPY {GIT}/repo.git /x"),
  c("query-unexpected", "an unknown query key", "ADD {GIT}/repo.git?x=1 /x"),
  c("query-branch-and-tag", "?tag= and ?branch= together", "ADD {GIT}/repo.git?tag=v1&branch=main /x"),
  c("query-ref-conflict", "a fragment ref and a different ?ref=", "ADD {GIT}/repo.git?ref=main#v1 /x"),
  c("checksum-not-hex", "--checksum that is not a commit id", "ADD --checksum=sha256:0000000000000000000000000000000000000000000000000000000000000000 {GIT}/repo.git#v1 /x"),
  c("checksum-commit", "--checksum naming the commit the ref points at", "ADD --checksum={V1} {GIT}/repo.git#v1 /x"),
  c("checksum-wrong-commit", "--checksum naming another commit", "ADD --checksum={FEATURE} {GIT}/repo.git#v1 /x"),
  c("checksum-conflict", "--checksum and ?checksum= differ", "ADD --checksum={V1} {GIT}/repo.git?checksum={FEATURE}#v1 /x"),
  c("keep-git-dir-conflict", "--keep-git-dir=false with ?keep-git-dir=true", "ADD --keep-git-dir=false {GIT}/repo.git?keep-git-dir=true#v1 /x"),
  c("github-form", "github.com/… is a context path for ADD", "ADD github.com/moby/moby /x"),
  c("scheme-case", "GIT:// is a git source too", "ADD GIT://127.0.0.1:1/repo.git#v1 /x"),
];
