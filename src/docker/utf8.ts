/**
 * UTF-8 helpers that behave like Go's `unicode/utf8` package.
 *
 * Go strings are byte strings; JavaScript strings are UTF-16. The bridge used throughout
 * `src/docker` is: a JavaScript string is encoded to UTF-8, and a lone surrogate becomes
 * U+FFFD. That is what Docker itself sees when the text reaches it through JSON (Go's
 * `encoding/json` turns an unpaired `\ud800` escape into U+FFFD) and what a `TextDecoder`
 * produces from bytes. Callers that hold raw bytes (possibly invalid UTF-8) can use the
 * byte-level functions directly.
 *
 * @module
 */

/** U+FFFD, Go's `utf8.RuneError`. */
export const RUNE_ERROR = 0xfffd;

/** Largest valid Unicode code point, Go's `utf8.MaxRune`. */
export const MAX_RUNE = 0x10ffff;

/**
 * Encodes a JavaScript string as UTF-8 bytes, turning every unpaired surrogate into U+FFFD.
 *
 * @example
 * ```ts
 * utf8Encode("é"); // Uint8Array [0xc3, 0xa9]
 * ```
 */
export function utf8Encode(text: string): Uint8Array {
  // The WHATWG encoder writes a lone surrogate as U+FFFD, as Go's JSON decoding leaves it.
  return ENCODER.encode(text);
}

const ENCODER = new TextEncoder();

/**
 * Appends the UTF-8 encoding of a code point to `out` (Go's `utf8.AppendRune`): invalid code
 * points (surrogates, values above U+10FFFF, negatives) are written as U+FFFD.
 */
export function appendRune(out: number[], cp: number): void {
  let r = cp;
  if (!validRune(r)) r = RUNE_ERROR;
  if (r < 0x80) {
    out.push(r);
  } else if (r < 0x800) {
    out.push(0xc0 | (r >> 6), 0x80 | (r & 0x3f));
  } else if (r < 0x10000) {
    out.push(0xe0 | (r >> 12), 0x80 | ((r >> 6) & 0x3f), 0x80 | (r & 0x3f));
  } else {
    out.push(0xf0 | (r >> 18), 0x80 | ((r >> 12) & 0x3f), 0x80 | ((r >> 6) & 0x3f), 0x80 | (r & 0x3f));
  }
}

/** Go's `utf8.ValidRune`: a Unicode scalar value (not a surrogate, at most U+10FFFF). */
export function validRune(r: number): boolean {
  return Number.isInteger(r) && ((r >= 0 && r < 0xd800) || (r > 0xdfff && r <= MAX_RUNE));
}

/**
 * Decodes one rune at `offset` exactly like Go's `utf8.DecodeRune`: returns the rune and its
 * width in bytes. Invalid or truncated sequences, overlong forms, surrogates and values above
 * U+10FFFF give `[0xfffd, 1]`; the end of input gives `[0xfffd, 0]`.
 */
export function decodeRune(bytes: Uint8Array, offset: number): [rune: number, width: number] {
  const n = bytes.length - offset;
  if (n <= 0) return [RUNE_ERROR, 0];
  const b0 = bytes[offset] ?? 0;
  if (b0 < 0x80) return [b0, 1];
  const at = (i: number): number => bytes[offset + i] ?? 0;
  const cont = (b: number): boolean => (b & 0xc0) === 0x80;
  if (b0 >= 0xc2 && b0 <= 0xdf) {
    if (n < 2 || !cont(at(1))) return [RUNE_ERROR, 1];
    return [((b0 & 0x1f) << 6) | (at(1) & 0x3f), 2];
  }
  if (b0 >= 0xe0 && b0 <= 0xef) {
    if (n < 2) return [RUNE_ERROR, 1];
    const b1 = at(1);
    // Second byte ranges per Go's acceptRanges: E0 needs A0..BF (no overlong), ED needs 80..9F (no surrogates).
    const lo = b0 === 0xe0 ? 0xa0 : 0x80;
    const hi = b0 === 0xed ? 0x9f : 0xbf;
    if (b1 < lo || b1 > hi) return [RUNE_ERROR, 1];
    if (n < 3 || !cont(at(2))) return [RUNE_ERROR, 1];
    return [((b0 & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (at(2) & 0x3f), 3];
  }
  if (b0 >= 0xf0 && b0 <= 0xf4) {
    if (n < 2) return [RUNE_ERROR, 1];
    const b1 = at(1);
    // F0 needs 90..BF (no overlong), F4 needs 80..8F (at most U+10FFFF).
    const lo = b0 === 0xf0 ? 0x90 : 0x80;
    const hi = b0 === 0xf4 ? 0x8f : 0xbf;
    if (b1 < lo || b1 > hi) return [RUNE_ERROR, 1];
    if (n < 3 || !cont(at(2))) return [RUNE_ERROR, 1];
    if (n < 4 || !cont(at(3))) return [RUNE_ERROR, 1];
    return [((b0 & 0x07) << 18) | ((b1 & 0x3f) << 12) | ((at(2) & 0x3f) << 6) | (at(3) & 0x3f), 4];
  }
  return [RUNE_ERROR, 1];
}

/**
 * Decodes UTF-8 bytes to a JavaScript string, one U+FFFD per invalid byte (Go's
 * `for _, r := range s` semantics).
 */
export function utf8DecodeGo(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; ) {
    const [r, w] = decodeRune(bytes, i);
    out += String.fromCodePoint(r);
    i += w;
  }
  return out;
}

/**
 * Go's string order (`a < b`, as `sort.Strings` uses): byte-wise over UTF-8, which is code-point
 * order. JavaScript's `<` compares UTF-16 code units and so misorders astral characters against
 * U+E000–U+FFFF; this comparator does not.
 *
 * @example
 * ```ts
 * ["\u{1F600}", "\uFFFD"].sort(compareGoStrings); // ["\uFFFD", "\u{1F600}"], as Go sorts them
 * ```
 */
export function compareGoStrings(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i) ?? 0;
    const y = b.codePointAt(i) ?? 0;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}
