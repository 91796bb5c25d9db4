import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveInContext } from "../../../src/fs/context/context-path.js";
import { CLASSIC_NO_SOURCES, expandSources } from "../../../src/fs/context/glob.js";
import { containsWildcards, goMatch } from "../../../src/fs/context/go-match.js";
import { memoryContext } from "../../../src/fs/context/memory-context.js";

const BAD = "bad" as const;

describe("goMatch (Go filepath.Match, Unix)", () => {
  // Rows after Go's own path/filepath match tests.
  it.each<[string, string, boolean | typeof BAD]>([
    ["abc", "abc", true],
    ["*", "abc", true],
    ["*c", "abc", true],
    ["a*", "a", true],
    ["a*", "abc", true],
    ["a*", "ab/c", false],
    ["a*/b", "abc/b", true],
    ["a*/b", "a/c/b", false],
    ["a*b*c*d*e*/f", "axbxcxdxe/f", true],
    ["a*b*c*d*e*/f", "axbxcxdxexxx/f", true],
    ["a*b*c*d*e*/f", "axbxcxdxe/xxx/f", false],
    ["a*b*c*d*e*/f", "axbxcxdxexxx/fff", false],
    ["a*b?c*x", "abxbbxdbxebxczzx", true],
    ["a*b?c*x", "abxbbxdbxebxczzy", false],
    ["ab[c]", "abc", true],
    ["ab[b-d]", "abc", true],
    ["ab[e-g]", "abc", false],
    ["ab[^c]", "abc", false],
    ["ab[^b-d]", "abc", false],
    ["ab[^e-g]", "abc", true],
    ["a\\*b", "a*b", true],
    ["a\\*b", "ab", false],
    ["a?b", "a☺b", true],
    ["a[^a]b", "a☺b", true],
    ["a???b", "a☺b", false],
    ["a[^a][^a][^a]b", "a☺b", false],
    ["[a-ζ]*", "α", true],
    ["*[a-ζ]", "A", false],
    ["a?b", "a/b", false],
    ["a*b", "a/b", false],
    ["[\\]a]", "]", true],
    ["[\\-]", "-", true],
    ["[x\\-]", "x", true],
    ["[x\\-]", "-", true],
    ["[x\\-]", "z", false],
    ["[\\-x]", "x", true],
    ["[\\-x]", "-", true],
    ["[\\-x]", "a", false],
    ["[]a]", "]", BAD],
    ["[-]", "-", BAD],
    ["[x-]", "x", BAD],
    ["[x-]", "-", BAD],
    ["[-x]", "x", BAD],
    ["\\", "a", BAD],
    ["[a-b-c]", "a", BAD],
    ["[", "a", BAD],
    ["[^", "a", BAD],
    ["[^bc", "a", BAD],
    ["a[", "a", BAD],
    ["a[", "ab", BAD],
    ["a[", "x", BAD],
    ["a/b[", "x", BAD],
    ["*x", "xxx", true],
  ])("Match(%j, %j) = %s", (pattern, name, expected) => {
    const r = goMatch(pattern, name);
    if (expected === BAD) expect(r.ok).toBe(false);
    else expect(r).toEqual({ ok: true, matched: expected });
  });

  const text = fc.string({ unit: fc.constantFrom("a", "b", "/", "*", "?", "[", "]", "\\", "-", "^", "☺") });
  const escape = (s: string) => s.replace(/[*?[\]\\]/g, (c) => "\\" + c);
  it("an escaped name matches exactly itself", () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(goMatch(escape(a), a)).toEqual({ ok: true, matched: true });
        expect(goMatch(escape(a), b)).toEqual({ ok: true, matched: a === b });
      }),
    );
  });
  it("`*` matches exactly the names without a slash", () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(goMatch("*", s)).toEqual({ ok: true, matched: !s.includes("/") });
      }),
    );
  });
  it("a syntax error is reported whatever the name", () => {
    fc.assert(
      fc.property(text, text, (p, s) => {
        expect(goMatch(p, s).ok).toBe(goMatch(p, "").ok);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("containsWildcards", () => {
  it.each<[string, boolean]>([
    ["a.txt", false],
    ["*.txt", true],
    ["a?", true],
    ["[ab]", true],
    ["a\\*b", false],
    ["a\\\\*", true],
  ])("%j: %s", (p, expected) => expect(containsWildcards(p)).toBe(expected));
});

describe("expandSources", () => {
  const ctx = (builder: "buildkit" | "legacy") =>
    memoryContext(
      {
        "a.txt": "a",
        "b.txt": "b",
        "c.md": "c",
        "dir/x.txt": "x",
        "dir/sub/y.txt": "y",
        "dar/z.txt": "z",
        "ln": { symlink: "dir" },
        "f": "file",
      },
      { builder },
    );

  // Rows marked V were checked on Docker 28.5 (COPY with the pattern, then docker export).
  it.each<["buildkit" | "legacy", string, string[]]>([
    ["buildkit", "*.txt", ["a.txt", "b.txt"]], // V
    ["legacy", "*.txt", ["a.txt", "b.txt"]], // V
    ["buildkit", "/./*.txt", ["a.txt", "b.txt"]], // V
    ["buildkit", "d*", ["dar", "dir"]],
    ["legacy", "d*", ["dar", "dir"]],
    ["buildkit", "d*/*.txt", ["dar/z.txt", "dir/x.txt"]], // V
    ["legacy", "d*/*.txt", ["dar/z.txt", "dir/x.txt"]], // V
    ["buildkit", "dir//*.txt", ["dir/x.txt"]], // V
    ["legacy", "dir//*.txt", []], // V
    ["buildkit", "dir/*/", ["dir/sub", "dir/x.txt"]], // V
    ["legacy", "dir/*/", []], // V
    ["buildkit", "ln/*.txt", ["dir/x.txt"]], // V
    ["legacy", "ln/*.txt", []], // V
    ["legacy", "[", []], // V
    ["legacy", "*", ["a.txt", "b.txt", "c.md", "dar", "dir", "f", "ln"]],
  ])("%s: %j", (builder, pattern, expected) => {
    const r = expandSources(ctx(builder), pattern, builder);
    expect(r).toEqual({ ok: true, wildcard: true, matches: expected });
  });

  it.each<[string, string, string]>([
    ["nodir/*.txt", "base-missing", "lstat /nodir: no such file or directory"], // V
    ["f/*", "base-missing", "lstat /f: no such file or directory"], // V: a file base is not transferred
    ["dir/*.md", "base-missing", "lstat /dir: no such file or directory"], // V: nothing under dir matches, dir is not sent
    ["[", "bad-pattern", "invalid includepatterns: [[]: syntax error in pattern"], // V (message lists all sources)
  ])("BuildKit fails: %j", (pattern, kind, message) => {
    const r = expandSources(ctx("buildkit"), pattern, "buildkit");
    expect(r).toEqual({ ok: false, error: { kind, path: expect.any(String), message } });
  });

  it("BuildKit: other sources of the build can make a base directory transferred", () => {
    expect(expandSources(ctx("buildkit"), "dir/*.md", "buildkit", { includePatterns: ["dir/*.md", "dir/x.txt"] })).toEqual({ ok: true, wildcard: true, matches: [] });
    expect(expandSources(ctx("buildkit"), "dir/*.md", "buildkit", { includePatterns: ["."] })).toEqual({ ok: true, wildcard: true, matches: [] });
  });

  it("BuildKit fails when the directory before the first wildcard is missing", () => {
    const r = expandSources(ctx("buildkit"), "nodir/*.txt", "buildkit");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.kind).toBe("base-missing");
    expect(expandSources(ctx("legacy"), "nodir/*.txt", "legacy")).toEqual({ ok: true, wildcard: true, matches: [] });
    expect(CLASSIC_NO_SOURCES).toBe("no source files were specified");
  });

  it("without wildcards the named path is returned as each builder normalizes it", () => {
    expect(expandSources(ctx("buildkit"), "./dir/../a.txt", "buildkit")).toEqual({ ok: true, wildcard: false, matches: ["a.txt"] });
    expect(expandSources(ctx("legacy"), "/a.txt", "legacy")).toEqual({ ok: true, wildcard: false, matches: ["a.txt"] });
    expect(expandSources(ctx("buildkit"), "a\\*b", "buildkit")).toEqual({ ok: true, wildcard: false, matches: ["a\\*b"] });
  });

  it("resolveInContext follows links inside the root", () => {
    const c = memoryContext({ "d/f": "x", "up": { symlink: "../../d" }, "abs": { symlink: "/d" }, "loop": { symlink: "loop" } });
    expect(resolveInContext(c, "up/f")).toBe("d/f");
    expect(resolveInContext(c, "abs/f")).toBe("d/f");
    expect(resolveInContext(c, "missing/x")).toBe("missing/x");
    expect(typeof resolveInContext(c, "loop")).toBe("string");
  });
});
