// HEALTHCHECK flag validation (src/docker/healthcheck-options.ts).
// `verified` rows were observed on Docker Engine 28.5.2 with both builders (same messages).
import { describe, expect, it } from "vitest";
import {
  formatHealthcheckHistory,
  goParseInt,
  parseHealthcheckOptions,
  type HealthcheckFlagValues,
  type HealthcheckOptions,
} from "../../src/docker/healthcheck-options.js";
import { BUILDERS } from "../../src/core/builder.js";

const opts = (o: Partial<HealthcheckOptions>): HealthcheckOptions => ({
  interval: 0n,
  timeout: 0n,
  startPeriod: 0n,
  startInterval: 0n,
  retries: 0,
  ...o,
});

describe("parseHealthcheckOptions", () => {
  const good: { flags: HealthcheckFlagValues; want: HealthcheckOptions; verified?: boolean }[] = [
    {
      flags: { interval: "1.5s", timeout: "1h2m3.004005006s", startPeriod: "0s", startInterval: "-0s", retries: "0" },
      want: opts({ interval: 1_500_000_000n, timeout: 3_723_004_005_006n }),
      verified: true,
    },
    {
      flags: { interval: "1ms", timeout: "+2m", startPeriod: "1.s", startInterval: "1ms", retries: "+3" },
      want: opts({ interval: 1_000_000n, timeout: 120_000_000_000n, startPeriod: 1_000_000_000n, startInterval: 1_000_000n, retries: 3 }),
      verified: true,
    },
    {
      flags: { interval: "0", timeout: "-0", startPeriod: "0.000001h", retries: "2147483647" },
      want: opts({ startPeriod: 3_600_000n, retries: 2147483647 }),
      verified: true,
    },
    {
      flags: { interval: "2562047h47m16.854775807s", timeout: "1000us", startPeriod: ".5s" },
      want: opts({ interval: 9223372036854775807n, timeout: 1_000_000n, startPeriod: 500_000_000n }),
      verified: true,
    },
    { flags: { interval: "", retries: "" }, want: opts({}), verified: true },
    {
      flags: { interval: "1.00000000000000000000000000001s", timeout: "0.333333333333h", startPeriod: "1.9999999999ms" },
      want: opts({ interval: 1_000_000_000n, timeout: 1_199_999_999_998n, startPeriod: 1_999_999n }),
      verified: true,
    },
    { flags: {}, want: opts({}) },
    { flags: { retries: "-0" }, want: opts({}) },
  ];
  it.each(good)("accepts $flags", (c) => {
    expect(parseHealthcheckOptions(c.flags)).toEqual({ ok: true, value: c.want });
  });

  const bad: { flags: HealthcheckFlagValues; error: string; verified?: boolean }[] = [
    { flags: { interval: "0.5ms" }, error: 'Interval "interval" cannot be less than 1ms', verified: true },
    { flags: { interval: "-1s" }, error: 'Interval "interval" cannot be less than 1ms', verified: true },
    { flags: { interval: "-2562047h47m16.854775808s" }, error: 'Interval "interval" cannot be less than 1ms', verified: true },
    { flags: { interval: "abc" }, error: 'time: invalid duration "abc"', verified: true },
    { flags: { interval: "1" }, error: 'time: missing unit in duration "1"', verified: true },
    { flags: { interval: "1x" }, error: 'time: unknown unit "x" in duration "1x"', verified: true },
    { flags: { timeout: "999us" }, error: 'Interval "timeout" cannot be less than 1ms', verified: true },
    { flags: { startPeriod: "0.0000000001h" }, error: 'Interval "start-period" cannot be less than 1ms', verified: true },
    { flags: { startInterval: ".5ms" }, error: 'Interval "start-interval" cannot be less than 1ms', verified: true },
    { flags: { startPeriod: "2562047h47m16.854775808s" }, error: 'time: invalid duration "2562047h47m16.854775808s"', verified: true },
    { flags: { retries: "-1" }, error: "--retries cannot be negative (-1)", verified: true },
    { flags: { retries: "abc" }, error: 'strconv.ParseInt: parsing "abc": invalid syntax', verified: true },
    { flags: { retries: "1.5" }, error: 'strconv.ParseInt: parsing "1.5": invalid syntax', verified: true },
    { flags: { retries: "2147483648" }, error: 'strconv.ParseInt: parsing "2147483648": value out of range', verified: true },
    { flags: { retries: "-2147483649" }, error: 'strconv.ParseInt: parsing "-2147483649": value out of range' },
    { flags: { retries: "4294967296x" }, error: 'strconv.ParseInt: parsing "4294967296x": value out of range' },
    { flags: { retries: "2147483648x" }, error: 'strconv.ParseInt: parsing "2147483648x": invalid syntax' },
    { flags: { retries: "1_0" }, error: 'strconv.ParseInt: parsing "1_0": invalid syntax' },
    // order: interval before timeout before retries
    { flags: { interval: "x", timeout: "y", retries: "z" }, error: 'time: invalid duration "x"' },
    { flags: { timeout: "1ns", retries: "z" }, error: 'Interval "timeout" cannot be less than 1ms' },
  ];
  it.each(bad)("rejects $flags", (c) => {
    expect(parseHealthcheckOptions(c.flags)).toEqual({ ok: false, error: c.error });
  });

  it("goParseInt accepts the int32 boundaries", () => {
    expect(goParseInt("-2147483648", 32)).toEqual({ ok: true, value: -2147483648n });
    expect(goParseInt("2147483647", 32)).toEqual({ ok: true, value: 2147483647n });
    expect(goParseInt("-", 32)).toEqual({ ok: false, error: 'strconv.ParseInt: parsing "-": invalid syntax' });
  });
});

describe("formatHealthcheckHistory (verified in docker history)", () => {
  const rows: { test: string[]; o: HealthcheckOptions; buildkit: string; legacy: string }[] = [
    {
      test: ["CMD-SHELL", "z"],
      o: opts({ interval: 1_000_000_000n, timeout: 1_199_999_999_998n, startPeriod: 1_999_999n }),
      buildkit: `HEALTHCHECK &{["CMD-SHELL" "z"] "1s" "19m59.999999998s" "1.999999ms" "0s" '\\x00'}`,
      legacy: "HEALTHCHECK &{[CMD-SHELL z] 1s 19m59.999999998s 1.999999ms 0s 0}",
    },
    {
      test: ["CMD-SHELL", "true"],
      o: opts({ startPeriod: 3_600_000n, retries: 2147483647 }),
      buildkit: `HEALTHCHECK &{["CMD-SHELL" "true"] "0s" "0s" "3.6ms" "0s" '\uFFFD'}`,
      legacy: "HEALTHCHECK &{[CMD-SHELL true] 0s 0s 3.6ms 0s 2147483647}",
    },
    {
      test: ["CMD", "a", "b"],
      o: opts({ interval: 1_000_000n, timeout: 120_000_000_000n, startPeriod: 1_000_000_000n, startInterval: 1_000_000n, retries: 3 }),
      buildkit: `HEALTHCHECK &{["CMD" "a" "b"] "1ms" "2m0s" "1s" "1ms" '\\x03'}`,
      legacy: "HEALTHCHECK &{[CMD a b] 1ms 2m0s 1s 1ms 3}",
    },
  ];
  it.each(rows)("$buildkit", (r) => {
    for (const b of BUILDERS) expect(formatHealthcheckHistory(r.test, r.o, b)).toBe(b === "buildkit" ? r.buildkit : r.legacy);
  });
});
