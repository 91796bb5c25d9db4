/**
 * What a fetched checkout gives (src/fs/git/checkout.ts): BuildKit's ref resolution and the tree it
 * copies. Engine-observed behaviour is in add-git.spec.ts; here the rules in general.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gitCheckoutTree, resolveGitCommit, type GitTreeEntry } from "../../../src/fs/git/checkout.js";

const sha = (c: string) => c.repeat(40);

describe("resolveGitCommit", () => {
  const ls = `${sha("a")}\trefs/heads/x\n${sha("b")}\trefs/tags/x\n${sha("c")}\trefs/tags/t\n${sha("d")}\trefs/tags/t^{}\n`;
  it("prefers the branch to the tag of the same name, as git checkout does", () => {
    expect(resolveGitCommit("x", "", false, ls, "main")).toEqual({ ok: true, commit: sha("a") });
  });
  it("takes the tag (or the commit an annotated tag points at) when there is no branch", () => {
    expect(resolveGitCommit("t", "", false, ls, "main")).toEqual({ ok: true, commit: sha("d") });
    expect(resolveGitCommit("refs/tags/x", "", false, ls, "main")).toEqual({ ok: true, commit: sha("b") });
  });
  it("uses the default branch without a ref, and says BuildKit's words for a missing ref", () => {
    expect(resolveGitCommit("", "", false, `${sha("e")}\trefs/heads/main\n`, "refs/heads/main")).toEqual({ ok: true, commit: sha("e") });
    expect(resolveGitCommit("nope", "", false, "", "main")).toEqual({ ok: false, error: 'repository does not contain ref nope, output: ""' });
  });
  it("a full commit id given as the ref or as the checksum is used as is (the checksum wins, unless .git is kept)", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9a-f]{40}$/), fc.stringMatching(/^[0-9a-f]{40}$/), (ref, checksum) => {
        expect(resolveGitCommit(ref, "", false, "", "")).toEqual({ ok: true, commit: ref });
        expect(resolveGitCommit(ref, checksum, false, "", "")).toEqual({ ok: true, commit: checksum });
        expect(resolveGitCommit(ref, checksum, true, "", "")).toEqual({ ok: true, commit: ref });
      }),
    );
  });
  it("a checksum that is not hex fails; a short one must prefix the resolved commit", () => {
    expect(resolveGitCommit("x", "sha256:00", false, ls, "")).toEqual({ ok: false, error: "invalid checksum sha256:00 for Git URL, expected hex commit hash" });
    expect(resolveGitCommit("x", "aaaa", false, ls, "")).toEqual({ ok: true, commit: sha("a") });
    expect(resolveGitCommit("x", "bbbb", false, ls, "")).toEqual({ ok: false, error: `expected checksum to match bbbb, got ${sha("a")}` });
  });
});

describe("gitCheckoutTree", () => {
  const entries: GitTreeEntry[] = [
    { type: "dir", path: "sub" },
    { type: "file", path: "sub/s.txt", executable: false, size: 2, content: new TextEncoder().encode("s\n") },
    { type: "file", path: "run.sh", executable: true, size: 0, content: new Uint8Array() },
    { type: "symlink", path: "link", target: "run.sh" },
  ];
  it("gives files 0644 or 0755 by the executable bit, directories 0755, all owned by root", () => {
    const t = gitCheckoutTree(entries, "", false);
    if (!t.ok) throw new Error(t.error);
    expect([...t.node.children.keys()].sort()).toEqual(["link", "run.sh", "sub"]);
    expect(t.node.children.get("run.sh")).toMatchObject({ type: "file", mode: 0o755, uid: 0, gid: 0 });
    expect((t.node.children.get("sub") as { children: Map<string, unknown> }).children.get("s.txt")).toMatchObject({ mode: 0o644 });
  });
  it("keeps .git as a directory of unknown contents only at the repository root", () => {
    const kept = gitCheckoutTree(entries, "", true);
    expect(kept.ok && kept.node.children.get(".git")).toMatchObject({ type: "dir", complete: false });
    const sub = gitCheckoutTree(entries, "sub", true);
    expect(sub.ok && sub.node.children.has(".git")).toBe(false);
  });
  it("refuses a subdir that is a file, a link or missing, with BuildKit's words", () => {
    expect(gitCheckoutTree(entries, "link", false)).toEqual({ ok: false, error: 'invalid subdir /link: git subpath "/link" contains non-directory "link"' });
    expect(gitCheckoutTree(entries, "sub/s.txt", false)).toEqual({ ok: false, error: 'invalid subdir /sub/s.txt: git subpath "/sub/s.txt" contains non-directory "sub/s.txt"' });
    expect(gitCheckoutTree(entries, "nope", false)).toEqual({ ok: false, error: 'invalid subdir /nope: failed to lstat "nope": statat nope: no such file or directory' });
  });
});
