/**
 * Build-stage names (`FROM image AS name`), as Docker Engine 28.5 validates them (same in both
 * builders: the classic builder uses the vendored BuildKit `instructions` package).
 *
 * Source: `vendor/github.com/moby/buildkit/frontend/dockerfile/instructions/parse.go`
 * (validStageName = `^[a-z][a-z0-9-_.]*$`, parseBuildStageName): the name is lower-cased
 * with Go's `strings.ToLower`, then matched; the error quotes the name *as written* with `%q`.
 *
 * @module
 */

import { fail, ok, type Outcome } from "../core/result.js";
import { goQuote } from "./go-quote.js";

const VALID_STAGE_NAME = /^[a-z][a-z0-9\-_.]*$/;

/**
 * Go's `strings.ToLower`, restricted to what can matter for an ASCII pattern: besides `A`–`Z`,
 * the only runes whose simple lower case is ASCII are U+212A KELVIN SIGN (→ `k`) and U+0130
 * LATIN CAPITAL LETTER I WITH DOT ABOVE (→ `i` in Go; JavaScript's full mapping gives `i̇`).
 * Other runes are left alone; they cannot make the name valid either way.
 */
function goLowerForAscii(s: string): string {
  let out = "";
  for (const ch of s) {
    if (ch >= "A" && ch <= "Z") out += ch.toLowerCase();
    else if (ch === "\u212a") out += "k";
    else if (ch === "\u0130") out += "i";
    else out += ch;
  }
  return out;
}

/**
 * Validates the name after `AS` in `FROM image AS name` and returns the stored (lower-cased)
 * name. Accepted: a letter, then letters, digits, `-`, `_`, `.` (any case: `Builder` →
 * `builder`; also `\u212Aelvin` → `kelvin` and `\u0130x` → `ix`, as Go lower-cases them).
 *
 * @example
 * ```ts
 * validateStageName("Build-2"); // ok("build-2")
 * validateStageName("1abc");
 * // fail('invalid name for build stage: "1abc", name can\'t start with a number or contain symbols')
 * ```
 */
export function validateStageName(name: string): Outcome<string> {
  const lowered = goLowerForAscii(name);
  if (!VALID_STAGE_NAME.test(lowered)) {
    return fail(`invalid name for build stage: ${goQuote(name)}, name can't start with a number or contain symbols`);
  }
  return ok(lowered);
}
