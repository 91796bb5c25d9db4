/**
 * Issue 18 point 14: every citation in `docs/semantics/docker-28.5.md` is something a reader can
 * open (a path in this repository, or a public repository's path at a tag), and its shorthand is
 * explained once.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const DOC = readFileSync(join(ROOT, "docs", "semantics", "docker-28.5.md"), "utf8");
const lines = DOC.split("\n");

describe("docs/semantics/docker-28.5.md citations", () => {
  it("cites no path of a development machine", () => {
    expect(lines.filter((l) => /(^|[\s`(])\/(work|tmp\/verify|root|home)\//.test(l))).toEqual([]);
  });

  it("uses no unexplained shorthand (the 20.10 notes' R-numbers, B8, BH)", () => {
    expect(lines.filter((l) => /\bR\d+\.\d+(\.\d+)?\b|\bBH\b|\bB8\b/.test(l))).toEqual([]);
  });

  it("explains its builder tags once, before using them", () => {
    const first = lines.findIndex((l) => /\bL\b/.test(l) && !l.startsWith("- **L** ="));
    const defined = lines.findIndex((l) => l.startsWith("- **L** = the classic builder"));
    expect(defined).toBeGreaterThanOrEqual(0);
    expect(lines.findIndex((l) => l.startsWith("- **B** = BuildKit"))).toBeGreaterThanOrEqual(0);
    expect(first).toBeGreaterThan(defined);
  });

  it("every path of this repository it cites exists", () => {
    const cited = [...DOC.matchAll(/`((?:spec|src|docs)\/[^`\s]*)`/g)].map((m) => m[1]!);
    expect(cited.length).toBeGreaterThan(5);
    const missing = cited.filter((p) => !existsSync(join(ROOT, p.includes("*") ? dirname(p) : p)));
    expect(missing).toEqual([]);
  });

  it("every source of another repository it cites is pinned to a tag", () => {
    const unpinned = lines.filter((l) => /\bmoby\/(buildkit|moby|sys)\b/.test(l) && !/\bv\d+\.\d+/.test(l));
    expect(unpinned).toEqual([]);
  });
});
