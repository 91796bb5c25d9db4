/**
 * Go's RE2 regexp syntax translated to JavaScript's, for the regexps Docker's pattern matcher builds
 * from `.dockerignore` patterns (moby/patternmatcher v0.6.0 `Pattern.compile`; RE2 syntax as Go's
 * `regexp/syntax` documents it).
 *
 * @module
 */

const hex = (cp: number): string => `\\u{${cp.toString(16)}}`;

const POSIX_CLASSES: Record<string, string> = {
  alnum: "0-9A-Za-z",
  alpha: "A-Za-z",
  ascii: "\\u{0}-\\u{7f}",
  blank: "\\t ",
  cntrl: "\\u{0}-\\u{1f}\\u{7f}",
  digit: "0-9",
  graph: "!-~",
  lower: "a-z",
  print: " -~",
  punct: "!-/:-@\\[-`{-~",
  space: "\\t\\n\\v\\f\\r ",
  upper: "A-Z",
  word: "0-9A-Za-z_",
  xdigit: "0-9A-Fa-f",
};

/** Perl classes as Go's RE2 defines them (ASCII only), for use inside a JS class. */
const PERL_IN_CLASS: Record<string, string> = { d: "0-9", s: "\\t\\n\\f\\r ", w: "0-9A-Za-z_" };
const SIMPLE_ESCAPES: Record<string, number> = { a: 7, f: 12, t: 9, n: 10, r: 13, v: 11 };

/**
 * Translates the Go (RE2) regexp that `Pattern.compile` builds into an equivalent JS regexp source.
 * Supports what a pattern can put there: literals, escapes, `.`, quantifiers, groups, anchors and
 * bracket classes (ranges, negation, Perl and POSIX classes). Returns undefined where Go would fail
 * to compile, or for the few RE2 escapes not modelled (`\p`, `\x`, octal, `\Q`…), which are reported
 * as pattern errors.
 */
export function re2ToJs(re: string): string | undefined {
  let out = "";
  let i = 0;
  const cpAt = (k: number): number => re.codePointAt(k)!;
  const width = (cp: number): number => (cp > 0xffff ? 2 : 1);
  while (i < re.length) {
    const c = re[i]!;
    if (c === "\\") {
      const n = re[i + 1];
      if (n === undefined) return undefined;
      i += 2;
      if (/[A-Za-z0-9]/.test(n)) {
        if (n === "d" || n === "w") out += `[${PERL_IN_CLASS[n]}]`;
        else if (n === "D" || n === "W") out += `[^${PERL_IN_CLASS[n.toLowerCase()]}]`;
        else if (n === "s") out += `[${PERL_IN_CLASS.s}]`;
        else if (n === "S") out += `[^${PERL_IN_CLASS.s}]`;
        else if (n === "b" || n === "B") out += `\\${n}`;
        else if (n === "A") out += "^";
        else if (n === "z") out += "$(?![^]*)"; // end of text; "$" without the m flag is the same
        else if (SIMPLE_ESCAPES[n] !== undefined) out += hex(SIMPLE_ESCAPES[n]);
        else return undefined;
      } else {
        const cp = re.codePointAt(i - 1)!;
        if (cp > 0x7f) return undefined; // RE2 only allows escaping ASCII punctuation
        out += hex(cp);
      }
      continue;
    }
    if (c === "[") {
      i++;
      let cls = "[";
      if (re[i] === "^") {
        cls += "^";
        i++;
      }
      let first = true;
      for (;;) {
        if (i >= re.length) return undefined; // missing closing ]
        if (re[i] === "]" && !first) {
          i++;
          break;
        }
        first = false;
        if (re.startsWith("[:", i)) {
          const end = re.indexOf(":]", i + 2);
          if (end >= 0) {
            const name = re.slice(i + 2, end);
            const body = POSIX_CLASSES[name];
            if (body === undefined) return undefined; // negated or unknown class
            cls += body;
            i = end + 2;
            continue;
          }
        }
        const readChar = (): number | string | undefined => {
          if (re[i] === "\\") {
            const n = re[i + 1];
            if (n === undefined) return undefined;
            if (PERL_IN_CLASS[n] !== undefined) {
              i += 2;
              return PERL_IN_CLASS[n];
            }
            if (SIMPLE_ESCAPES[n] !== undefined) {
              i += 2;
              return SIMPLE_ESCAPES[n];
            }
            const cp = cpAt(i + 1);
            if (/[A-Za-z0-9]/.test(n) || cp > 0x7f) return undefined;
            i += 2;
            return cp;
          }
          const cp = cpAt(i);
          i += width(cp);
          return cp;
        };
        const lo = readChar();
        if (lo === undefined) return undefined;
        if (typeof lo === "string") {
          cls += lo;
          continue;
        }
        if (re[i] === "-" && i + 1 < re.length && re[i + 1] !== "]") {
          i++;
          const hi = readChar();
          if (hi === undefined || typeof hi === "string" || hi < lo) return undefined;
          cls += `${hex(lo)}-${hex(hi)}`;
        } else cls += hex(lo);
      }
      out += cls + "]";
      continue;
    }
    if (c === ".") out += "[^\\n]";
    else if ("^$*?+()|".includes(c)) out += c;
    else {
      const cp = cpAt(i);
      out += hex(cp);
      i += width(cp);
      continue;
    }
    i++;
  }
  try {
    new RegExp(out, "u");
  } catch {
    return undefined;
  }
  return out;
}
