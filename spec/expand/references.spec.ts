// findReferences and the references reported by expandWord.
import { describe, expect, it } from "vitest";
import { expandWord, findReferences } from "../../src/expand/index.js";
import { goQuote } from "../../src/docker/go-quote.js";

const bs = { escape: "\\" } as const;
const ref = (name: string, start: number, end: number, set = false) => ({ name, start, end, set });

describe("findReferences", () => {
  it("lists $name and ${name…} with offsets, in source order, nested ones included", () => {
    expect(findReferences("${A:-$B}/'$C'/${D", bs)).toEqual([ref("A", 0, 8), ref("B", 5, 7), ref("D", 14, 17)]);
    expect(findReferences('x$HOME"$1x"${@}\\$NO', bs)).toEqual([ref("HOME", 1, 6), ref("1", 7, 9), ref("@", 11, 15)]);
  });

  it("keeps going past errors", () => {
    expect(findReferences("${}$A${v:=x$B}${C?}${D:#x}${E.x$F}$G", bs)).toEqual([
      ref("A", 3, 5),
      ref("v", 5, 14),
      ref("B", 11, 13),
      ref("C", 14, 19),
      ref("D", 19, 26),
      ref("E", 26, 34),
      ref("F", 31, 33),
      ref("G", 34, 36),
    ]);
    expect(findReferences("'unterminated $A", bs)).toEqual([]);
    expect(findReferences('"unterminated $A', bs)).toEqual([ref("A", 14, 16)]);
    expect(findReferences("${A:-${B", bs)).toEqual([ref("A", 0, 8), ref("B", 5, 8)]);
  });

  it("lists references in pattern and replacement words", () => {
    expect(findReferences("${P/$N/$R}${P#$S}", bs).map((r) => r.name)).toEqual(["P", "N", "R", "P", "S"]);
  });

  it("uses the escape token", () => {
    expect(findReferences("\\$A `$B", { escape: "`" })).toEqual([ref("A", 1, 3)]);
  });

  it("marks set variables when given a lookup", () => {
    expect(findReferences("$A$B", bs, (n) => (n === "A" ? "" : undefined))).toEqual([ref("A", 0, 2, true), ref("B", 2, 4, false)]);
  });

  it("skips the empty name of ${+x}", () => {
    expect(findReferences("${+x}$A", bs)).toEqual([ref("A", 5, 7)]);
  });
});

describe("expandWord references", () => {
  it("records every lookup, also in unused modifier words", () => {
    const r = expandWord("${A:-$B}", (n) => (n === "A" ? "a" : undefined), bs);
    expect(r).toEqual({ ok: true, value: "a", references: [ref("A", 0, 8, true), ref("B", 5, 7, false)] });
  });

  it("counts UTF-16 offsets", () => {
    const r = expandWord("😀$é", () => "x", bs);
    expect(r).toEqual({ ok: true, value: "😀x", references: [ref("é", 2, 4, true)] });
  });
});

describe("goQuote (Go %q)", () => {
  it("escapes like strconv.Quote", () => {
    expect(goQuote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(goQuote("\t\n\r\x07\x08\x0b\x0c\x00\x7f")).toBe('"\\t\\n\\r\\a\\b\\v\\f\\x00\\x7f"');
    expect(goQuote("é한😀 ")).toBe('"é한😀 "');
    expect(goQuote("\u00a0\u00ad\u2028\uFEFF\u{E0001}")).toBe('"\\u00a0\\u00ad\\u2028\\ufeff\\U000e0001"');
  });
});
