// Table tests for splitWords (Docker's parseWords, BuildKit v0.25.2 parser/line_parsers.go L53-136).
import { describe, expect, it } from "vitest";
import { splitWords, type EscapeToken } from "../../src/expand/index.js";

interface SplitCase {
  readonly text: string;
  readonly escape?: EscapeToken;
  readonly words: readonly string[];
  /** Checked on Docker 28.5 through `LABEL <text>` (both builders): the labels that resulted. */
  readonly engine?: Readonly<Record<string, string>> | string;
}

const cases: readonly SplitCase[] = [
  { text: "", words: [] },
  { text: "   \t ", words: [] },
  { text: "a=b c=d", words: ["a=b", "c=d"], engine: { a: "b", c: "d" } },
  { text: '  a="b c"   d=e\\ f  ', words: ['a="b c"', "d=e\\ f"], engine: { a: "b c", d: "e f" } },
  { text: "a=x\"y z\"w", words: ['a=x"y z"w'], engine: { a: "xy zw" } },
  { text: "a='b c'd", words: ["a='b c'd"], engine: { a: "b cd" } },
  // Inside '…' the escape token is ordinary: the second ' closes the quote.
  { text: "a='b\\' c'", words: ["a='b\\'", "c'"], engine: "Syntax error - can't find = in \"c'\". Must be of the form: name=value" },
  // Inside "…" the escape token keeps the next character, so \" does not close the quote.
  { text: 'a="b\\" c"', words: ['a="b\\" c"'], engine: { a: 'b" c' } },
  { text: "a=\\'b c=d", words: ["a=\\'b", "c=d"], engine: { a: "'b", c: "d" } },
  { text: 'a=\\"b c=d', words: ['a=\\"b', "c=d"], engine: { a: '"b', c: "d" } },
  // An unterminated quote runs to the end of the text.
  { text: 'a="b c', words: ['a="b c'] },
  // A trailing escape token is dropped (outside and inside double quotes).
  { text: "a=b\\", words: ["a=b"] },
  { text: 'a="b\\', words: ['a="b'] },
  { text: "a='b\\", words: ["a='b\\"] },
  // Non-ASCII white space separates words too (Go unicode.IsSpace).
  { text: "a=1\u00a0b=2\u3000c=3\u0085d=4", words: ["a=1", "b=2", "c=3", "d=4"] },
  // U+FEFF is not white space.
  { text: "a=\uFEFFb", words: ["a=\uFEFFb"] },
  // Backtick as escape token: backslash is an ordinary character.
  { text: "a=b`  c=d\\ e", escape: "`", words: ["a=b` ", "c=d\\", "e"] },
  { text: 'a="x`" y"', escape: "`", words: ['a="x`" y"'] },
  { text: "a=`", escape: "`", words: ["a="] },
  { text: "😀=1 é=\"2 3\"", words: ["😀=1", 'é="2 3"'] },
];

describe("splitWords (Docker 28.5 parseWords)", () => {
  for (const c of cases) {
    it(`${JSON.stringify(c.text)}${c.escape === "`" ? " (escape=`)" : ""}`, () => {
      const words = splitWords(c.text, c.escape ?? "\\");
      expect(words.map((w) => w.word)).toEqual(c.words);
    });
  }

  it("reports source offsets", () => {
    expect(splitWords('  a="b c"   d=e\\ f  ', "\\")).toEqual([
      { word: 'a="b c"', start: 2, end: 9 },
      { word: "d=e\\ f", start: 12, end: 18 },
    ]);
    expect(splitWords("a=😀 b", "\\")).toEqual([
      { word: "a=😀", start: 0, end: 4 },
      { word: "b", start: 5, end: 6 },
    ]);
    // The dropped trailing escape token is inside the span.
    expect(splitWords("x a\\", "\\")).toEqual([
      { word: "x", start: 0, end: 1 },
      { word: "a", start: 2, end: 4 },
    ]);
  });
});
