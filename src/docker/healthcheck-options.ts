/**
 * Validation of the HEALTHCHECK flags `--interval`, `--timeout`, `--start-period`,
 * `--start-interval` and `--retries`, as Docker Engine 28.5 does it.
 *
 * Both builders run the same code: the classic builder of 28.5 parses Dockerfiles with the
 * BuildKit `instructions` package vendored in moby (`vendor/github.com/moby/buildkit/frontend/
 * dockerfile/instructions/parse.go`: parseOptInterval, parseHealthcheck), so there is no
 * `builder` parameter. Verified on Engine 28.5.2 with both builders (identical messages).
 *
 * Rules (28.5):
 * - an empty or absent duration flag means 0 ("use the daemon default");
 * - a duration is parsed with Go's `time.ParseDuration`; exactly 0 (`0`, `0s`, `-0`) is
 *   accepted, anything else under 1ms (including every negative value) fails with
 *   `Interval "interval" cannot be less than 1ms` (the flag's name, Go-quoted);
 * - `--retries` is `strconv.ParseInt(v, 10, 32)`: `0` is accepted, a negative value fails with
 *   `--retries cannot be negative (-1)`, bad syntax with
 *   `strconv.ParseInt: parsing "abc": invalid syntax`, and values outside int32 with
 *   `strconv.ParseInt: parsing "2147483648": value out of range`;
 * - the flags are checked in the order interval, timeout, start-period, start-interval,
 *   retries; the first error wins.
 *
 * Note: the flag values given here must be the values after Docker's flag extraction. That
 * extraction (`parser/line_parsers.go` extractBuilderFlags, outside this module) appends each
 * byte of a flag as if it were a Latin-1 character, so a non-ASCII flag value reaches the
 * validator double-encoded: `--timeout=1µs` fails with
 * `time: unknown unit "\xc3\x82\xc2\xb5s" in duration "1\xc3\x82\xc2\xb5s"` (verified).
 *
 * @module
 */

import type { Builder } from "../core/builder.js";
import { fail, ok, type Outcome } from "../core/result.js";
import { formatGoDuration, parseGoDuration } from "./go-duration.js";
import { goQuote, goQuoteStringSlice, goSprintfQInt } from "./go-quote.js";

/** The raw flag values of one HEALTHCHECK instruction; absent flags are `undefined`. */
export interface HealthcheckFlagValues {
  /** `--interval=…` */
  readonly interval?: string | undefined;
  /** `--timeout=…` */
  readonly timeout?: string | undefined;
  /** `--start-period=…` */
  readonly startPeriod?: string | undefined;
  /** `--start-interval=…` */
  readonly startInterval?: string | undefined;
  /** `--retries=…` */
  readonly retries?: string | undefined;
}

/** Validated HEALTHCHECK options, as stored in the image config (0 means "daemon default"). */
export interface HealthcheckOptions {
  /** `Interval`, nanoseconds. */
  readonly interval: bigint;
  /** `Timeout`, nanoseconds. */
  readonly timeout: bigint;
  /** `StartPeriod`, nanoseconds. */
  readonly startPeriod: bigint;
  /** `StartInterval`, nanoseconds. */
  readonly startInterval: bigint;
  /** `Retries`. */
  readonly retries: number;
}

const MINIMUM_DURATION = 1_000_000n; // time.Millisecond

/**
 * One duration flag of HEALTHCHECK (parseOptInterval): `""` gives 0, `0`-valued durations
 * give 0, other values must be at least 1ms.
 *
 * @param flagName - the flag name without dashes as Docker names it: `interval`, `timeout`,
 *   `start-period` or `start-interval`.
 * @example
 * ```ts
 * parseHealthcheckDuration("interval", "0.5ms"); // fail('Interval "interval" cannot be less than 1ms')
 * parseHealthcheckDuration("timeout", "1m");     // ok(60_000_000_000n)
 * ```
 */
export function parseHealthcheckDuration(flagName: string, value: string): Outcome<bigint> {
  if (value === "") return ok(0n);
  const d = parseGoDuration(value);
  if (!d.ok) return d;
  if (d.value === 0n) return ok(0n);
  if (d.value < MINIMUM_DURATION) return fail(`Interval ${goQuote(flagName)} cannot be less than 1ms`);
  return d;
}

/**
 * `strconv.ParseInt(value, 10, bitSize)` with Go's error texts (`strconv.ParseInt: parsing
 * "x": invalid syntax` / `value out of range`). Exported for reuse; `bitSize` is 1..64.
 *
 * @example
 * ```ts
 * goParseInt("+3", 32);  // ok(3n)
 * goParseInt("1.5", 32); // fail('strconv.ParseInt: parsing "1.5": invalid syntax')
 * ```
 */
