// Go's net.SplitHostPort / net.ParseIP (src/docker/go-net.ts). The error texts show up
// verbatim in EXPOSE errors (verified via port-spec.spec.ts).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { goIsIP, goSplitHostPort } from "../../src/docker/go-net.js";

describe("goSplitHostPort", () => {
  const rows: [string, { host: string; port: string } | string][] = [
    ["[::1]:80", { host: "::1", port: "80" }],
    ["a:1", { host: "a", port: "1" }],
    [":", { host: "", port: "" }],
    ["a", "address a: missing port in address"],
    ["::1:", "address ::1:: too many colons in address"],
    ["[::1:", "address [::1:: missing ']' in address"],
    ["[::1]", "address [::1]: missing port in address"],
    ["[::1]x:", "address [::1]x:: missing port in address"],
    ["[a]:[b]:", "address [a]:[b]:: too many colons in address"],
    ["a]b:", "address a]b:: unexpected ']' in address"],
    ["a[b:", "address a[b:: unexpected '[' in address"],
    ["a%b:", { host: "a%b", port: "" }],
  ];
  it.each(rows)("%s", (input, want) => {
    expect(goSplitHostPort(input)).toEqual(typeof want === "string" ? { ok: false, error: want } : { ok: true, value: want });
  });
});

describe("goIsIP", () => {
  const yes = ["0.0.0.0", "255.255.255.255", "127.0.0.1", "::", "::1", "1::", "fe80::1", "::ffff:1.2.3.4", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:1.2.3.4", "ABCD::ef"];
  const no = ["", "1.2.3", "1.2.3.4.5", "01.2.3.4", "256.0.0.1", "1..2.3", "1.2.3.", "1::2::3", "fe80::1%eth0", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7::8", "12345::", "1.2.3.4::", "::1.2.3", "a%b", ":::", "1:2:3:4:5:6:7:1.2.3.4", "1:"];
  it.each(yes)("%s is an IP", (s) => expect(goIsIP(s)).toBe(true));
  it.each(no)("%s is not an IP", (s) => expect(goIsIP(s)).toBe(false));

  it("property: dotted quads without leading zeros are IPv4; with a leading zero they are not", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }), fc.integer({ min: 0, max: 3 }), (q, z) => {
        expect(goIsIP(q.join("."))).toBe(true);
        expect(goIsIP(`::ffff:${q.join(".")}`)).toBe(true);
        const padded = q.map((n, i) => (i === z ? `0${n}` : String(n))).join(".");
        expect(goIsIP(padded)).toBe(false);
      }),
    );
  });

  it("property: 8 hex groups are IPv6, and any run of zero groups can be elided once", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 8, maxLength: 8 }), fc.integer({ min: 0, max: 7 }), fc.integer({ min: 1, max: 8 }), (g, at, len) => {
        const hex = g.map((n) => n.toString(16));
        expect(goIsIP(hex.join(":"))).toBe(true);
        const end = Math.min(8, at + len);
        const elided = `${hex.slice(0, at).join(":")}::${hex.slice(end).join(":")}`;
        expect(goIsIP(elided)).toBe(true);
      }),
    );
  });
});
