// Table tests for splitWords (Docker's parseWords, BuildKit v0.25.2 parser/line_parsers.go L53-136).
import { describe, expect, it } from "vitest";
import { expandWord, splitWords, type EscapeToken } from "../../src/expand/index.js";

interface SplitCase {
  readonly text: string;
  readonly escape?: EscapeToken;
  readonly words: readonly string[];
  /**
   * Verified on Docker 28.5.2 with `LABEL <text>` (BuildKit and classic builder gave the same):
   * the labels that resulted, or the parse error.
   */
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
  { text: "a=\uFEFFb", words: ["a=\uFEFFb"], engine: { a: "b" } }, // the lexer then drops a leading BOM
  // Backtick as escape token: backslash is an ordinary character.
  { text: "a=b`  c=d\\ e", escape: "`", words: ["a=b` ", "c=d\\", "e"] },
  { text: 'a="x`" y" b=c\\ d=e`  f=g', escape: "`", words: ['a="x`" y"', "b=c\\", "d=e` ", "f=g"], engine: { a: 'x" y', b: "c\\", d: "e ", f: "g" } },
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

  for (const c of cases) {
    const engine = c.engine;
    if (engine === undefined) continue;
    it(`as LABEL ${JSON.stringify(c.text)} gives what Docker 28.5 gave`, () => {
      const words = splitWords(c.text, c.escape ?? "\\");
      if (typeof engine === "string") {
        const bad = words.find((w) => !w.word.includes("="));
        expect(bad && `Syntax error - can't find = in ${JSON.stringify(bad.word)}. Must be of the form: name=value`).toBe(engine);
        return;
      }
      const labels: Record<string, string> = {};
      for (const { word } of words) {
        const eq = word.indexOf("=");
        const key = expandWord(word.slice(0, eq), () => undefined, { escape: c.escape ?? "\\" });
        const value = expandWord(word.slice(eq + 1), () => undefined, { escape: c.escape ?? "\\" });
        if (key.ok && value.ok) labels[key.value] = value.value;
      }
      expect(labels).toEqual(engine);
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
