/**
 * Go's `path.Clean` / `path.Join` (src/docker/go-path.ts), against the examples of Go's own
 * documentation (pkg.go.dev/path#Clean, #Join) and properties of a lexically cleaned path.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { goClean, goJoin, utf8Length } from "../../src/docker/go-path.js";

describe("goClean", () => {
  it("gives the results of Go's documented examples", () => {
    const examples: [string, string][] = [
      ["a/c", "a/c"],
      ["a//c", "a/c"],
      ["a/c/.", "a/c"],
      ["a/c/b/..", "a/c"],
      ["/../a/c", "/a/c"],
      ["/../a/b/../././/c", "/a/c"],
      ["", "."],
    ];
    for (const [input, want] of examples) expect(goClean(input)).toBe(want);
    expect(goJoin("a", "b", "c")).toBe("a/b/c");
    expect(goJoin("a", "b/c")).toBe("a/b/c");
    expect(goJoin("a/b", "c")).toBe("a/b/c");
    expect(goJoin("a/b", "/c")).toBe("a/b/c");
    expect(goJoin("a/b", "../../../xyz")).toBe("../xyz");
    expect(goJoin("", "")).toBe("");
    expect(goJoin("a", "")).toBe("a");
    expect(goJoin("", "a")).toBe("a");
  });

  it("property: the result is clean (no empty, . or inner .. element), idempotent, and names the same place", () => {
    const elem = fc.constantFrom("a", "bc", ".", "..", "", "é");
    fc.assert(
      fc.property(fc.boolean(), fc.array(elem, { maxLength: 12 }), (root, elems) => {
        const path = (root ? "/" : "") + elems.join("/");
        const rooted = path.startsWith("/");
        const clean = goClean(path);
        expect(goClean(clean)).toBe(clean);
        if (clean !== "/" && clean !== ".") {
          const parts = clean.replace(/^\//, "").split("/");
          expect(parts.every((p) => p !== "" && p !== ".")).toBe(true);
          // ".." only as leading elements of a relative path.
          const firstName = parts.findIndex((p) => p !== "..");
          expect(parts.slice(firstName < 0 ? parts.length : firstName).includes("..")).toBe(false);
          if (rooted) expect(parts[0]).not.toBe("..");
        }
        expect(clean.startsWith("/")).toBe(rooted);
        // The same place: resolve both lexically from a root of depth 20.
        const resolve = (p: string) => {
          const stack = Array.from({ length: 20 }, (_, i) => `r${i}`);
          const at = p.startsWith("/") ? [] : [...stack];
          for (const e of p.split("/")) {
            if (e === "" || e === ".") continue;
            if (e === "..") at.pop();
            else at.push(e);
          }
          return at.join("/");
        };
        expect(resolve(clean)).toBe(resolve(path));
      }),
      { numRuns: 300 },
    );
  });
});

describe("utf8Length", () => {
  it("counts what TextEncoder writes", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (s) => {
        expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
      }),
      { numRuns: 300 },
    );
  });
});
