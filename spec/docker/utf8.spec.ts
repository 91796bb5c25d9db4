import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareGoStrings } from "../../src/docker/utf8.js";

/** Go compares strings byte by byte over their UTF-8 encoding. */
function compareUtf8Bytes(a: string, b: string): number {
  const x = new TextEncoder().encode(a);
  const y = new TextEncoder().encode(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return (x[i] ?? 0) < (y[i] ?? 0) ? -1 : 1;
  return Math.sign(x.length - y.length);
}

describe("compareGoStrings", () => {
  it("orders well-formed strings as Go does (UTF-8 byte order)", () => {
    const text = fc.string({ unit: fc.oneof(fc.constantFrom("a", "/", "\uE000", "\uFFFD", "\u{1F600}", "\u{10000}"), fc.string({ unit: "grapheme", maxLength: 1 })) });
    fc.assert(fc.property(text, text, (a, b) => Math.sign(compareGoStrings(a, b)) === compareUtf8Bytes(a, b)), { numRuns: 2000 });
  });

  it("differs from JavaScript's < where UTF-16 misorders astral characters", () => {
    expect("\u{1F600}" < "\uFFFD").toBe(true);
    expect(compareGoStrings("\u{1F600}", "\uFFFD")).toBe(1);
  });
});
