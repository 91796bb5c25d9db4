/**
 * `parseGitSource`: which ADD sources BuildKit clones and how it splits them (src/docker/git-ref.ts).
 * The engine-observed cases are in spec/fs/git (recorded on 28.5); here the rules in general.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseGitSource, goParseBool } from "../../src/docker/git-ref.js";

const gitOf = (s: string) => {
  const r = parseGitSource(s);
  if (r.kind !== "git") throw new Error(`${s}: ${JSON.stringify(r)}`);
  return r.ref;
};

describe("parseGitSource: what is a git source", () => {
  it.each([
    ["git://host/r.git", true],
    ["git://host/r", true],
    ["ssh://git@host/r", true],
    ["https://host/r.git", true],
    ["HTTPS://host/r.git", true],
    ["http://host/r.git#main", true],
    ["https://host/r.git?ref=v1", true],
    ["git@github.com:moby/moby.git", true],
    ["https://host/r", false],
    ["https://host/r.git/", false],
    ["https://host/r.tar.gz", false],
    ["ftp://host/r.git", false],
    ["github.com/moby/moby", false],
    ["./r.git", false],
    ["../r.git", false],
    ["r.git", false],
    ["/abs/r.git", false],
    ["https://host:x/r.git", false],
    ["https://host/%zz.git", false],
  ])("%s -> %s", (source, expected) => {
    expect(parseGitSource(source).kind === "git").toBe(expected);
  });

  it("github.com/… is BuildKit's deprecated form: not cloned by ADD, but counted as git by --checksum's check", () => {
    expect(parseGitSource("github.com/moby/moby")).toEqual({ kind: "not-git", deprecatedGithubForm: true });
  });
});

describe("parseGitSource: ref, subdir and options", () => {
  it("splits the fragment at its first colon", () => {
    expect(gitOf("git://h/r.git#v1:a/b:c")).toMatchObject({ remote: "git://h/r.git", ref: "v1", subdir: "a/b:c" });
    expect(gitOf("git://h/r.git#:sub")).toMatchObject({ ref: "", subdir: "sub" });
    expect(gitOf("git@h:o/r.git#main")).toMatchObject({ remote: "git@h:o/r.git", ref: "main", subdir: "" });
  });
  it("reads the query form, tags and branches as full refs", () => {
    expect(gitOf("git://h/r.git?ref=v1&subdir=sub")).toMatchObject({ ref: "v1", subdir: "sub" });
    expect(gitOf("git://h/r.git?tag=v1")).toMatchObject({ ref: "refs/tags/v1" });
    expect(gitOf("git://h/r.git?branch=refs/heads/x")).toMatchObject({ ref: "refs/heads/x" });
    expect(gitOf("git://h/r.git?keep-git-dir")).toMatchObject({ keepGitDir: true });
    expect(gitOf("git://h/r.git?keep-git-dir=0&submodules=false")).toMatchObject({ keepGitDir: false, submodules: false });
    expect(gitOf("git://h/r.git?commit=abc")).toMatchObject({ checksum: "abc" });
  });
  it("lower-cases the scheme of the remote, as Go's url.URL.String does", () => {
    expect(gitOf("GIT://h/r.git#v1").remote).toBe("git://h/r.git");
  });
  it("marks unencrypted transports", () => {
    expect(gitOf("git://h/r.git").unencryptedTcp).toBe(true);
    expect(gitOf("http://h/r.git").unencryptedTcp).toBe(true);
    expect(gitOf("https://h/r.git").unencryptedTcp).toBe(false);
  });
  it.each([
    ["git://h/r.git?x=1", 'unexpected query "x"'],
    ["git://h/r.git?tag=v1&branch=main", "branch conflicts with tag"],
    ["git://h/r.git?ref=main#v1", 'ref conflicts: "v1" vs "main"'],
    ["git://h/r.git?subdir=a#:b", 'subdir conflicts: "b" vs "a"'],
    ["git://h/r.git?ref=", 'query "ref" has no value'],
    ["git://h/r.git?ref=a&ref=b", 'query "ref" has multiple values'],
    ["git://h/r.git?keep-git-dir=maybe", 'invalid keep-git-dir value: "maybe"'],
  ])("refuses %s with BuildKit's message", (source, message) => {
    expect(parseGitSource(source)).toEqual({ kind: "invalid", message });
  });
});

describe("parseGitSource: properties", () => {
  it("never throws, and classifies every string", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        const r = parseGitSource(s);
        expect(["git", "invalid", "not-git"]).toContain(r.kind);
      }),
      { numRuns: 2000 },
    );
  });
  const word = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,10}$/);
  it("a git:// URL with #ref:subdir gives back its ref and subdir, and its remote without the fragment", () => {
    fc.assert(
      fc.property(word, word, word, fc.option(word, { nil: undefined }), (host, repo, ref, sub) => {
        const remote = `git://${host}/${repo}.git`;
        const r = gitOf(`${remote}#${ref}${sub === undefined ? "" : `:${sub}`}`);
        expect([r.remote, r.ref, r.subdir]).toEqual([remote, ref, sub ?? ""]);
      }),
    );
  });
  it("an http(s) URL is a git source exactly when its path ends in .git", () => {
    fc.assert(
      fc.property(fc.constantFrom("http", "https"), word, fc.array(word, { minLength: 1, maxLength: 3 }), fc.boolean(), (scheme, host, segs, dotGit) => {
        const path = segs.join("/") + (dotGit ? ".git" : "");
        expect(parseGitSource(`${scheme}://${host}/${path}`).kind === "git").toBe(path.endsWith(".git"));
      }),
    );
  });
  it("a relative path is never a git source", () => {
    fc.assert(
      fc.property(fc.constantFrom("./", "../"), fc.string(), (p, rest) => {
        expect(parseGitSource(p + rest).kind).toBe("not-git");
      }),
    );
  });
});

describe("goParseBool", () => {
  it("accepts Go's spellings only", () => {
    expect(["1", "t", "T", "TRUE", "true", "True"].map(goParseBool)).toEqual(Array(6).fill(true));
    expect(["0", "f", "F", "FALSE", "false", "False"].map(goParseBool)).toEqual(Array(6).fill(false));
    expect(["yes", "tRUE", "", "2"].map(goParseBool)).toEqual([null, null, null, null]);
  });
});
