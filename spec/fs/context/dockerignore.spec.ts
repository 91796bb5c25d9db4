import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { filterContext, readDockerignore, type WalkNode } from "../../../src/fs/context/dockerignore.js";
import { PatternMatcher } from "../../../src/fs/context/pattern-matcher.js";
import { memoryContext } from "../../../src/fs/context/memory-context.js";
import { ENGINE_IGNORES, ENGINE_TREE } from "./engine-cases.js";

const here = dirname(fileURLToPath(import.meta.url));
const recorded = JSON.parse(readFileSync(join(here, "engine-dockerignore.json"), "utf8")) as Record<string, Record<string, { ok: boolean; entries?: string[] }>>;

const perm = (t: string, m: number): string =>
  (t === "dir" ? "d" : t === "symlink" ? "l" : "-") +
  [6, 3, 0].map((s) => ((m >> s) & 4 ? "r" : "-") + ((m >> s) & 2 ? "w" : "-") + ((m >> s) & 1 ? "x" : "-")).join("");

describe("readDockerignore (ignorefile.ReadAll)", () => {
  it.each<[string, string, string[]]>([
    ["comments at column 1 only", "# c\n  #x\n", ["#x"]],
    ["trim, clean, leading slash", " /a/./b/../c/ \n", ["a/c"]],
    ["exception trimmed and cleaned", "! /x/y/..\n", ["!x"]],
    ["root slash stays", "/\n", ["/"]],
    ["dot", "./\n", ["."]],
    ["bare !", "!\n", ["!"]],
    ["CRLF and BOM", "\uFEFFa\r\nb\r\n", ["a", "b"]],
    ["BOM only on the first line", "a\n\uFEFFb\n", ["a", "\uFEFFb"]],
    ["empty lines dropped", "\n\n  \t\nx", ["x"]],
    ["U+0085 is Go white space", "\u0085x\u0085", ["x"]],
  ])("%s", (_n, text, expected) => {
    expect(readDockerignore(text)).toEqual(expected);
  });
});

describe("PatternMatcher (patternmatcher v0.6.0)", () => {
  const m = (patterns: string[]) => {
    const r = PatternMatcher.create(patterns);
    if (!r.ok) throw new Error(r.error.message);
    return r.matcher;
  };
  it.each<[string[], string, boolean]>([
    [["*.txt"], "a.txt", true],
    [["*.txt"], "d/a.txt", false],
    [["**/*.txt"], "d/e/a.txt", true],
    [["**/*.txt"], "a.txt", true],
    [["d"], "d/e/f", true],
    [["d/**"], "d", false],
    [["d/**"], "d/x", true],
    [["d**"], "dar/z", true],
    [["**"], "anything/at/all", true],
    [["*", "!keep"], "keep", false],
    [["!keep", "*"], "keep", true],
    [["d", "!d/k"], "d/k", false],
    [["d", "!d/k"], "d/k/x", false],
    [["a.b"], "aXb", false],
    [["a+b"], "a+b", true],
    [["[a-c]x"], "bx", true],
    [["[^a]x"], "ax", false],
    [["f\\*"], "f*", true],
    [["f\\*"], "fx", false],
    [["a/*/c"], "a/b/c", true],
    [["a/*/c"], "a/b/d/c", false],
    [["**/c"], "c", true],
    [["**c"], "abc", true],
    // The `*` inside brackets becomes `[^/]*` in the regexp: RE2 then reads the class `[[^/]`, so
    // `[*]x` means "any run of `[`, `^`, `/`, then `]x`" (a patternmatcher quirk).
    [["[*]x"], "*x", false],
    [["[*]x"], "]x", true],
    [["[*]x"], "[^]x", true],
  ])("%j excludes %s: %s", (patterns, path, expected) => {
    expect(m(patterns).matchesOrParentMatches(path)).toBe(expected);
  });

  it.each<[string[], string]>([
    [["!"], 'illegal exclusion pattern: "!"'],
    [["["], "syntax error in pattern"],
    [["a[b"], "syntax error in pattern"],
    [["x\\"], "syntax error in pattern"],
  ])("%j is rejected", (patterns, message) => {
    const r = PatternMatcher.create(patterns);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe(message);
  });

  it("the legacy Matches only checks the ancestor as deep as the pattern", () => {
    const pm = m(["a/b"]);
    expect(pm.matchesLegacy("a/b/c/d")).toBe(true);
    const star = m(["*"]);
    expect(star.matchesLegacy("x/y/z")).toBe(true);
    const deep = m(["*/c"]);
    expect(deep.matchesLegacy("a/b/c/d")).toBe(false);
    expect(deep.matchesOrParentMatches("a/c/d")).toBe(true);
  });
});

