/**
 * Go's `time.ParseDuration` and `time.Duration.String`, to the nanosecond and with Go's exact
 * error texts. Docker parses HEALTHCHECK `--interval`, `--timeout`, `--start-period` and
 * `--start-interval` with `time.ParseDuration` and writes them back with `Duration.String`
 * in history.
 *
 * Written from Go's `src/time/format.go` (ParseDuration, leadingInt, leadingFraction, the
 * package-private `quote`) and `src/time/time.go` (Duration.String / format, fmtFrac, fmtInt).
 *
 * @module
 */

import { fail, ok, type Outcome } from "../core/result.js";
import { utf8Encode } from "./utf8.js";

/** One character per byte, so units can be compared as Go compares strings (bytewise). */
function byteKey(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes);
}

/** Nanoseconds per unit, Go's `unitMap` (both micro signs are accepted), keyed by UTF-8 bytes. */
const UNITS: ReadonlyMap<string, bigint> = new Map(
  (
    [
      ["ns", 1n],
      ["us", 1_000n],
      ["\u00b5s", 1_000n], // U+00B5 MICRO SIGN
      ["\u03bcs", 1_000n], // U+03BC GREEK SMALL LETTER MU
      ["ms", 1_000_000n],
      ["s", 1_000_000_000n],
      ["m", 60_000_000_000n],
      ["h", 3_600_000_000_000n],
    ] as const
  ).map(([name, ns]) => [byteKey(utf8Encode(name)), ns] as const),
);

const TWO_63 = 1n << 63n;
const MAX_INT64 = TWO_63 - 1n;
const MIN_INT64 = -TWO_63;

/** Smallest Go `time.Duration` (nanoseconds), `math.MinInt64`. */
export const GO_DURATION_MIN: bigint = MIN_INT64;
/** Largest Go `time.Duration` (nanoseconds), `math.MaxInt64`. */
export const GO_DURATION_MAX: bigint = MAX_INT64;

const HEX = "0123456789abcdef";

/**
 * The `quote` helper of Go's time package (not `strconv.Quote`): double quotes, `"` and `\`
 * backslashed, and every byte of a non-ASCII or control character written as `\xNN`
 * (DEL stays literal). It is what appears in `time: invalid duration "…"`.
 *
 * @example
 * ```ts
 * goTimeQuote("1é"); // "\"1\\xc3\\xa9\""
 * ```
 */
export function goTimeQuote(text: string): string {
  return timeQuoteBytes(utf8Encode(text));
}

function timeQuoteBytes(bytes: Uint8Array): string {
  let out = '"';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    if (b >= 0x80 || b < 0x20) {
      // Go ranges over runes here: a valid multi-byte rune is escaped byte by byte, an
      // invalid byte alone. A valid encoding of U+FFFD counts 3 bytes. Either way, each byte
      // becomes \xNN, so escaping every byte of a non-ASCII run is equivalent.
      out += "\\x" + HEX[b >> 4] + HEX[b & 0xf];
      i += 1;
      continue;
    }
    const ch = String.fromCharCode(b);
    if (ch === '"' || ch === "\\") out += "\\";
    out += ch;
    i += 1;
  }
  return out + '"';
}

function isDigit(b: number | undefined): boolean {
  return b !== undefined && b >= 0x30 && b <= 0x39;
}

/**
 * Go's `time.ParseDuration`: a possibly signed sequence of decimal numbers, each with an
 * optional fraction and a unit (`ns`, `us`, `µs`, `μs`, `ms`, `s`, `m`, `h`), as nanoseconds.
 *
 * Errors, exactly as Go words them: `time: invalid duration "x"`,
 * `time: missing unit in duration "1"`, `time: unknown unit "x" in duration "1x"`.
 * Fractions are computed in float64 like Go (so `0.333333333333h` is `1199999999998` ns), and
 * results outside the int64 range are rejected (`-2562047h47m16.854775808s` is the minimum).
 *
 * @example
 * ```ts
 * parseGoDuration("1m30s"); // ok(90_000_000_000n)
 * parseGoDuration("1.5ms"); // ok(1_500_000n)
 * parseGoDuration("abc");   // fail('time: invalid duration "abc"')
 * ```
 */
