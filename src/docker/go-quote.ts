/**
 * Go's `strconv.Quote`, `strconv.QuoteRune` and `fmt`'s `%q` verb, as Docker uses them to
 * write history (`CMD ["/bin/sh" "-c" "echo hi"]`), error messages
 * (`invalid name for build stage: "1abc", …`) and HEALTHCHECK history (`'\x03'`).
 *
 * Written from the Go sources `src/strconv/quote.go` (appendQuotedWith, appendEscapedRune),
 * `src/strconv/isprint.go` (IsPrint), `src/fmt/print.go` / `src/fmt/format.go` (`%q` of a
 * slice and of an integer, fmtQc).
 *
 * Printability: Go's `strconv.IsPrint` is Unicode categories L, M, N, P, S plus U+0020. This
 * module evaluates that with the JavaScript engine's Unicode property escapes, so code points
 * assigned in a Unicode version newer than one of the two sides may differ (Go 1.2x ships
 * Unicode 15; Node 20+ ships 15 or newer). Everything assigned up to Unicode 15 agrees.
 *
 * @module
 */

import { decodeRune, RUNE_ERROR, validRune, MAX_RUNE } from "./utf8.js";

const HEX = "0123456789abcdef";
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/**
 * Go's `strconv.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space.
 *
 * @example
 * ```ts
 * goIsPrint(0x41); // true
 * goIsPrint(0xa0); // false (no-break space)
 * ```
 */
export function goIsPrint(r: number): boolean {
  if (r <= 0xff) {
    if (r >= 0x20 && r <= 0x7e) return true;
    if (r >= 0xa1 && r <= 0xff) return r !== 0xad;
    return false;
  }
  if (!validRune(r)) return false;
  return PRINTABLE.test(String.fromCodePoint(r));
}

function hex(n: number, digits: number): string {
  let s = "";
  for (let i = digits - 1; i >= 0; i--) s += HEX[(n >>> (4 * i)) & 0xf];
  return s;
}

/** appendEscapedRune of strconv/quote.go, for a valid rune (or one to be replaced). */
function escapeRune(r: number, quote: string): string {
  const ch = validRune(r) ? String.fromCodePoint(r) : "";
  if (ch === quote || r === 0x5c) return "\\" + ch;
  if (goIsPrint(r)) return ch;
  switch (r) {
    case 0x07:
      return "\\a";
    case 0x08:
      return "\\b";
    case 0x0c:
      return "\\f";
    case 0x0a:
      return "\\n";
    case 0x0d:
      return "\\r";
    case 0x09:
      return "\\t";
    case 0x0b:
      return "\\v";
    default:
      if (r < 0x20 || r === 0x7f) return "\\x" + hex(r, 2);
      {
        const v = validRune(r) ? r : RUNE_ERROR;
        if (v < 0x10000) return "\\u" + hex(v, 4);
        return "\\U" + hex(v, 8);
      }
  }
}

/**
 * Go's `strconv.Quote` of a byte string (which may hold invalid UTF-8): each byte that does
 * not start a valid UTF-8 sequence is written as `\xNN`.
 *
 * @example
 * ```ts
 * goQuoteBytes(Uint8Array.of(0x61, 0xff)); // "\"a\\xff\""
 * ```
 */
export function goQuoteBytes(bytes: Uint8Array): string {
  let out = '"';
  for (let i = 0; i < bytes.length; ) {
    const [r, width] = decodeRune(bytes, i);
    if (width === 1 && r === RUNE_ERROR) {
      out += "\\x" + hex(bytes[i] ?? 0, 2);
      i += 1;
      continue;
    }
    out += escapeRune(r, '"');
    i += width;
  }
  return out + '"';
}

/**
 * Go's `strconv.Quote` (and `fmt`'s `%q` of a string): a double-quoted Go string literal.
 *
 * The JavaScript string is taken as UTF-8; an unpaired surrogate counts as U+FFFD (what Go
 * holds after decoding such a JSON escape), which is printable and written as `�`.
 *
 * @example
 * ```ts
 * goQuote('echo "hi"\n'); // "\"echo \\\"hi\\\"\\n\""
 * goQuote("é\u0001\u007f"); // "\"é\\x01\\x7f\""
 * goQuote("\u00a0"); // "\"\\u00a0\""
 * ```
 */
export function goQuote(text: string): string {
  // Straight over the string, in runs: the UTF-8 of a JavaScript string (lone surrogates as
  // U+FFFD) is always valid, so this equals goQuoteBytes(utf8Encode(text)) without making bytes
  // (a 100 MB RUN line is quoted in error messages).
  let out = '"';
  let from = 0;
  NEEDS_ESCAPE.lastIndex = 0;
  for (let m = NEEDS_ESCAPE.exec(text); m !== null; m = NEEDS_ESCAPE.exec(text)) {
    const at = m.index;
    if (at > from) out += text.slice(from, at);
    let r = text.codePointAt(at) ?? RUNE_ERROR;
    const width = r > 0xffff ? 2 : 1;
    if (r >= 0xd800 && r <= 0xdfff) r = RUNE_ERROR;
    out += escapeRune(r, '"');
    from = at + width;
    NEEDS_ESCAPE.lastIndex = from;
  }
  if (from < text.length) out += text.slice(from);
  return out + '"';
}

/** Characters goQuote writes other than as themselves: all but printable ASCII, plus `"` and `\\`. */
const NEEDS_ESCAPE = /[^\x20\x21\x23-\x5b\x5d-\x7e]/g;

/**
 * Go's `strconv.QuoteRune`: a single-quoted Go rune literal. An invalid code point
 * (surrogate, negative, above U+10FFFF) is quoted as U+FFFD, like Go.
 *
 * @example
 * ```ts
 * goQuoteRune(3); // "'\\x03'"
 * goQuoteRune(0x27); // "'\\''"
 * ```
 */
export function goQuoteRune(r: number): string {
  const v = validRune(r) ? r : RUNE_ERROR;
  return "'" + escapeRune(v, "'") + "'";
}

/**
 * `fmt.Sprintf("%q", n)` for an integer `n` (Go's fmtQc): the integer is printed as a quoted
 * rune; values above U+10FFFF, negative values and surrogates become `'�'`. This is how the
 * `Retries` field shows up in HEALTHCHECK history, e.g. `'\x03'`.
 *
 * @example
 * ```ts
 * goSprintfQInt(3); // "'\\x03'"
 * goSprintfQInt(2147483647); // "'�'"
 * ```
 */
export function goSprintfQInt(n: number | bigint): string {
  const big = typeof n === "bigint" ? n : BigInt(Math.trunc(n));
  if (big < 0n || big > BigInt(MAX_RUNE)) return goQuoteRune(RUNE_ERROR);
  return goQuoteRune(Number(big));
}

/**
 * `fmt.Sprintf("%q", []string{…})`: the quoted elements separated by single spaces, inside
 * brackets. An empty (or nil) slice gives `[]`.
 *
 * @example
 * ```ts
 * goQuoteStringSlice(["/bin/sh", "-c", "echo hi"]); // '["/bin/sh" "-c" "echo hi"]'
 * goQuoteStringSlice([]); // "[]"
 * ```
 */
export function goQuoteStringSlice(items: readonly string[] | null | undefined): string {
  return "[" + (items ?? []).map(goQuote).join(" ") + "]";
}
