/**
 * The shell patterns of `${v#p}`, `${v%p}`, `${v/p/r}` and friends, as Docker 28.5 evaluates them.
 *
 * Docker turns the pattern into a Go regular expression (`convertShellPatternToRegex`,
 * BuildKit v0.25.2 `frontend/dockerfile/shell/lex.go` L595-646) and matches it with Go's
 * `regexp` package. The only constructs are `*` (`.*` or `.*?`), `?` (`.`), literal characters and
 * the escapes `\*`, `\?`, `\\` (plus `\}` and `\/`, whose backslash is dropped). There are no
 * bracket expressions. Like Go's `.`, a wildcard never matches a newline.
 *
 * Instead of building a JavaScript RegExp (backtracking, and whose `.` also refuses `\r`,
 * U+2028 and U+2029), this module matches with a small dynamic program that gives the same
 * leftmost-first result as Go's engine in O(pattern × value) time, so no input can hang it.
 *
 * @module
 */

import { codePoints, EOF, fromCodePoints, isDigit, isLetter, RuneScanner } from "./runes.js";

/** One element of a compiled pattern. */
type GlobToken = { readonly kind: "star" } | { readonly kind: "any" } | { readonly kind: "char"; readonly cp: number };

/** A compiled pattern, or the message Go gives for an invalid one. */
type Compiled = { readonly ok: true; readonly tokens: readonly GlobToken[] } | { readonly ok: false; readonly error: string };

const NEWLINE = 0x0a;
const BACKSLASH = 0x5c;

/**
 * Compiles a shell pattern as `convertShellPatternToRegex` does (lex.go L602-646). The pattern's
 * own escape is always the backslash, whatever the Dockerfile escape token is.
 */
function compile(pattern: string): Compiled {
  const tokens: GlobToken[] = [];
  const s = new RuneScanner(pattern); // text/scanner: a leading BOM is skipped here too
  for (let tok = s.next(); tok !== EOF; tok = s.next()) {
    if (tok === 0x2a /* * */) {
      tokens.push({ kind: "star" });
      continue;
    }
    if (tok === 0x3f /* ? */) {
      tokens.push({ kind: "any" });
      continue;
    }
    if (tok === BACKSLASH) {
      // L627-637: `\}` and `\/` lose the backslash; otherwise only `\*`, `\?`, `\\` are valid.
      const following = s.peek();
      if (following === 0x7d || following === 0x2f) continue;
      tok = s.next();
      if (tok !== 0x2a && tok !== 0x3f && tok !== BACKSLASH) {
        // fmt's %c prints U+FFFD for EOF (-1).
        const shown = tok === EOF ? "\uFFFD" : String.fromCodePoint(tok);
        return { ok: false, error: `invalid escape '\\${shown}'` };
      }
    }
    tokens.push({ kind: "char", cp: tok });
  }
  return { ok: true, tokens };
}

/**
 * For every start offset `si` in `value`, the end offset of the match Go's leftmost-first
 * engine prefers for a match starting exactly at `si`, or -1 when no match starts there.
 * `greedy` picks `.*` (prefer longer) or `.*?` (prefer shorter) for every star.
 */
function preferredEnds(tokens: readonly GlobToken[], value: readonly number[], greedy: boolean): Int32Array {
  const n = value.length;
  // Row for "pattern fully consumed": the match ends where it is.
  let next = new Int32Array(n + 1);
  for (let si = 0; si <= n; si++) next[si] = si;
  for (let pi = tokens.length - 1; pi >= 0; pi--) {
    const tok = tokens[pi] as GlobToken;
    const row = new Int32Array(n + 1);
    for (let si = n; si >= 0; si--) {
      const cp = si < n ? (value[si] as number) : EOF;
      if (tok.kind === "char") {
        row[si] = cp === tok.cp ? (next[si + 1] as number) : -1;
      } else if (tok.kind === "any") {
        row[si] = cp !== EOF && cp !== NEWLINE ? (next[si + 1] as number) : -1;
      } else {
        const more = cp !== EOF && cp !== NEWLINE ? (row[si + 1] as number) : -1;
        const stop = next[si] as number;
        row[si] = greedy ? (more !== -1 ? more : stop) : stop !== -1 ? stop : more;
      }
    }
    next = row;
  }
  return next;
}

