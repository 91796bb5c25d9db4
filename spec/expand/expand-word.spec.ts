// Table tests for expandWord / expandWords (Docker 28.5's lexer: BuildKit v0.25.2 shell/lex.go).
import { describe, expect, it } from "vitest";
import { expandWord, expandWords, type EscapeToken, type VariableLookup } from "../../src/expand/index.js";
import { ENV_VAR_TEST, ENV_VAR_TEST_ENV, WORDS_TEST } from "./buildkit-vectors.js";
import { ENGINE_CASES, ENGINE_ENV } from "./engine-cases.js";

const lookupIn =
  (env: Readonly<Record<string, string>>): VariableLookup =>
  (name) =>
    Object.prototype.hasOwnProperty.call(env, name) ? env[name] : undefined;

function outcome(word: string, env: Readonly<Record<string, string>>, escape: EscapeToken = "\\"): string | { error: string } {
  const r = expandWord(word, lookupIn(env), { escape });
  return r.ok ? r.value : { error: r.error };
}

describe("expandWord: cases verified on Docker 28.5.2 (BuildKit and classic builder agree)", () => {
  for (const [escape, word, expected] of ENGINE_CASES) {
    it(`${escape === "`" ? "[escape=`] " : ""}${JSON.stringify(word)}`, () => {
      expect(outcome(word, ENGINE_ENV, escape)).toEqual(expected);
    });
  }
});

describe("expandWord: BuildKit's own envVarTest vectors", () => {
  for (const [word, expected] of ENV_VAR_TEST) {
    it(JSON.stringify(word), () => {
      const r = expandWord(word, lookupIn(ENV_VAR_TEST_ENV), { escape: "\\" });
      if (expected === null) expect(r.ok).toBe(false);
      else expect(r).toMatchObject({ ok: true, value: expected });
    });
  }
});

/** Cases read from the code but not run on the engine (mostly not expressible in a Dockerfile line). */
const fromCode: ReadonlyArray<readonly [string, Readonly<Record<string, string>>, string | { error: string }]> = [
  // A trailing escape token is dropped (lex.go L228-230); in a Dockerfile it would continue the line.
  ["hello\\", {}, "hello"],
  ['"a\\', {}, { error: 'failed to process "\\"a\\\\": unexpected end of statement while looking for matching double-quote' }],
  // NUL and other control characters are ordinary characters.
  ["a\u0000$v", { v: "\u0001" }, "a\u0000\u0001"],
  ["${v", {}, { error: 'failed to process "${v": unsupported modifier (\uFFFD) in substitution' }],
  ["\u0007${v:x}", {}, { error: 'failed to process "\\a${v:x}": unsupported modifier (:x) in substitution' }],
  // `<<` and the blanks after it are passed through.
  ["a<< \tb", {}, "a<< \tb"],
  // A pattern ending in a lone backslash (only reachable through a variable): %c of EOF is U+FFFD.
  ["${v#$p}", { v: "a", p: "\\" }, { error: "failed to process \"${v#$p}\": invalid pattern (\\) in substitution: invalid escape '\\\uFFFD'" }],
  // Empty names: ${+x}, ${%x}, ${/a/b} look up "" (unset) without complaint.
  ["${+x}${%x}${/a/b}", {}, ""],
  ["${/a/b}", { "": "zaz" }, "zbz"],
  // `.*` never crosses a newline; replace-all advances past empty matches as Go does.
  ["${v//*/x}", { v: "a\n\nb" }, "x\nx\nx"],
  ["${v///-}", { v: "ab" }, "-a-b-"],
  ["${v//?*/[$0]}", { v: "ab\ncd" }, "[]\n[]"], // the lexer expands $0 (unset) first
  ["${v//?*/'[$0]'}", { v: "ab\ncd" }, "[ab]\n[cd]"],
  ["${v//b/'$0_$0${0}${00}$٣$a_b'}", { v: "abc" }, "abbc"],
  // Unicode: names take letters and Nd digits of any script; patterns work on code points.
  ["$𝑥é1_٣.", { "𝑥é1_٣": "ok" }, "ok."],
  ["${v#?}${v%?}", { v: "😀x😀" }, "x😀😀x"],
  // Special parameters are single characters; a leading digit takes every digit.
  ["$@@$**$##$??$--$$$$!!$00$123x", {}, "@*#?-!!x"],
];

describe("expandWord: cases from reading the code", () => {
  for (const [word, env, expected] of fromCode) {
    it(JSON.stringify(word), () => {
      expect(outcome(word, env)).toEqual(expected);
    });
  }
});

describe("expandWords", () => {
  for (const { env, word, words } of WORDS_TEST) {
    it(`BuildKit wordsTest ${JSON.stringify(word)}`, () => {
      const r = expandWords(word, lookupIn(env), { escape: "\\" });
      if (words === null) expect(r.ok).toBe(false);
      else expect(r).toMatchObject({ ok: true, words });
    });
  }

  // Verified on Docker 28.5.2 with `EXPOSE <word>` (ports compared as a set; both builders agree).
  const exposed: ReadonlyArray<readonly [string, readonly string[]]> = [
    // The shared words buffer: a modifier expansion drops the text before it in the same word.
    ["80${x:-8}0", ["80"]],
    ["1${v:+2}3", ["23"]],
    ["84$u${u:-}5", ["5"]],
    ["8${v#abc}6", ["6"]],
    ["$P2", ["81", "82/udp"]],
    ["${P2%/*}", ["81", "82"]],
    ['"$P2"', ["81 82/udp"]], // the engine then fails with "invalid containerPort: 81 82"
  ];
  for (const [word, expected] of exposed) {
    it(`EXPOSE ${word} (verified)`, () => {
      expect(expandWords(word, lookupIn(ENGINE_ENV), { escape: "\\" })).toMatchObject({ ok: true, words: expected });
    });
  }

  it("keeps `<<` glued to the blanks after it", () => {
    expect(expandWords("a <<  b c", () => undefined, { escape: "\\" })).toMatchObject({ ok: true, words: ["a", "<<  b", "c"] });
  });

  it("reports errors like expandWord", () => {
    expect(expandWords("x ${v:?}", () => undefined, { escape: "\\" })).toEqual({ ok: false, error: 'failed to process "x ${v:?}": v: is not allowed to be unset' });
  });
});
