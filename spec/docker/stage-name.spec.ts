// Build-stage names (src/docker/stage-name.ts).
// `verified` rows were built on Docker Engine 28.5.2 (`FROM sim/busybox:latest AS <name>`),
// both builders, identical results.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { validateStageName } from "../../src/docker/stage-name.js";

const msg = (quoted: string): string => `invalid name for build stage: ${quoted}, name can't start with a number or contain symbols`;

describe("validateStageName", () => {
  const accepted: { name: string; stored: string; verified?: boolean }[] = [
    { name: "a_b.c-d", stored: "a_b.c-d", verified: true },
    { name: "ABC-Z9", stored: "abc-z9", verified: true },
    { name: "x\u212a", stored: "xk", verified: true }, // KELVIN SIGN lower-cases to k in Go
    { name: "\u0130x", stored: "ix", verified: true }, // İ lower-cases to i in Go (not i̇)
    { name: "\u212a", stored: "k", verified: true },
    { name: "builder", stored: "builder" },
    { name: "a-", stored: "a-" },
    { name: "a..__--", stored: "a..__--" },
  ];
  it.each(accepted)("accepts $name as $stored", (c) => {
    expect(validateStageName(c.name)).toEqual({ ok: true, value: c.stored });
  });

  const rejected: { name: string; error: string; verified?: boolean }[] = [
    { name: "1abc", error: msg('"1abc"'), verified: true },
    { name: "é", error: msg('"é"'), verified: true },
    { name: "a\u0001", error: msg('"a\\x01"'), verified: true },
    { name: "_a", error: msg('"_a"'), verified: true },
    { name: "a/b", error: msg('"a/b"'), verified: true },
    { name: "", error: msg('""') },
    { name: "-a", error: msg('"-a"') },
    { name: "a b", error: msg('"a b"') },
    { name: "a\n", error: msg('"a\\n"') },
    { name: 'a"', error: msg('"a\\""') },
    { name: "\u00c9cole", error: msg('"\u00c9cole"') },
  ];
  it.each(rejected)("rejects $name", (c) => {
    expect(validateStageName(c.name)).toEqual({ ok: false, error: c.error });
  });

  it("property: letter + [letters digits . _ -] in any case is accepted and lower-cased", () => {
    const arbName = fc
      .tuple(fc.stringMatching(/^[A-Za-z]$/), fc.stringMatching(/^[A-Za-z0-9._-]{0,20}$/))
      .map(([a, b]) => a + b);
    fc.assert(
      fc.property(arbName, (name) => {
        expect(validateStageName(name)).toEqual({ ok: true, value: name.toLowerCase() });
      }),
    );
  });

  it("property: a name that starts with a digit, or holds another ASCII symbol, is refused", () => {
    const arbBad = fc.oneof(
      fc.tuple(fc.stringMatching(/^[0-9]$/), fc.stringMatching(/^[a-z0-9]{0,8}$/)).map(([a, b]) => a + b),
      fc.tuple(fc.stringMatching(/^[a-z]{1,4}$/), fc.constantFrom(..."!#$%&'()*+,/:;<=>?@[]^`{|}~ "), fc.stringMatching(/^[a-z]{0,4}$/)).map(([a, s, b]) => a + s + b),
    );
    fc.assert(
      fc.property(arbBad, (name) => {
        const r = validateStageName(name);
        expect(r.ok).toBe(false);
      }),
    );
  });
});
