// Property tests for the Docker 28.5 expansion lexer (src/expand).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expandWord, expandWords, findReferences, splitWords, type EscapeToken, type VariableLookup } from "../../src/expand/index.js";

const escapes: EscapeToken[] = ["\\", "`"];
const arbEscape = fc.constantFrom<EscapeToken>(...escapes);

/** Strings rich in the characters the lexer cares about. */
const special = fc.constantFrom("$", "{", "}", ":", "-", "+", "?", "#", "%", "/", "'", '"', "\\", "`", "*", " ", "\n", "<", "a", "b", "v", "1", "@", "\uFEFF", "é");
const arbTricky = fc.oneof(
  fc.array(special, { maxLength: 40 }).map((a) => a.join("")),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
);

const arbEnv = fc.dictionary(fc.constantFrom("a", "b", "v", "1", "@", "é"), fc.oneof(fc.constant(""), arbTricky), { maxKeys: 4 });
const lookupOf =
  (env: Record<string, string>): VariableLookup =>
  (name) =>
    Object.prototype.hasOwnProperty.call(env, name) ? env[name] : undefined;

/** Escapes every character with the escape token, so that expansion gives the text back. */
function escapeAll(s: string, escape: EscapeToken): string {
  return [...s].map((c) => escape + c).join("");
}

/** Writes `s` as a pattern literal for `${v#…}`/`${v/…/…}` (the pattern's own escape is always `\`). */
function patternLiteral(s: string): string {
  return [...s]
    .map((c) => {
      if (c === "*" || c === "?" || c === "\\" || c === "}" || c === "/") return "\\" + c;
      if (c === "$" || c === '"') return `'${c}'`;
      if (c === "'") return `"'"`;
      return c;
    })
    .join("");
}
const literalText = fc.array(fc.constantFrom("a", "b", "*", "?", "\\", "}", "/", "$", "'", '"', " ", "\n", "x", "é", "{"), { maxLength: 12 }).map((a) => a.join(""));

