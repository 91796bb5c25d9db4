// EXPOSE port specs (src/docker/port-spec.ts).
// `verified` rows were built on Docker Engine 28.5.2 (`EXPOSE <spec>`), with BuildKit and with
// DOCKER_BUILDKIT=0, and compared with `image inspect` .Config.ExposedPorts or the error text.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseExposedPorts, parsePortSpec, parsePortSpecList } from "../../src/docker/port-spec.js";
import type { Outcome } from "../../src/core/result.js";
import { BUILDERS } from "../../src/core/builder.js";

type Row = { spec: string; buildkit: Outcome<string[]>; legacy: Outcome<string[]>; verified?: boolean };
const ok = (...value: string[]): Outcome<string[]> => ({ ok: true, value });
const err = (error: string): Outcome<string[]> => ({ ok: false, error });

const rows: Row[] = [
  { spec: "65536", buildkit: err("invalid containerPort: 65536"), legacy: err("Invalid containerPort: 65536"), verified: true },
  { spec: "abc", buildkit: err("invalid containerPort: abc"), legacy: err("Invalid containerPort: abc"), verified: true },
  { spec: "80/foo", buildkit: err('invalid port: "80/foo": invalid proto: foo'), legacy: err("Invalid proto: foo"), verified: true },
  { spec: "/tcp", buildkit: err('invalid port: "/tcp": no port specified'), legacy: err("No port specified: /tcp<empty>"), verified: true },
  { spec: "80-", buildkit: err("invalid containerPort: 80-"), legacy: err("Invalid containerPort: 80-"), verified: true },
  { spec: "9000-8000", buildkit: err("invalid containerPort: 9000-8000"), legacy: err("Invalid containerPort: 9000-8000"), verified: true },
  { spec: "+80", buildkit: ok("80/tcp"), legacy: err("Invalid containerPort: +80"), verified: true },
  { spec: "1-2-3", buildkit: err("invalid containerPort: 1-2-3"), legacy: ok("1/tcp", "2/tcp"), verified: true },
  { spec: "80/tcp/x", buildkit: err('invalid port: "80/tcp/x": invalid proto: tcp/x'), legacy: ok("80/tcp"), verified: true },
  { spec: "1.2.3:80:80", buildkit: err("invalid IP address: 1.2.3"), legacy: err("Invalid ip address: 1.2.3"), verified: true },
  { spec: "[::1]:80:80", buildkit: ok("80/tcp"), legacy: ok("80/tcp"), verified: true },
  {
    spec: "[::1:80:80",
    buildkit: err("invalid IP address [::1: address [::1:: missing ']' in address"),
    legacy: err("Invalid ip address [::1: address [::1:: missing ']' in address"),
    verified: true,
  },
  {
    spec: "1-3:80-81",
    buildkit: err("invalid ranges specified for container and host Ports: 80-81 and 1-3"),
    legacy: err("Invalid ranges specified for container and host Ports: 80-81 and 1-3"),
    verified: true,
  },
  { spec: "abc:80", buildkit: err("invalid hostPort: abc"), legacy: err("Invalid hostPort: abc"), verified: true },
  { spec: ":80", buildkit: ok("80/tcp"), legacy: ok("80/tcp"), verified: true },
  { spec: "80:", buildkit: err('invalid port: "80:": no port specified'), legacy: err("No port specified: 80:<empty>"), verified: true },
  { spec: "80/", buildkit: ok("80/tcp"), legacy: ok("80/tcp"), verified: true },
  { spec: "-80", buildkit: err("invalid containerPort: -80"), legacy: err("Invalid containerPort: -80"), verified: true },
  { spec: "80-80", buildkit: ok("80/tcp"), legacy: ok("80/tcp"), verified: true },
  { spec: "81-081/Udp", buildkit: ok("81/udp"), legacy: ok("81/udp"), verified: true },
  { spec: "01.2.3.4::80", buildkit: err("invalid IP address: 01.2.3.4"), legacy: err("Invalid ip address: 01.2.3.4"), verified: true },
  { spec: "::1:80:80", buildkit: ok("80/tcp"), legacy: err("Invalid ip address ::1: address ::1:: too many colons in address"), verified: true },
  { spec: "80:90/foo", buildkit: err('invalid port: "80:90/foo": invalid proto: foo'), legacy: err("Invalid proto: foo"), verified: true },
  { spec: "abc/foo", buildkit: err('invalid port: "abc/foo": invalid proto: foo'), legacy: err("Invalid containerPort: abc"), verified: true },
  { spec: "1.2.3.4:x:80", buildkit: err("invalid hostPort: x"), legacy: err("Invalid hostPort: x"), verified: true },
  { spec: "70000-70001", buildkit: err("invalid containerPort: 70000-70001"), legacy: err("Invalid containerPort: 70000-70001"), verified: true },
  { spec: "5-3:1", buildkit: err("invalid hostPort: 5-3"), legacy: err("Invalid hostPort: 5-3"), verified: true },
  {
    spec: "fe80::1%eth0:1:2",
    buildkit: err("invalid IP address: fe80::1%eth0"),
    legacy: err("Invalid ip address fe80::1%eth0: address fe80::1%eth0:: too many colons in address"),
    verified: true,
  },
  { spec: "[fe80::1%eth0]:1:2", buildkit: err("invalid IP address: fe80::1%eth0"), legacy: err("Invalid ip address: fe80::1%eth0"), verified: true },
  {
    spec: "::ffff:1.2.3.4:1:2",
    buildkit: ok("2/tcp"),
    legacy: err("Invalid ip address ::ffff:1.2.3.4: address ::ffff:1.2.3.4:: too many colons in address"),
    verified: true,
  },
  {
    spec: "1:2-3",
    buildkit: err("invalid ranges specified for container and host Ports: 2-3 and 1"),
    legacy: err("Invalid ranges specified for container and host Ports: 2-3 and 1"),
    verified: true,
  },
  { spec: "a%b:1:2", buildkit: err("invalid IP address: a%b"), legacy: err("Invalid ip address: a%b"), verified: true },
  { spec: "[a%b]:1:2", buildkit: err("invalid IP address: a%b"), legacy: err("Invalid ip address: a%b"), verified: true },
  {
    spec: "[::1]x:1:2",
    buildkit: err("invalid IP address [::1]x: address [::1]x:: missing port in address"),
    legacy: err("Invalid ip address [::1]x: address [::1]x:: missing port in address"),
    verified: true,
  },
  { spec: "7000-7002/sctp", buildkit: ok("7000/sctp", "7001/sctp", "7002/sctp"), legacy: ok("7000/sctp", "7001/sctp", "7002/sctp"), verified: true },
  { spec: "127.0.0.1:4000:4001", buildkit: ok("4001/tcp"), legacy: ok("4001/tcp"), verified: true },
  { spec: "0", buildkit: ok("0/tcp"), legacy: ok("0/tcp"), verified: true },
  { spec: "080", buildkit: ok("80/tcp"), legacy: ok("80/tcp"), verified: true },
  { spec: "53/UDP", buildkit: ok("53/udp"), legacy: ok("53/udp"), verified: true },
  { spec: "1-2", buildkit: ok("1/tcp", "2/tcp"), legacy: ok("1/tcp", "2/tcp"), verified: true },
  { spec: "", buildkit: err('invalid port: "": no port specified'), legacy: err("No port specified: <empty>") },
  { spec: "1--2", buildkit: err("invalid containerPort: 1--2"), legacy: err("Invalid containerPort: 1--2"), verified: true },
  { spec: "+0-+5", buildkit: ok("0/tcp", "1/tcp", "2/tcp", "3/tcp", "4/tcp", "5/tcp"), legacy: err("Invalid containerPort: +0-+5"), verified: true },
  { spec: "1.2.3.4:8080-8081:80", buildkit: ok("80/tcp"), legacy: ok("80/tcp"), verified: true },
  { spec: "80-81:90", buildkit: ok("90/tcp"), legacy: ok("90/tcp"), verified: true },
  { spec: "0-0/UDP", buildkit: ok("0/udp"), legacy: ok("0/udp"), verified: true },
  {
    spec: "[::1]:80",
    buildkit: err("invalid IP address [:: address [::: missing ']' in address"),
    legacy: err("Invalid ip address [:: address [::: missing ']' in address"),
    verified: true,
  },
  { spec: "1:2:3", buildkit: err("invalid IP address: 1"), legacy: err("Invalid ip address: 1"), verified: true },
  { spec: "[::1]:1-2:3-4", buildkit: ok("3/tcp", "4/tcp"), legacy: ok("3/tcp", "4/tcp"), verified: true },
  { spec: "a]b:1:2", buildkit: err("invalid IP address: a]b"), legacy: err("Invalid ip address a]b: address a]b:: unexpected ']' in address"), verified: true },
  { spec: "255.255.255.255:1:2", buildkit: ok("2/tcp"), legacy: ok("2/tcp"), verified: true },
  { spec: "1.2.3.4.5:1:2", buildkit: err("invalid IP address: 1.2.3.4.5"), legacy: err("Invalid ip address: 1.2.3.4.5"), verified: true },
  { spec: "::1.2.3.4:1:2", buildkit: ok("2/tcp"), legacy: err("Invalid ip address ::1.2.3.4: address ::1.2.3.4:: too many colons in address"), verified: true },
  { spec: "1::2::3:1:2", buildkit: err("invalid IP address: 1::2::3"), legacy: err("Invalid ip address 1::2::3: address 1::2::3:: too many colons in address"), verified: true },
  { spec: "65535", buildkit: ok("65535/tcp"), legacy: ok("65535/tcp"), verified: true },
  { spec: "00080", buildkit: ok("80/tcp"), legacy: ok("80/tcp"), verified: true },
  { spec: "8080-8080", buildkit: ok("8080/tcp"), legacy: ok("8080/tcp"), verified: true },
  { spec: "1.2.3.4::80", buildkit: ok("80/tcp"), legacy: ok("80/tcp"), verified: true },
  { spec: "80/\u212Acp", buildkit: err('invalid port: "80/\u212Acp": invalid proto: \u212Acp'), legacy: err("Invalid proto: \u212Acp") },
];