export function goParseInt(value: string, bitSize: number): Outcome<bigint> {
  const syntax = (): Outcome<bigint> => fail(`strconv.ParseInt: parsing ${goQuote(value)}: invalid syntax`);
  const range = (): Outcome<bigint> => fail(`strconv.ParseInt: parsing ${goQuote(value)}: value out of range`);
  if (value === "") return syntax();
  let s = value;
  let neg = false;
  if (s[0] === "+" || s[0] === "-") {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  if (s === "") return syntax();
  // ParseUint(s, 10, bitSize): scans left to right; an overflow is reported as soon as it
  // happens, even if an invalid character follows.
  const maxUnsigned = (1n << BigInt(bitSize)) - 1n;
  let n = 0n;
  for (const ch of s) {
    if (!(ch >= "0" && ch <= "9")) return syntax();
    n = n * 10n + BigInt(ch.charCodeAt(0) - 0x30);
    if (n > maxUnsigned) return range();
  }
  const cutoff = 1n << BigInt(bitSize - 1);
  if (!neg && n >= cutoff) return range();
  if (neg && n > cutoff) return range();
  return ok(neg ? -n : n);
}

/**
 * `--retries` (parseHealthcheck): `""` gives 0; otherwise an int32 that is not negative.
 *
 * @example
 * ```ts
 * parseHealthcheckRetries("0");  // ok(0)
 * parseHealthcheckRetries("-1"); // fail("--retries cannot be negative (-1)")
 * ```
 */
export function parseHealthcheckRetries(value: string): Outcome<number> {
  if (value === "") return ok(0);
  const n = goParseInt(value, 32);
  if (!n.ok) return fail(n.error);
  if (n.value < 0n) return fail(`--retries cannot be negative (${n.value})`);
  return ok(Number(n.value));
}

/**
 * Validates all HEALTHCHECK flags of one `HEALTHCHECK [flags] CMD …` instruction, in Docker's
 * order, returning the values stored in the image config.
 *
 * (`HEALTHCHECK NONE` does not parse its flags at all, so they are never validated there.)
 *
 * @example
 * ```ts
 * parseHealthcheckOptions({ interval: "5s", retries: "3" });
 * // ok({ interval: 5_000_000_000n, timeout: 0n, startPeriod: 0n, startInterval: 0n, retries: 3 })
 * parseHealthcheckOptions({ interval: "0s", retries: "0" }); // accepted in 28.5
 * parseHealthcheckOptions({ timeout: "abc" }); // fail('time: invalid duration "abc"')
 * ```
 */
export function parseHealthcheckOptions(flags: HealthcheckFlagValues): Outcome<HealthcheckOptions> {
  const interval = parseHealthcheckDuration("interval", flags.interval ?? "");
  if (!interval.ok) return fail(interval.error);
  const timeout = parseHealthcheckDuration("timeout", flags.timeout ?? "");
  if (!timeout.ok) return fail(timeout.error);
  const startPeriod = parseHealthcheckDuration("start-period", flags.startPeriod ?? "");
  if (!startPeriod.ok) return fail(startPeriod.error);
  const startInterval = parseHealthcheckDuration("start-interval", flags.startInterval ?? "");
  if (!startInterval.ok) return fail(startInterval.error);
  const retries = parseHealthcheckRetries(flags.retries ?? "");
  if (!retries.ok) return fail(retries.error);
  return ok({
    interval: interval.value,
    timeout: timeout.value,
    startPeriod: startPeriod.value,
    startInterval: startInterval.value,
    retries: retries.value,
  });
}

/**
 * The history text (`created_by`) of a HEALTHCHECK instruction, as observed on Engine 28.5.2:
 *
 * - BuildKit: `fmt.Sprintf("HEALTHCHECK %q", cfg)` of the config struct
 *   (`dockerfile2llb/convert.go` dispatchHealthcheck): strings and durations quoted, the
 *   retries printed as a quoted rune: `HEALTHCHECK &{["CMD-SHELL" "true"] "1.5s" "0s" "0s" "0s" '\x03'}`;
 * - classic builder: `HEALTHCHECK &{[CMD-SHELL true] 1.5s 0s 0s 0s 3}` (`%v`; upstream v28.5.2
 *   source has `%q`, the verified Debian 28.5.2 engine prints `%v`). The classic builder's
 *   `created_by` then gets the usual `/bin/sh -c #(nop)  ` prefix, which is not added here.
 *
 * @param test - the `Test` array (`["CMD-SHELL", "true"]`, `["CMD", "a"]`, `["NONE"]`).
 * @example
 * ```ts
 * formatHealthcheckHistory(["CMD-SHELL", "true"], { interval: 1_500_000_000n, timeout: 0n,
 *   startPeriod: 0n, startInterval: 0n, retries: 3 }, "buildkit");
 * // `HEALTHCHECK &{["CMD-SHELL" "true"] "1.5s" "0s" "0s" "0s" '\x03'}`
 * ```
 */
export function formatHealthcheckHistory(test: readonly string[], options: HealthcheckOptions, builder: Builder): string {
  const durations = [options.interval, options.timeout, options.startPeriod, options.startInterval].map(formatGoDuration);
  if (builder === "buildkit") {
    return `HEALTHCHECK &{${goQuoteStringSlice(test)} ${durations.map(goQuote).join(" ")} ${goSprintfQInt(options.retries)}}`;
  }
  return `HEALTHCHECK &{[${test.join(" ")}] ${durations.join(" ")} ${options.retries}}`;
}