/** Go's `errors.Errorf("invalid pattern (%s) in substitution: %s", …)` (lex.go L472, L651). */
/**
 * The text a pattern of plain characters matches (no `*` or `?`), or null. Matching it needs no
 * table: a prefix, suffix or substring test, linear in the value (a pattern of 64k characters
 * against a value of 64k would otherwise fill a 64k × 64k table). Patterns with surrogate code
 * points take the general path, which works in code points.
 */
function literalOf(tokens: readonly GlobToken[]): string | null {
  const cps: number[] = [];
  for (const t of tokens) {
    if (t.kind !== "char" || (t.cp >= 0xd800 && t.cp <= 0xdfff) || t.cp > 0xffff) return null;
    cps.push(t.cp);
  }
  let out = "";
  for (let i = 0; i < cps.length; i += 8192) out += String.fromCharCode(...cps.slice(i, i + 8192));
  return out;
}

/** {@link replacePattern} for a non-empty plain-text pattern: leftmost, non-overlapping matches, as Go's regexp gives them. */
function replaceLiteral(literal: string, value: string, replacement: string, all: boolean): string {
  let out = "";
  let from = 0;
  for (let at = value.indexOf(literal); at >= 0; at = value.indexOf(literal, from)) {
    // The first match takes the replacement as is; replacing all expands `$0` in it (regexp.ReplaceAllString).
    out += value.slice(from, at) + (all ? expandTemplate(replacement, literal) : replacement);
    from = at + literal.length;
    if (!all) break;
  }
  return out + value.slice(from);
}

function invalidPattern(pattern: string, error: string): { ok: false; error: string } {
  return { ok: false, error: `invalid pattern (${pattern}) in substitution: ${error}` };
}

/** A string result, or an error message without the `failed to process` wrapper. */
export type GlobResult = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly error: string };

/**
 * `${v#p}` / `${v##p}`: removes the shortest (or, `greedy`, longest) prefix of `value` that
 * `pattern` matches (lex.go `trimPrefix` L648-658).
 */
export function trimPrefix(pattern: string, value: string, greedy: boolean): GlobResult {
  const compiled = compile(pattern);
  if (!compiled.ok) return invalidPattern(pattern, compiled.error);
  const text = literalOf(compiled.tokens);
  if (text !== null) return { ok: true, value: value.startsWith(text) ? value.slice(text.length) : value };
  const cps = codePoints(value);
  const end = preferredEnds(compiled.tokens, cps, greedy)[0] as number;
  return { ok: true, value: end === -1 ? value : fromCodePoints(cps, end) };
}

/**
 * Reverses a pattern but keeps every backslash before the character it escapes, pairing from
 * the left (lex.go `reversePattern` L660-680): `a\*c` becomes `c\*a`, `ab\` becomes `\ba`.
 */
export function reversePattern(pattern: string): string {
  const cps = codePoints(pattern);
  const last = cps.length - 1;
  const out: number[] = new Array<number>(cps.length).fill(0);
  for (let i = 0; i <= last; ) {
    const tok = cps[i] as number;
    const at = last - i;
    if (tok === BACKSLASH && i !== last) {
      out[at - 1] = tok;
      out[at] = cps[i + 1] as number;
      i += 2;
    } else {
      out[at] = tok;
      i++;
    }
  }
  return fromCodePoints(out);
}

function reverseString(s: string): string {
  return fromCodePoints(codePoints(s).reverse());
}

/**
 * `${v%p}` / `${v%%p}`: removes the shortest (or longest) suffix, by reversing both pattern
 * and value and trimming a prefix (lex.go `trimSuffix` L688-699). An invalid pattern is
 * reported in its reversed form, as Docker does.
 */
export function trimSuffix(pattern: string, value: string, greedy: boolean): GlobResult {
  const compiled = compile(pattern);
  const text = compiled.ok ? literalOf(compiled.tokens) : null;
  if (text !== null) return { ok: true, value: value.endsWith(text) ? value.slice(0, value.length - text.length) : value };
  const trimmed = trimPrefix(reversePattern(pattern), reverseString(value), greedy);
  return trimmed.ok ? { ok: true, value: reverseString(trimmed.value) } : trimmed;
}

