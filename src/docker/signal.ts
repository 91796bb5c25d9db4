/**
 * STOPSIGNAL validation, as Docker Engine 28.5 does it (same in both builders).
 *
 * Both builders call `signal.ParseSignal` of `github.com/moby/sys/signal` v0.7.1
 * (`vendor/github.com/moby/sys/signal/signal.go`, `signal_linux.go`), from
 * `builder/dockerfile/dispatchers.go` dispatchStopSignal (classic) and
 * `vendor/github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb/convert.go`
 * dispatchStopSignal (BuildKit), after variable expansion. The image keeps the value verbatim.
 *
 * @module
 */

import { fail, ok, type Outcome } from "../core/result.js";

/** Linux signal names without the `SIG` prefix, as in moby/sys/signal's `SignalMap`, with their numbers. */
export const LINUX_SIGNALS: ReadonlyMap<string, number> = (() => {
  const m = new Map<string, number>([
    ["ABRT", 6],
    ["ALRM", 14],
    ["BUS", 7],
    ["CHLD", 17],
    ["CLD", 17],
    ["CONT", 18],
    ["FPE", 8],
    ["HUP", 1],
    ["ILL", 4],
    ["INT", 2],
    ["IO", 29],
    ["IOT", 6],
    ["KILL", 9],
    ["PIPE", 13],
    ["POLL", 29],
    ["PROF", 27],
    ["PWR", 30],
    ["QUIT", 3],
    ["SEGV", 11],
    ["STKFLT", 16],
    ["STOP", 19],
    ["SYS", 31],
    ["TERM", 15],
    ["TRAP", 5],
    ["TSTP", 20],
    ["TTIN", 21],
    ["TTOU", 22],
    ["URG", 23],
    ["USR1", 10],
    ["USR2", 12],
    ["VTALRM", 26],
    ["WINCH", 28],
    ["XCPU", 24],
    ["XFSZ", 25],
  ]);
  const rtmin = 34;
  const rtmax = 64;
  m.set("RTMIN", rtmin);
  for (let i = 1; i <= 15; i++) m.set(`RTMIN+${i}`, rtmin + i);
  for (let i = 14; i >= 1; i--) m.set(`RTMAX-${i}`, rtmax - i);
  m.set("RTMAX", rtmax);
  return m;
})();

const MAX_INT64 = (1n << 63n) - 1n;
const MIN_INT64 = -(1n << 63n);

/** Go's `strconv.Atoi` on a 64-bit platform: optional sign, decimal digits, int64 range. */
function goAtoi(s: string): bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  if (n > MAX_INT64 || n < MIN_INT64) return undefined;
  return n;
}

/**
 * Go's `strings.ToUpper`, restricted to what can matter for a signal name: a result can only
 * match an (ASCII) signal name if every rune maps to ASCII, and besides `a`–`z` the only runes
 * whose simple upper case is ASCII are U+017F (ſ → S) and U+0131 (ı → I). Other runes are
 * left as they are (JavaScript's full case mappings such as `ß` → `SS` are not Go's).
 */
function goUpperForAscii(s: string): string {
  let out = "";
  for (const ch of s) {
    if (ch >= "a" && ch <= "z") out += ch.toUpperCase();
    else if (ch === "\u017f") out += "S";
    else if (ch === "\u0131") out += "I";
    else out += ch;
  }
  return out;
}

/**
 * Resolves a signal like `signal.ParseSignal`: a decimal integer (any non-zero int64, the range
 * is not checked) or a Linux signal name, case-insensitive, with an optional `SIG` prefix.
 * Returns the signal number (for a number, the number itself).
 *
 * @example
 * ```ts
 * signalNumber("sigterm"); // ok(15n)
 * signalNumber("RTMIN+3"); // ok(37n)
 * signalNumber("0");       // fail("invalid signal: 0")
 * ```
 */
export function signalNumber(value: string): Outcome<bigint> {
  const n = goAtoi(value);
  if (n !== undefined) {
    if (n === 0n) return fail(`invalid signal: ${value}`);
    return ok(n);
  }
  let name = goUpperForAscii(value);
  if (name.startsWith("SIG")) name = name.slice(3);
  const sig = LINUX_SIGNALS.get(name);
  if (sig === undefined) return fail(`invalid signal: ${value}`);
  return ok(BigInt(sig));
}

/**
 * Validates a STOPSIGNAL value (already variable-expanded) and returns it verbatim, which is
 * what Docker stores in `Config.StopSignal` (`kill` stays `kill`).
 *
 * Accepted: any non-zero decimal integer within int64 (`999`, `-1`, `+5`, `007`), or a Linux
 * signal name in any case, with or without `SIG` (`kill`, `SIGTERM`, `RTMIN+3`, `sigrtmax-14`).
 * Rejected with `invalid signal: <value>` (lower-case `invalid` in 28.5; 20.10 said
 * `Invalid signal`): `0`, `-0`, `00`, `SIGFOO`, `SIGSIGKILL`, `RTMIN+16`, `0x10`, the empty
 * string, integers outside int64. Identical in both builders (verified on Engine 28.5.2).
 *
 * @example
 * ```ts
 * parseStopSignal("sigkill"); // ok("sigkill")
 * parseStopSignal("SIGFOO");  // fail("invalid signal: SIGFOO")
 * ```
 */
export function parseStopSignal(value: string): Outcome<string> {
  const n = signalNumber(value);
  if (!n.ok) return fail(n.error);
  return ok(value);
}