describe("expansion properties", () => {
  it("never throws, always answers, and errors carry Docker's wrapper", () => {
    fc.assert(
      fc.property(arbTricky, arbEnv, arbEscape, (word, env, escape) => {
        const r = expandWord(word, lookupOf(env), { escape });
        if (!r.ok) expect(r.error.startsWith("failed to process \"")).toBe(true);
        const w = expandWords(word, lookupOf(env), { escape });
        expect(w.ok).toBe(r.ok);
        findReferences(word, { escape });
      }),
      { numRuns: 3000 },
    );
  });

  it("does not hang on large inputs with many wildcards", () => {
    const value = "a".repeat(3000);
    const word = "${v//" + "*a".repeat(200) + "b/x}";
    const started = Date.now();
    const r = expandWord(word, (n) => (n === "v" ? value : undefined), { escape: "\\" });
    expect(r).toEqual({ ok: true, value, references: [{ name: "v", start: 0, end: word.length, set: true }] });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("reports deep nesting as an error instead of throwing", () => {
    const word = "${a:-".repeat(100_000) + "}".repeat(100_000);
    const r = expandWord(word, () => undefined, { escape: "\\" });
    expect(r.ok).toBe(false);
  });

  it("leaves words without $, quotes or the escape token unchanged", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 40 }), arbEscape, (s, escape) => {
        fc.pre(!/[$'"]/.test(s) && !s.includes(escape) && !s.startsWith("\uFEFF"));
        const r = expandWord(s, () => "X", { escape });
        expect(r).toEqual({ ok: true, value: s, references: [] });
      }),
    );
  });

  it("gives back any text whose every character is escaped", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 30 }), arbEscape, arbEnv, (s, escape, env) => {
        const r = expandWord(escapeAll(s, escape), lookupOf(env), { escape });
        expect(r).toEqual({ ok: true, value: s, references: [] });
      }),
    );
  });

  it("gives back any text without ' placed in single quotes", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), arbEscape, (s, escape) => {
        fc.pre(!s.includes("'"));
        expect(expandWord(`'${s}'`, () => "X", { escape })).toEqual({ ok: true, value: s, references: [] });
      }),
    );
  });

  it("${v:-w} is v when set and non-empty, else w; ${v-w} only falls back when unset", () => {
    fc.assert(
      fc.property(fc.option(arbTricky, { nil: undefined }), fc.stringMatching(/^[a-z0-9 .]*$/), arbEscape, (v, w, escape) => {
        const lookup: VariableLookup = (n) => (n === "v" ? v : undefined);
        const colon = expandWord("${v:-" + w + "}", lookup, { escape });
        const plain = expandWord("${v-" + w + "}", lookup, { escape });
        expect(colon.ok && colon.value).toBe(v !== undefined && v !== "" ? v : w);
        expect(plain.ok && plain.value).toBe(v !== undefined ? v : w);
        const plus = expandWord("${v:+" + w + "}", lookup, { escape });
        expect(plus.ok && plus.value).toBe(v !== undefined && v !== "" ? w : "");
      }),
    );
  });

  it("${v:?} fails exactly when v is unset or empty", () => {
    fc.assert(
      fc.property(fc.option(arbTricky, { nil: undefined }), (v) => {
        const r = expandWord("${v:?}", (n) => (n === "v" ? v : undefined), { escape: "\\" });
        if (v === undefined) expect(r).toEqual({ ok: false, error: 'failed to process "${v:?}": v: is not allowed to be unset' });
        else if (v === "") expect(r).toEqual({ ok: false, error: 'failed to process "${v:?}": v: is not allowed to be empty' });
        else expect(r.ok && r.value).toBe(v);
      }),
    );
  });

  it("# and % with a literal pattern remove exactly that prefix or suffix", () => {
    fc.assert(
      fc.property(literalText, literalText, literalText, (pre, mid, suf) => {
        const v = pre + mid + suf;
        const lookup: VariableLookup = (n) => (n === "v" ? v : undefined);
        const opts = { escape: "\\" as const };
        const p1 = expandWord("${v#" + patternLiteral(pre) + "}", lookup, opts);
        expect(p1.ok && p1.value).toBe(mid + suf);
        const p2 = expandWord("${v%%" + patternLiteral(suf) + "}", lookup, opts);
        expect(p2.ok && p2.value).toBe(pre + mid);
      }),
    );
  });

  it("// with a literal needle replaces like String.replaceAll", () => {
    fc.assert(
      fc.property(literalText, literalText.filter((s) => s !== ""), fc.stringMatching(/^[a-z]*$/), (v, needle, repl) => {
        const r = expandWord("${v//" + patternLiteral(needle) + "/" + repl + "}", (n) => (n === "v" ? v : undefined), { escape: "\\" });
        expect(r.ok && r.value).toBe(v.split(needle).join(repl));
      }),
    );
  });

  it("findReferences agrees with expandWord whenever expansion succeeds", () => {
    fc.assert(
      fc.property(arbTricky, arbEnv, arbEscape, (word, env, escape) => {
        const r = expandWord(word, lookupOf(env), { escape });
        fc.pre(r.ok);
        if (r.ok) expect(findReferences(word, { escape }, lookupOf(env))).toEqual(r.references);
      }),
      { numRuns: 2000 },
    );
  });

  it("reference offsets point at a $ in the word", () => {
    fc.assert(
      fc.property(arbTricky, arbEscape, (word, escape) => {
        for (const ref of findReferences(word, { escape })) {
          expect(word[ref.start]).toBe("$");
          expect(ref.end).toBeGreaterThan(ref.start);
          expect(ref.end).toBeLessThanOrEqual(word.length);
        }
      }),
    );
  });

  it("splitWords without quotes or escapes is a plain white-space split, with exact offsets", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("a", "b", "=", "$", " ", "\t", "\u00a0", "\u0085", "é", "😀"), { maxLength: 30 }), arbEscape, (chars, escape) => {
        const text = chars.join("");
        const words = splitWords(text, escape);
        expect(words.map((w) => w.word)).toEqual(text.split(/\p{White_Space}+/u).filter((w) => w !== ""));
        for (const w of words) expect(text.slice(w.start, w.end)).toBe(w.word);
      }),
    );
  });

  it("splitWords words are their source spans, in order", () => {
    fc.assert(
      fc.property(arbTricky, arbEscape, (text, escape) => {
        const words = splitWords(text, escape);
        let last = 0;
        for (const w of words) {
          expect(w.start).toBeGreaterThanOrEqual(last);
          expect(w.end).toBeGreaterThan(w.start);
          last = w.end;
          const span = text.slice(w.start, w.end);
          // The word is its source span, except that an escape token ending the text is dropped.
          expect(span === w.word || (w.end === text.length && span === w.word + escape)).toBe(true);
        }
      }),
    );
  });

  it("expandWords on plain text is a white-space split", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("a", "b", "1", " ", "\t", "\n", "\u3000"), { maxLength: 30 }), (chars) => {
        const text = chars.join("");
        const r = expandWords(text, () => undefined, { escape: "\\" });
        expect(r.ok && r.words).toEqual(text.split(/\p{White_Space}+/u).filter((w) => w !== ""));
      }),
    );
  });
});
