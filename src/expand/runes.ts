/**
 * Character helpers that mirror Go's `unicode` package and `text/scanner`, which the Docker lexer
 * is built on. Characters are handled as Unicode code points (Go runes), never as UTF-16 units.
 *
 * @module
 */

/** The end-of-input marker, as `text/scanner.EOF` (-1). */
export const EOF = -1;

const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{Nd}$/u;
const WHITE_SPACE = /^\p{White_Space}$/u;

/** A run of Go `unicode.IsSpace` characters (global: reset `lastIndex` before use). */
export const WHITE_SPACE_RUN = /\p{White_Space}+/gu;
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** Go's `unicode.IsLetter`: categories Lu, Ll, Lt, Lm, Lo. */
export function isLetter(cp: number): boolean {
  return cp >= 0 && LETTER.test(String.fromCodePoint(cp));
}

/** Go's `unicode.IsDigit`: category Nd (any script's decimal digits, not only 0-9). */
export function isDigit(cp: number): boolean {
  if (cp >= 0x30 && cp <= 0x39) return true;
  return cp > 0x7f && DIGIT.test(String.fromCodePoint(cp));
}

/**
 * Go's `unicode.IsSpace`, which is the Unicode White_Space property: it includes U+0085 and
 * U+00A0 but, unlike JavaScript's `\s`, not U+FEFF.
 */
export function isSpace(cp: number): boolean {
  return cp >= 0 && WHITE_SPACE.test(String.fromCodePoint(cp));
}

/** Go's `strconv.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isPrint(cp: number): boolean {
  if (cp === 0x20) return true;
  if (cp === 0xad) return false;
  return cp >= 0 && PRINTABLE.test(String.fromCodePoint(cp));
}

/**
 * Go's `string(r)` for a rune: invalid runes (EOF, surrogate halves) become U+FFFD.
 * Docker builds its `unsupported modifier (…)` message this way, so `${v` at the end of the
 * word reports the replacement character.
 */
export function runeToString(cp: number): string {
  if (cp < 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return "\uFFFD";
  return String.fromCodePoint(cp);
}

/**
 * A reader over a string one code point at a time, with the two operations of Go's
 * `text/scanner.Scanner` the lexer uses (`Peek` and `Next`). Like `text/scanner`, it skips a
 * byte-order mark (U+FEFF) when it is the very first character.
 */
export class RuneScanner {
  /** UTF-16 offset of the next unread character. */
  pos: number;

  /** Starts reading `text` from its beginning. */
  constructor(private readonly text: string) {
    // text/scanner's Peek skips a BOM on the very first read (go/src/text/scanner/scanner.go, Peek).
    this.pos = text.codePointAt(0) === 0xfeff ? 1 : 0;
  }

  /** The next character, without consuming it, or {@link EOF}. */
  peek(): number {
    return this.pos < this.text.length ? (this.text.codePointAt(this.pos) as number) : EOF;
  }

  /** Consumes and returns the next character, or returns {@link EOF} at the end. */
  next(): number {
    const cp = this.peek();
    if (cp !== EOF) this.pos += cp > 0xffff ? 2 : 1;
    return cp;
  }
}

/** Splits a string into code points (as Go's `[]rune(s)`). */
export function codePoints(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) out.push(ch.codePointAt(0) as number);
  return out;
}

/** Builds a string from code points `cps[from..to)` (as Go's `string([]rune)`), for any length. */
export function fromCodePoints(cps: readonly number[], from = 0, to = cps.length): string {
  let out = "";
  for (let i = from; i < to; i += 4096) {
    out += String.fromCodePoint(...cps.slice(i, Math.min(to, i + 4096)));
  }
  return out;
}