describe("what reaches the daemon: replay of real builds (Docker 28.5, both builders)", () => {
  // Every row here was recorded on the engine (record-dockerignore.ts): engine-verified.
  const rows = Object.keys(ENGINE_IGNORES).flatMap((name) => (["buildkit", "legacy"] as const).map((b) => [name, b] as const));
  it.each(rows)("engine-verified: %s (%s)", (name, builder) => {
    const ctx = memoryContext({ ...ENGINE_TREE, ".dockerignore": ENGINE_IGNORES[name]! }, { builder });
    const got = [...ctx.entries()].map((e) => `${e.path} ${perm(e.type, e.mode)}`).sort();
    expect(recorded[name]![builder]!.ok).toBe(true);
    expect(got).toEqual(recorded[name]![builder]!.entries);
  });

  it("engine-verified builder difference: `dir` + `!**/keep.txt` re-includes dir/keep.txt only with BuildKit", () => {
    const ignore = "dir\n!**/keep.txt\n";
    const bk = memoryContext({ ...ENGINE_TREE, ".dockerignore": ignore }, { builder: "buildkit" });
    const classic = memoryContext({ ...ENGINE_TREE, ".dockerignore": ignore }, { builder: "legacy" });
    expect(bk.get("dir/keep.txt")?.type).toBe("file");
    expect(classic.get("dir/keep.txt")).toBeUndefined();
    expect(classic.isIgnored("dir/keep.txt")).toBe(true);
  });

  it("engine-verified: an excluded directory kept for a re-included child has its own mode with BuildKit, 0755 with classic", () => {
    const ignore = "dir\n!dir/keep.txt\n";
    expect(memoryContext({ ...ENGINE_TREE, ".dockerignore": ignore }, { builder: "buildkit" }).get("dir")?.mode).toBe(0o700);
    expect(memoryContext({ ...ENGINE_TREE, ".dockerignore": ignore }, { builder: "legacy" }).get("dir")?.mode).toBe(0o755);
  });
});

describe("filterContext properties", () => {
  const name = fc.constantFrom("a", "b", "c.txt", "d.md", "keep", "x y");
  const pathArb = fc.array(name, { minLength: 1, maxLength: 3 }).map((p) => p.join("/"));
  const treeArb = fc.uniqueArray(pathArb, { maxLength: 12 });
  const patternArb = fc.oneof(
    pathArb,
    fc.constantFrom("*", "**", "**/*.txt", "*/keep", "a/**", "!a/b", "!**/keep", "!*.md", "a", "!a/*", "[ab]", "?"),
  );
  const listFor = (files: string[]) => {
    const dirs = new Set<string>();
    const all = new Set<string>();
    for (const f of files) {
      const parts = f.split("/");
      for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join("/"));
    }
    for (const f of files) if (!dirs.has(f)) all.add(f);
    for (const d of dirs) all.add(d);
    return (dir: string): WalkNode[] =>
      [...all]
        .filter((p) => (dir === "" ? !p.includes("/") : p.startsWith(dir + "/") && !p.slice(dir.length + 1).includes("/")))
        .sort()
        .map((p) => ({ path: p, isDir: dirs.has(p) }));
  };

  it("with no patterns everything is sent", () => {
    fc.assert(
      fc.property(treeArb, (files) => {
        const r = filterContext(listFor(files), [], { builder: "buildkit" });
        expect(r.ok && r.result.excluded.size).toBe(0);
      }),
    );
  });

  it("included and excluded are disjoint, and every included path's parents arrive", () => {
    fc.assert(
      fc.property(treeArb, fc.array(patternArb, { maxLength: 5 }), fc.constantFrom("buildkit" as const, "legacy" as const), (files, patterns, builder) => {
        const r = filterContext(listFor(files), patterns, { builder, dockerfile: null });
        if (!r.ok) return;
        for (const p of r.result.included) {
          expect(r.result.excluded.has(p)).toBe(false);
          const i = p.lastIndexOf("/");
          if (i > 0) {
            const parent = p.slice(0, i);
            expect(r.result.included.has(parent) || r.result.parentOnly.has(parent)).toBe(true);
          }
        }
      }),
    );
  });

  it("BuildKit sends everything the classic builder sends (it never skips more directories)", () => {
    fc.assert(
      fc.property(treeArb, fc.array(patternArb, { maxLength: 5 }), (files, patterns) => {
        const list = listFor(files);
        const bk = filterContext(list, patterns, { builder: "buildkit", dockerfile: null });
        const cl = filterContext(list, patterns, { builder: "legacy", dockerfile: null });
        if (!bk.ok || !cl.ok) return;
        for (const p of cl.result.included) expect(bk.result.included.has(p)).toBe(true);
      }),
    );
  });

  it("a trailing exact exception always re-includes a plain file path", () => {
    fc.assert(
      fc.property(treeArb, fc.array(patternArb, { maxLength: 4 }), (files, patterns) => {
        const f = files.find((x) => !files.some((y) => y.startsWith(x + "/")));
        if (f === undefined) return;
        const r = PatternMatcher.create([...patterns, "!" + f]);
        if (r.ok) expect(r.matcher.matchesOrParentMatches(f)).toBe(false);
      }),
    );
  });
});
