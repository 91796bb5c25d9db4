/**
 * Go's `path/filepath.Match` (Unix rules), re-implemented from Go's `path/filepath/match.go`
 * (`Match`, `scanChunk`, `matchChunk`, `getEsc`), and Docker's `containsWildcards` (moby v28.5.2
 * `builder/dockerfile/copy.go`; tonistiigi/fsutil `copy/copy.go`).
 *
 * @module
 */

/** Result of {@link goMatch}: whether the name matched, or Go's `filepath.ErrBadPattern`. */
export type MatchResult = { readonly ok: true; readonly matched: boolean } | { readonly ok: false; readonly error: "syntax error in pattern" };

const BAD = { ok: false, error: "syntax error in pattern" } as const;

class BadPattern {
  readonly bad = true;
}
const BAD_PATTERN = new BadPattern();

/** Splits off the leading chunk of a pattern: its leading stars, then up to the next unbracketed `*`. */
function scanChunk(pattern: string): { star: boolean; chunk: string; rest: string } {
  let star = false;
  while (pattern.startsWith("*")) {
    pattern = pattern.slice(1);
    star = true;
  }
  let inRange = false;
  let i = 0;
  for (; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      if (i + 1 < pattern.length) i++;
    } else if (c === "[") inRange = true;
    else if (c === "]") inRange = false;
    else if (c === "*" && !inRange) break;
  }
  return { star, chunk: pattern.slice(0, i), rest: pattern.slice(i) };
}

/** One character of a bracket expression (`\` escapes); BAD_PATTERN where Go's getEsc fails. */
function getEsc(chunk: string): { cp: number; rest: string } | BadPattern {
  if (chunk === "" || chunk[0] === "-" || chunk[0] === "]") return BAD_PATTERN;
  if (chunk[0] === "\\") {
    chunk = chunk.slice(1);
    if (chunk === "") return BAD_PATTERN;
  }
  const cp = chunk.codePointAt(0)!;
  const rest = chunk.slice(cp > 0xffff ? 2 : 1);
  if (rest === "") return BAD_PATTERN;
  return { cp, rest };
}

/** Matches one chunk (no `*`) against the start of `s`; the rest of `s`, null when it fails, BAD_PATTERN on a syntax error. */
function matchChunk(chunk: string, s: string): string | null | BadPattern {
  // Like Go, keep scanning after a failure so that syntax errors are still reported.
  let failed = false;
  while (chunk.length > 0) {
    if (!failed && s.length === 0) failed = true;
    const c = chunk[0];
    if (c === "[") {
      let r = -1;
      if (!failed) {
        r = s.codePointAt(0)!;
        s = s.slice(r > 0xffff ? 2 : 1);
      }
      chunk = chunk.slice(1);
      let negated = false;
      if (chunk.startsWith("^")) {
        negated = true;
        chunk = chunk.slice(1);
      }
      let match = false;
      let nrange = 0;
      for (;;) {
        if (chunk.startsWith("]") && nrange > 0) {
          chunk = chunk.slice(1);
          break;
        }
        const lo = getEsc(chunk);
        if (lo instanceof BadPattern) return lo;
        chunk = lo.rest;
        let hi = lo.cp;
        if (chunk[0] === "-") {
          const h = getEsc(chunk.slice(1));
          if (h instanceof BadPattern) return h;
          chunk = h.rest;
          hi = h.cp;
        }
        if (lo.cp <= r && r <= hi) match = true;
        nrange++;
      }
      if (match === negated) failed = true;
    } else if (c === "?") {
      if (!failed) {
        if (s[0] === "/") failed = true;
        const cp = s.codePointAt(0)!;
        s = s.slice(cp > 0xffff ? 2 : 1);
      }
      chunk = chunk.slice(1);
    } else {
      if (c === "\\") {
        chunk = chunk.slice(1);
        if (chunk === "") return BAD_PATTERN;
      }
      if (!failed) {
        if (chunk[0] !== s[0]) failed = true;
        s = s.slice(1);
      }
      chunk = chunk.slice(1);
    }
  }
  return failed ? null : s;
}

/**
 * Go's `filepath.Match(pattern, name)` on Unix. `*` matches any run of non-`/` characters, `?` one
 * non-`/` character, `[...]`/`[^...]` a character class with ranges, `\` escapes the next
 * character. A malformed pattern gives `ErrBadPattern` (Go ≥ 1.16 checks the whole pattern, even
 * after a mismatch; a mismatch found before a later syntax error still reports the error).
 */
export function goMatch(pattern: string, name: string): MatchResult {
  outer: while (pattern.length > 0) {
    const { star, chunk, rest } = scanChunk(pattern);
    pattern = rest;
    if (star && chunk === "") return { ok: true, matched: !name.includes("/") };
    const t = matchChunk(chunk, name);
    if (typeof t === "string" && (t.length === 0 || pattern.length > 0)) {
      name = t;
      continue;
    }
    if (t instanceof BadPattern) return BAD;
    if (star) {
      for (let i = 0; i < name.length && name[i] !== "/"; i++) {
        const t2 = matchChunk(chunk, name.slice(i + 1));
        if (typeof t2 === "string") {
          if (pattern.length === 0 && t2.length > 0) continue;
          name = t2;
          continue outer;
        }
        if (t2 instanceof BadPattern) return BAD;
      }
    }
    while (pattern.length > 0) {
      const next = scanChunk(pattern);
      pattern = next.rest;
      if (matchChunk(next.chunk, "") instanceof BadPattern) return BAD;
    }
    return { ok: true, matched: false };
  }
  return { ok: true, matched: name.length === 0 };
}

/** Whether Go's `filepath.Match` accepts the pattern (no `ErrBadPattern`). */
export function isValidGoPattern(pattern: string): boolean {
  return goMatch(pattern, ".").ok;
}

/**
 * Whether a source path contains wildcards as both builders decide it (`containsWildcards`): an
 * unescaped `*`, `?` or `[`; a `\` hides the character after it.
 */
export function containsWildcards(path: string): boolean {
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (c === "\\") i++;
    else if (c === "*" || c === "?" || c === "[") return true;
  }
  return false;
}