describe("parsePortSpec", () => {
  it.each(rows)("$spec", (r) => {
    expect(parsePortSpec(r.spec, "buildkit")).toEqual(r.buildkit);
    expect(parsePortSpec(r.spec, "legacy")).toEqual(r.legacy);
  });
});

describe("parseExposedPorts", () => {
  it("verified: the example set (both builders)", () => {
    const words = ["0", "080", "1-2", "127.0.0.1:4000:4001", "3000:3001", "53/UDP", "7000-7002/sctp", "80", "80/TCP", "8080/"];
    const want = ["0/tcp", "80/tcp", "1/tcp", "2/tcp", "4001/tcp", "3001/tcp", "53/udp", "7000/sctp", "7001/sctp", "7002/sctp", "8080/tcp"];
    for (const b of BUILDERS) expect(parseExposedPorts(words, b)).toEqual({ ok: true, value: want });
  });

  it("verified: BuildKit's history list keeps duplicates in order", () => {
    const words = ["0", "080", "1-2", "127.0.0.1:4000:4001", "3000:3001", "53/UDP", "7000-7002/sctp", "80", "80/TCP", "8080/"];
    // history: EXPOSE [0/tcp 80/tcp 1/tcp 2/tcp 4001/tcp 3001/tcp 53/udp 7000/sctp 7001/sctp 7002/sctp 80/tcp 80/tcp 8080/tcp]
    expect(parsePortSpecList(words, "buildkit")).toEqual({
      ok: true,
      value: ["0/tcp", "80/tcp", "1/tcp", "2/tcp", "4001/tcp", "3001/tcp", "53/udp", "7000/sctp", "7001/sctp", "7002/sctp", "80/tcp", "80/tcp", "8080/tcp"],
    });
  });

  it("the first bad word fails the instruction", () => {
    expect(parseExposedPorts(["80", "x", "y/foo"], "legacy")).toEqual({ ok: false, error: "Invalid containerPort: x" });
    expect(parseExposedPorts([], "buildkit")).toEqual({ ok: true, value: [] });
  });

  const arbProto = fc.constantFrom("tcp", "udp", "sctp").chain((p) =>
    fc.array(fc.boolean(), { minLength: p.length, maxLength: p.length }).map((ups) => ({
      lower: p,
      written: [...p].map((c, i) => (ups[i] ? c.toUpperCase() : c)).join(""),
    })),
  );

  it("property: every port 0..65535 with any protocol case round-trips (both builders)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 65535 }), arbProto, (port, proto) => {
        for (const b of BUILDERS) {
          expect(parsePortSpec(`${port}/${proto.written}`, b)).toEqual({ ok: true, value: [`${port}/${proto.lower}`] });
          expect(parsePortSpec(`${port}`, b)).toEqual({ ok: true, value: [`${port}/tcp`] });
        }
      }),
    );
  });

  it("property: ranges expand to every port, and ip/host parts are ignored", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 65535 }), fc.integer({ min: 0, max: 40 }), arbProto, (start, len, proto) => {
        const end = Math.min(65535, start + len);
        const want = Array.from({ length: end - start + 1 }, (_, i) => `${start + i}/${proto.lower}`);
        for (const b of BUILDERS) {
          expect(parsePortSpec(`${start}-${end}/${proto.written}`, b)).toEqual({ ok: true, value: want });
          expect(parsePortSpec(`10.0.0.1::${start}-${end}/${proto.written}`, b)).toEqual({ ok: true, value: want });
        }
      }),
    );
  });

  it("property: ports above 65535 are refused by both builders", () => {
    fc.assert(
      fc.property(fc.integer({ min: 65536, max: 10_000_000 }), (port) => {
        expect(parsePortSpec(String(port), "buildkit")).toEqual({ ok: false, error: `invalid containerPort: ${port}` });
        expect(parsePortSpec(String(port), "legacy")).toEqual({ ok: false, error: `Invalid containerPort: ${port}` });
      }),
    );
  });
});