/**
 * Go's `regexp.(*Regexp).Expand` for a pattern without groups: `$$` is `$`, `$0` and `${0}`
 * are the match, any other well-formed `$name`/`${name}` is empty, a malformed `$` stays.
 * Used only by `${v//p/r}`, which calls `ReplaceAllString` (lex.go L475).
 */
function expandTemplate(template: string, match: string): string {
  let out = "";
  let rest = template;
  for (;;) {
    const dollar = rest.indexOf("$");
    if (dollar < 0) break;
    out += rest.slice(0, dollar);
    rest = rest.slice(dollar + 1);
    if (rest.startsWith("$")) {
      out += "$";
      rest = rest.slice(1);
      continue;
    }
    const ref = extractTemplateName(rest);
    if (ref === undefined) {
      out += "$";
      continue;
    }
    rest = rest.slice(ref.length);
    if (ref.name === "0") out += match;
  }
  return out + rest;
}

/** Go's regexp `extract`: the name after a `$` and how many UTF-16 units it spans. */
function extractTemplateName(str: string): { name: string; length: number } | undefined {
  if (str === "") return undefined;
  const brace = str.startsWith("{");
  let i = brace ? 1 : 0;
  const begin = i;
  while (i < str.length) {
    const cp = str.codePointAt(i) as number;
    if (!isLetter(cp) && !isDigit(cp) && cp !== 0x5f) break;
    i += cp > 0xffff ? 2 : 1;
  }
  if (i === begin) return undefined;
  const name = str.slice(begin, i);
  if (brace) {
    if (str[i] !== "}") return undefined;
    i++;
  }
  return { name, length: i };
}

/**
 * `${v/p/r}` and `${v//p/r}` (lex.go L443-481): replaces the first (or every) leftmost-first,
 * greedy match of `pattern` in `value`. The first-match form inserts `replacement` verbatim;
 * the all-matches form goes through Go's `ReplaceAllString`, so `$0`, `$$` etc. in the
 * replacement are template references, and empty matches follow Go's rules.
 */
export function replacePattern(pattern: string, value: string, replacement: string, all: boolean): GlobResult {
  const compiled = compile(pattern);
  if (!compiled.ok) return invalidPattern(pattern, compiled.error);
  const literal = literalOf(compiled.tokens);
  if (literal !== null && literal !== "") return { ok: true, value: replaceLiteral(literal, value, replacement, all) };
  const cps = codePoints(value);
  const n = cps.length;
  const ends = preferredEnds(compiled.tokens, cps, true);
  // firstStart[i]: the smallest start >= i where a match begins, or -1.
  const firstStart = new Int32Array(n + 2).fill(-1);
  for (let i = n; i >= 0; i--) firstStart[i] = (ends[i] as number) !== -1 ? i : (firstStart[i + 1] as number);
  const text = (from: number, to: number): string => fromCodePoints(cps, from, to);

  if (!all) {
    const start = firstStart[0] as number;
    if (start === -1) return { ok: true, value };
    return { ok: true, value: text(0, start) + replacement + text(ends[start] as number, n) };
  }

  // Go's regexp.replaceAll (regexp.go), working in code points instead of bytes.
  let out = "";
  let lastMatchEnd = 0;
  let searchPos = 0;
  while (searchPos <= n) {
    const start = firstStart[searchPos] as number;
    if (start === -1) break;
    const end = ends[start] as number;
    out += text(lastMatchEnd, start);
    // No replacement for an empty match right after the previous match.
    if (end > lastMatchEnd || start === 0) out += expandTemplate(replacement, text(start, end));
    lastMatchEnd = end;
    const width = searchPos < n ? 1 : 0;
    if (searchPos + width > end) searchPos += width;
    else if (searchPos + 1 > end) searchPos++;
    else searchPos = end;
  }
  return { ok: true, value: out + text(lastMatchEnd, n) };
}