export function parseGoDuration(text: string): Outcome<bigint> {
  const s = utf8Encode(text);
  const invalid = (): Outcome<bigint> => fail("time: invalid duration " + goTimeQuote(text));
  let pos = 0;
  let neg = false;
  if (s.length > 0) {
    const c = s[0];
    if (c === 0x2d || c === 0x2b) {
      neg = c === 0x2d;
      pos = 1;
    }
  }
  // Special case: what is left is exactly "0".
  if (s.length - pos === 1 && s[pos] === 0x30) return ok(0n);
  if (pos === s.length) return invalid();

  let total = 0n;
  while (pos < s.length) {
    const c = s[pos];
    if (!(c === 0x2e || isDigit(c))) return invalid();

    // Leading integer, with Go's overflow rule (anything above 2^63 fails).
    let v = 0n;
    const intStart = pos;
    while (pos < s.length && isDigit(s[pos])) {
      if (v > TWO_63 / 10n) return invalid();
      v = v * 10n + BigInt((s[pos] ?? 0x30) - 0x30);
      if (v > TWO_63) return invalid();
      pos++;
    }
    const pre = pos !== intStart;

    // Optional fraction: digits are accumulated until the value would pass 2^63, then ignored.
    let f = 0n;
    let scale = 1;
    let post = false;
    if (pos < s.length && s[pos] === 0x2e) {
      pos++;
      const fracStart = pos;
      let overflow = false;
      while (pos < s.length && isDigit(s[pos])) {
        const d = BigInt((s[pos] ?? 0x30) - 0x30);
        pos++;
        if (overflow) continue;
        if (f > MAX_INT64 / 10n) {
          overflow = true;
          continue;
        }
        const y = f * 10n + d;
        if (y > TWO_63) {
          overflow = true;
          continue;
        }
        f = y;
        scale *= 10;
      }
      post = pos !== fracStart;
    }
    if (!pre && !post) return invalid();

    // Unit: everything up to the next '.' or digit.
    const unitStart = pos;
    while (pos < s.length && !(s[pos] === 0x2e || isDigit(s[pos]))) pos++;
    if (pos === unitStart) return fail("time: missing unit in duration " + goTimeQuote(text));
    const unitBytes = s.subarray(unitStart, pos);
    const unit = UNITS.get(byteKey(unitBytes));
    if (unit === undefined) {
      return fail("time: unknown unit " + timeQuoteBytes(unitBytes) + " in duration " + goTimeQuote(text));
    }
    if (v > TWO_63 / unit) return invalid();
    v *= unit;
    if (f > 0n) {
      // float64(f) * (float64(unit) / scale), truncated toward zero, as in Go.
      const add = Number(f) * (Number(unit) / scale);
      v += BigInt(Math.trunc(add));
      if (v > TWO_63) return invalid();
    }
    total += v;
    if (total > TWO_63) return invalid();
  }
  if (neg) return ok(-total);
  if (total > MAX_INT64) return invalid();
  return ok(total);
}

/** fmtFrac of Go's time package: the fraction of v/10^prec without trailing zeros. */
function fmtFrac(v: bigint, prec: number): [text: string, rest: bigint] {
  let text = "";
  let print = false;
  let rest = v;
  for (let i = 0; i < prec; i++) {
    const digit = rest % 10n;
    print = print || digit !== 0n;
    if (print) text = digit.toString() + text;
    rest /= 10n;
  }
  if (print) text = "." + text;
  return [text, rest];
}

/**
 * Go's `time.Duration.String`: `0s`, `1.5s`, `2m0s`, `1h2m3.004005006s`, `1.999999ms`,
 * `500µs` (U+00B5), `1ns`, with a leading `-` for negative values.
 *
 * @throws RangeError when `ns` is outside the int64 range.
 * @example
 * ```ts
 * formatGoDuration(90_000_000_000n); // "1m30s"
 * formatGoDuration(0n); // "0s"
 * ```
 */
export function formatGoDuration(ns: bigint): string {
  if (ns < MIN_INT64 || ns > MAX_INT64) throw new RangeError(`duration out of int64 range: ${ns}`);
  const neg = ns < 0n;
  const u = neg ? -ns : ns;
  let out: string;
  if (u < 1_000_000_000n) {
    if (u === 0n) return "0s";
    let prec: number;
    let unit: string;
    if (u < 1_000n) {
      prec = 0;
      unit = "ns";
    } else if (u < 1_000_000n) {
      prec = 3;
      unit = "\u00b5s";
    } else {
      prec = 6;
      unit = "ms";
    }
    const [frac, rest] = fmtFrac(u, prec);
    out = rest.toString() + frac + unit;
  } else {
    const [frac, secondsTotal] = fmtFrac(u, 9);
    out = (secondsTotal % 60n).toString() + frac + "s";
    let rest = secondsTotal / 60n;
    if (rest > 0n) {
      out = (rest % 60n).toString() + "m" + out;
      rest /= 60n;
      if (rest > 0n) out = rest.toString() + "h" + out;
    }
  }
  return neg ? "-" + out : out;
}
