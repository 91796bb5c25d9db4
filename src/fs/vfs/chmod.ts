/**
 * BuildKit's `--chmod` values (Docker 28.5, dockerfile frontend `convert.go` and the vendored
 * `tonistiigi/dchapes-mode`, a port of BSD `setmode(3)`): an octal number up to 07777, or a
 * symbolic mode such as `u+x,g=u` or `a=rX`, applied to each copied file's own mode. Browser-safe.
 *
 * @module
 */
import type { Outcome } from "../../core/result.js";

/** A parsed `--chmod`. */
export type Chmod =
  | { readonly kind: "octal"; readonly mode: number }
  | { readonly kind: "symbolic"; readonly text: string; readonly clauses: readonly SymbolicClause[] };

/** One `who op perms` step of a symbolic mode. */
export interface SymbolicClause {
  /** Bits the `who` letters select (0 = none given: all bits). */
  readonly who: number;
  readonly op: "+" | "-" | "=";
  /** Permission bits named (`r`, `w`, `x`, `s`, `t`). */
  readonly perm: number;
  /** `X`: execute only for directories or files with some execute bit. */
  readonly condX: boolean;
  /** `u`, `g` or `o`: copy that class's current bits. */
  readonly copy: "u" | "g" | "o" | null;
}

const STANDARD = 0o6777;
const TXT = 0o1000;

/**
 * Parses a `--chmod` value as BuildKit does: octal when `strconv.ParseUint(v, 8, 32)` accepts it
 * (above 07777 is an error), else symbolic. Returns the engine's error message for bad values.
 */
export function parseChmod(value: string): Outcome<Chmod> {
  const nonOctal = `invalid chmod parameter: '${value}'. it should be octal string and between 0 and 07777`;
  if (/^[0-7]+$/.test(value)) {
    const n = parseInt(value, 8);
    if (value.length > 11 || n > 0o7777) return { ok: false, error: nonOctal };
    return { ok: true, value: { kind: "octal", mode: n } };
  }
  if (value === "") return { ok: false, error: "invalid syntax" };
  // dchapes-mode: a leading digit means octal (ParseInt errors are *strconv.NumError: the octal message).
  if (value[0]! >= "0" && value[0]! <= "9") return { ok: false, error: nonOctal };
  const clauses: SymbolicClause[] = [];
  let s = value;
  for (;;) {
    let who = 0;
    while (s.length > 0 && "augo".includes(s[0]!)) {
      who |= s[0] === "a" ? STANDARD : s[0] === "u" ? 0o4700 : s[0] === "g" ? 0o2070 : 0o0007;
      s = s.slice(1);
    }
    if (s.length === 0) return { ok: false, error: "invalid syntax" };
    for (;;) {
      const op = s[0]!;
      s = s.slice(1);
      if (op !== "+" && op !== "-" && op !== "=") return { ok: false, error: "invalid syntax" };
      let w = who & ~TXT;
      let perm = 0;
      let condX = false;
      let copy: "u" | "g" | "o" | null = null;
      while (s.length > 0 && "rwxXstugo".includes(s[0]!)) {
        const c = s[0]!;
        if (c === "r") perm |= 0o444;
        else if (c === "w") perm |= 0o222;
        else if (c === "x") perm |= 0o111;
        else if (c === "X") { if (op === "-") perm |= 0o111; else condX = true; }
        else if (c === "s") { if (w === 0 || (w & ~0o7) !== 0) perm |= 0o6000; }
        else if (c === "t") { if (w === 0 || (w & ~0o7) !== 0) { w |= TXT; perm |= TXT; } }
        else copy = c as "u" | "g" | "o";
        s = s.slice(1);
      }
      clauses.push({ who: w, op, perm, condX, copy });
      if (s.length === 0 || s[0] === ",") break;
    }
    if (s.length === 0) break;
    s = s.slice(1);
  }
  return { ok: true, value: { kind: "symbolic", text: value, clauses } };
}

/** The mode a copied entry gets (`mode` is its own permission bits; `isDir` for `X`). */
export function applyChmod(chmod: Chmod, mode: number, isDir: boolean): number {
  switch (chmod.kind) {
    case "octal":
      return chmod.mode;
    case "symbolic": {
      const orig = mode;
      let m = mode;
      for (const c of chmod.clauses) {
        const sel = c.who === 0 ? STANDARD | (c.perm & TXT) : c.who;
        if (c.op === "=") m &= ~(c.who === 0 ? STANDARD : c.who);
        let bits = c.perm;
        if (c.copy !== null) {
          const v = c.copy === "u" ? (m >> 6) & 7 : c.copy === "g" ? (m >> 3) & 7 : m & 7;
          bits |= (v << 6) | (v << 3) | v;
        }
        if (c.condX && ((orig & 0o111) !== 0 || isDir)) bits |= 0o111;
        if (c.op === "-") m &= ~(sel & bits);
        else m |= sel & bits;
      }
      return m & 0o7777;
    }
    default: {
      const never: never = chmod;
      return never;
    }
  }
}
