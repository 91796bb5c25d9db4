/**
 * Go's `strconv.Quote`, used by Docker's `failed to process %q` error wrapper.
 *
 * @module
 */

import { isPrint } from "./runes.js";

const NAMED_ESCAPES: ReadonlyMap<number, string> = new Map([
  [0x07, "\\a"],
  [0x08, "\\b"],
  [0x0c, "\\f"],
  [0x0a, "\\n"],
  [0x0d, "\\r"],
  [0x09, "\\t"],
  [0x0b, "\\v"],
]);

/**
 * Quotes a string exactly as Go's `strconv.Quote` (the `%q` verb) does: `"` and `\` are
 * backslash-escaped, printable characters are kept, other characters become `\a`…`\v`,
 * `\xNN`, `\uNNNN` or `\UNNNNNNNN` (lower-case hexadecimal).
 *
 * @example
 * ```ts
 * goQuote('a"b\tc'); // '"a\\"b\\tc"'
 * ```
 */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    let cp = ch.codePointAt(0) as number;
    // A lone surrogate cannot come from a UTF-8 Dockerfile; Go would see U+FFFD.
    if (cp >= 0xd800 && cp <= 0xdfff) cp = 0xfffd;
    if (cp === 0x22 || cp === 0x5c) {
      out += "\\" + ch;
    } else if (isPrint(cp)) {
      out += String.fromCodePoint(cp);
    } else {
      const named = NAMED_ESCAPES.get(cp);
      if (named !== undefined) out += named;
      else if (cp < 0x20 || cp === 0x7f) out += "\\x" + cp.toString(16).padStart(2, "0");
      else if (cp < 0x10000) out += "\\u" + cp.toString(16).padStart(4, "0");
      else out += "\\U" + cp.toString(16).padStart(8, "0");
    }
  }
  return out + '"';
}
