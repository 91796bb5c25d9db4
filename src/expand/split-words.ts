/**
 * Docker's `parseWords`, the quote-aware word splitter of ENV, LABEL and ARG.
 *
 * @module
 */

import { isSpace } from "./runes.js";
import type { EscapeToken, SplitWord } from "./types.js";

const SQUOTE = 0x27;
const DQUOTE = 0x22;

/**
 * Splits an instruction's argument text into words on white space, honouring quotes and the
 * escape token but keeping them inside each word, as Docker's parser does for ENV, LABEL and ARG
 * (BuildKit v0.25.2 `frontend/dockerfile/parser/line_parsers.go` `parseWords` L53-136, vendored
 * in moby v28.5.2). The quotes and escapes are removed later, when the words are expanded.
 *
 * Rules (all from `parseWords`):
 * - white space is Go's `unicode.IsSpace`;
 * - outside quotes, the escape token keeps the next character in the word together with itself,
 *   even a quote or a blank; a lone escape token at the very end of the text is dropped;
 * - inside `"…"` the escape token does the same (so `\"` does not close the quote); inside
 *   `'…'` it is an ordinary character;
 * - an unterminated quote simply runs to the end of the text.
 *
 * @example
 * ```ts
 * splitWords('a="b c" d=e\\ f', "\\");
 * // [{ word: 'a="b c"', start: 0, end: 7 }, { word: "d=e\\ f", start: 8, end: 14 }]
 * ```
 */
export function splitWords(text: string, escape: EscapeToken): SplitWord[] {
  const esc = escape.codePointAt(0) as number;
  const words: SplitWord[] = [];
  const len = text.length;
  const at = (i: number): [number, number] => {
    const cp = text.codePointAt(i) as number;
    return [cp, cp > 0xffff ? 2 : 1];
  };
  type Phase = "spaces" | "word" | "quote";
  let phase: Phase = "spaces";
  let quote = 0;
  let blankOK = false;
  let buf = "";
  let start = 0;
  let pos = 0;
  const emit = (end: number): void => {
    if (blankOK || buf.length > 0) words.push({ word: buf, start, end });
  };

  for (;;) {
    if (pos >= len) {
      if (phase !== "spaces") emit(len);
      break;
    }
    let [ch, width] = at(pos);
    if (phase === "spaces") {
      if (isSpace(ch)) {
        pos += width;
        continue;
      }
      phase = "word";
      start = pos;
    }
    if (phase === "word") {
      if (isSpace(ch)) {
        emit(pos);
        phase = "spaces";
        buf = "";
        blankOK = false;
        pos += width;
        continue;
      }
      if (ch === SQUOTE || ch === DQUOTE) {
        quote = ch;
        blankOK = true;
        phase = "quote";
      }
      if (ch === esc) {
        if (pos + width === len) {
          pos += width; // L104-106: an escape token ending the text is skipped
          continue;
        }
        buf += escape;
        pos += width;
        [ch, width] = at(pos);
      }
      buf += String.fromCodePoint(ch);
      pos += width;
      continue;
    }
    // phase === "quote" (L117-132)
    if (ch === quote) phase = "word";
    if (ch === esc && quote !== SQUOTE) {
      if (pos + width === len) {
        phase = "word";
        pos += width;
        continue;
      }
      buf += escape;
      pos += width;
      [ch, width] = at(pos);
    }
    buf += String.fromCodePoint(ch);
    pos += width;
  }
  return words;
}
