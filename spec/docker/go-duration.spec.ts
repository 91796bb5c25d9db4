// Go's time.ParseDuration / Duration.String (src/docker/go-duration.ts).
// `verified` rows were observed on Docker Engine 28.5.2 (HEALTHCHECK flags, both builders:
// errors in the build output, values in `image inspect` and `docker history`).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatGoDuration, GO_DURATION_MAX, GO_DURATION_MIN, goTimeQuote, parseGoDuration } from "../../src/docker/go-duration.js";

describe("parseGoDuration", () => {
  const good: { in: string; ns: bigint; text: string; verified?: boolean }[] = [
    { in: "1.5s", ns: 1_500_000_000n, text: "1.5s", verified: true },
    { in: "1h2m3.004005006s", ns: 3_723_004_005_006n, text: "1h2m3.004005006s", verified: true },
    { in: "0s", ns: 0n, text: "0s", verified: true },
    { in: "-0s", ns: 0n, text: "0s", verified: true },
    { in: "0", ns: 0n, text: "0s", verified: true },
    { in: "-0", ns: 0n, text: "0s", verified: true },
    { in: "+2m", ns: 120_000_000_000n, text: "2m0s", verified: true },
    { in: "1.s", ns: 1_000_000_000n, text: "1s", verified: true },
    { in: ".5s", ns: 500_000_000n, text: "500ms", verified: true },
    { in: "1ms", ns: 1_000_000n, text: "1ms", verified: true },
    { in: "1000us", ns: 1_000_000n, text: "1ms", verified: true },
    { in: "0.000001h", ns: 3_600_000n, text: "3.6ms", verified: true },
    { in: "2562047h47m16.854775807s", ns: GO_DURATION_MAX, text: "2562047h47m16.854775807s", verified: true },
    { in: "0.333333333333h", ns: 1_199_999_999_998n, text: "19m59.999999998s", verified: true },
    { in: "1.9999999999ms", ns: 1_999_999n, text: "1.999999ms", verified: true },
    { in: "1.00000000000000000000000000001s", ns: 1_000_000_000n, text: "1s", verified: true },
    { in: "-2562047h47m16.854775808s", ns: GO_DURATION_MIN, text: "-2562047h47m16.854775808s" },
    { in: "1\u00b5s", ns: 1_000n, text: "1\u00b5s" },
    { in: "1\u03bcs", ns: 1_000n, text: "1\u00b5s" },
    { in: "1h1h", ns: 7_200_000_000_000n, text: "2h0m0s" },
    { in: "1ns", ns: 1n, text: "1ns" },
    { in: "-1.5h", ns: -5_400_000_000_000n, text: "-1h30m0s" },
    { in: "100ms", ns: 100_000_000n, text: "100ms" },
  ];
  it.each(good)("$in = $ns ns ($text)", (c) => {
    const r = parseGoDuration(c.in);
    expect(r).toEqual({ ok: true, value: c.ns });
    expect(formatGoDuration(c.ns)).toBe(c.text);
  });

  const bad: { in: string; error: string; verified?: boolean }[] = [
    { in: "abc", error: 'time: invalid duration "abc"', verified: true },
    { in: "1", error: 'time: missing unit in duration "1"', verified: true },
    { in: "1x", error: 'time: unknown unit "x" in duration "1x"', verified: true },
    { in: "1e3s", error: 'time: unknown unit "e" in duration "1e3s"', verified: true },
    { in: ".s", error: 'time: invalid duration ".s"', verified: true },
    { in: "1s2", error: 'time: missing unit in duration "1s2"', verified: true },
    { in: "9223372036854775808ns", error: 'time: invalid duration "9223372036854775808ns"', verified: true },
    { in: "99999999999999999999ns", error: 'time: invalid duration "99999999999999999999ns"', verified: true },
    { in: "2562047h47m16.854775808s", error: 'time: invalid duration "2562047h47m16.854775808s"', verified: true },
    // what the engine's flag extraction turns "1µs"/"1é" into (see healthcheck-options.ts)
    { in: "1\u00c2\u00b5s", error: 'time: unknown unit "\\xc3\\x82\\xc2\\xb5s" in duration "1\\xc3\\x82\\xc2\\xb5s"', verified: true },
    { in: "1\u00c3\u00a9", error: 'time: unknown unit "\\xc3\\x83\\xc2\\xa9" in duration "1\\xc3\\x83\\xc2\\xa9"', verified: true },
    { in: "", error: 'time: invalid duration ""' },
    { in: "+", error: 'time: invalid duration "+"' },
    { in: "-", error: 'time: invalid duration "-"' },
    { in: "1.5", error: 'time: missing unit in duration "1.5"' },
    { in: " 1s", error: 'time: invalid duration " 1s"' },
    { in: "1 s", error: 'time: unknown unit " s" in duration "1 s"' },
    { in: "1S", error: 'time: unknown unit "S" in duration "1S"' },
    { in: '1"', error: 'time: unknown unit "\\"" in duration "1\\""' },
    { in: "-2562047h47m16.854775809s", error: 'time: invalid duration "-2562047h47m16.854775809s"' },
    { in: "1..5s", error: 'time: missing unit in duration "1..5s"' },
  ];
  it.each(bad)("$in fails: $error", (c) => {
    expect(parseGoDuration(c.in)).toEqual({ ok: false, error: c.error });
  });

  it("time.quote escapes every byte of non-ASCII and control characters, not DEL", () => {
    expect(goTimeQuote("a\u007fb")).toBe('"a\u007fb"');
    expect(goTimeQuote("\t")).toBe('"\\x09"');
    expect(goTimeQuote("\ufffd")).toBe('"\\xef\\xbf\\xbd"');
  });

  const arbInt64 = fc.bigInt({ min: GO_DURATION_MIN, max: GO_DURATION_MAX });
  it("property: String() of any duration parses back to the same value", () => {
    fc.assert(
      fc.property(arbInt64, (d) => {
        expect(parseGoDuration(formatGoDuration(d))).toEqual({ ok: true, value: d });
      }),
    );
  });

  const units: [string, bigint][] = [
    ["ns", 1n],
    ["us", 1_000n],
    ["ms", 1_000_000n],
    ["s", 1_000_000_000n],
    ["m", 60_000_000_000n],
    ["h", 3_600_000_000_000n],
  ];
  it("property: sums of integer parts are exact, and overflow is reported", () => {
    const arbPart = fc.tuple(fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.constantFrom(...units));
    fc.assert(
      fc.property(fc.boolean(), fc.array(arbPart, { minLength: 1, maxLength: 5 }), (neg, parts) => {
        const text = (neg ? "-" : "") + parts.map(([n, [u]]) => `${n}${u}`).join("");
        const sum = parts.reduce((acc, [n, [, ns]]) => acc + n * ns, 0n);
        const expected = neg ? -sum : sum;
        const r = parseGoDuration(text);
        // Go checks each part against 2^63 and the running sum against 2^63 (then int64 range).
        let running = 0n;
        let overflow = false;
        for (const [n, [, ns]] of parts) {
          if (n * ns > 1n << 63n) overflow = true;
          running += n * ns;
          if (running > 1n << 63n) overflow = true;
        }
        if (!neg && running > GO_DURATION_MAX) overflow = true;
        if (overflow) expect(r).toEqual({ ok: false, error: `time: invalid duration "${text}"` });
        else expect(r).toEqual({ ok: true, value: expected });
      }),
    );
  });

  it("property: fractions of at most 9 digits in seconds are exact", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100000 }), fc.integer({ min: 0, max: 999_999_999 }), (s, frac) => {
        const f = String(frac).padStart(9, "0");
        expect(parseGoDuration(`${s}.${f}s`)).toEqual({ ok: true, value: BigInt(s) * 1_000_000_000n + BigInt(frac) });
      }),
    );
  });

  it("formatGoDuration rejects values outside int64", () => {
    expect(() => formatGoDuration(GO_DURATION_MAX + 1n)).toThrow(RangeError);
  });
});
