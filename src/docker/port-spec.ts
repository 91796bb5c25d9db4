/**
 * EXPOSE arguments → `Config.ExposedPorts` keys, as Docker Engine 28.5 computes them.
 *
 * The two builders use different parsers in 28.5:
 *
 * - **BuildKit**: the frontend's own parser,
 *   `vendor/github.com/moby/buildkit/frontend/dockerfile/dockerfile2llb/convert_expose.go`
 *   (BuildKit v0.25: parsePort, splitProtoPort, parsePortRange, parsePortNumber). Lower-case
 *   messages; protocol errors are wrapped as `invalid port: "<spec>": …`.
 * - **Classic builder**: `nat.ParsePortSpecs` of `github.com/docker/go-connections`. Upstream
 *   moby v28.5.2 vendors go-connections v0.5.0 (lower-case messages), but the Engine 28.5.2
 *   this project verifies against (Debian's `28.5.2+dfsg4`, built with the system
 *   go-connections) behaves exactly like **go-connections v0.4.0** (`nat/nat.go`,
 *   `nat/parse.go`): capitalised messages (`Invalid containerPort: x`, `Invalid proto: x`,
 *   `No port specified: /tcp<empty>`, `Invalid ip address: x`) and `net.SplitHostPort` applied
 *   to every IP part, so an unbracketed IPv6 address fails. This module follows the verified
 *   engine.
 *
 * Behaviour that differs between the builders (all verified on the engine):
 *
 * | spec | buildkit | legacy |
 * |---|---|---|
 * | `+80` | `80/tcp` (ParseInt accepts a sign) | `Invalid containerPort: +80` |
 * | `1-2-3` | `invalid containerPort: 1-2-3` | `1/tcp`, `2/tcp` (third part ignored) |
 * | `80/tcp/x` | `invalid port: "80/tcp/x": invalid proto: tcp/x` | `80/tcp` |
 * | `abc/foo` | `invalid port: "abc/foo": invalid proto: foo` (proto checked first) | `Invalid containerPort: abc` |
 * | `::1:80:80` | `80/tcp` | `Invalid ip address ::1: address ::1:: too many colons in address` |
 *
 * The ip and host-port parts are validated but ignored for the image.
 *
 * @module
 */

import type { Builder } from "../core/builder.js";
import { fail, ok, type Outcome } from "../core/result.js";
import { goQuote } from "./go-quote.js";
import { goIsIP, goSplitHostPort } from "./go-net.js";

/** The protocols Docker accepts in a port spec. */
export const PORT_PROTOCOLS: readonly string[] = ["tcp", "udp", "sctp"];

/** splitParts of both parsers: `[ip:][hostPort:]containerPort`, the ip may contain colons. */
function splitParts(raw: string): [ip: string, hostPort: string, containerPort: string] {
  const parts = raw.split(":");
  const n = parts.length;
  const last = parts[n - 1] ?? "";
  switch (n) {
    case 1:
      return ["", "", last];
    case 2:
      return ["", parts[0] ?? "", last];
    case 3:
      return [parts[0] ?? "", parts[1] ?? "", last];
    default:
      return [parts.slice(0, n - 2).join(":"), parts[n - 2] ?? "", last];
  }
}

/** ASCII lower-casing; exact for deciding tcp/udp/sctp (no non-ASCII rune lower-cases into them). */
function asciiLower(s: string): string {
  return s.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

// ---------------------------------------------------------------------------------------------
// BuildKit (convert_expose.go)

/** parsePortNumber: strconv.ParseInt(raw, 10, 0) then 0..65535. */
function bkPortNumber(raw: string): number | undefined {
  if (!/^[+-]?[0-9]+$/.test(raw)) return undefined;
  const n = BigInt(raw);
  if (n < 0n || n > 65535n) return undefined;
  return Number(n);
}

/** parsePortRange of the BuildKit frontend. */
function bkPortRange(ports: string): [number, number] | undefined {
  if (ports === "") return undefined;
  const dash = ports.indexOf("-");
  const start = dash < 0 ? ports : ports.slice(0, dash);
  const end = dash < 0 ? "" : ports.slice(dash + 1);
  const startPort = bkPortNumber(start);
  if (startPort === undefined) return undefined;
  if (dash < 0 || start === end) return [startPort, startPort];
  const endPort = bkPortNumber(end);
  if (endPort === undefined) return undefined;
  if (endPort < startPort) return undefined;
  return [startPort, endPort];
}

/** The container ports one spec names: `start`..`end` (inclusive) with the lower-cased protocol. */
export interface PortRange {
  readonly start: number;
  readonly end: number;
  readonly proto: string;
}

function bkParsePort(raw: string): Outcome<PortRange> {
  const [ipPart, hostPort, containerPart] = splitParts(raw);
  // splitProtoPort: cut at the first "/".
  const slash = containerPart.indexOf("/");
  const containerPort = slash < 0 ? containerPart : containerPart.slice(0, slash);
  let proto = slash < 0 ? "" : containerPart.slice(slash + 1);
  if (containerPort === "") return fail(`invalid port: ${goQuote(raw)}: no port specified`);
  const lowerProto = asciiLower(proto);
  if (lowerProto === "") proto = "tcp";
  else if (!PORT_PROTOCOLS.includes(lowerProto)) return fail(`invalid port: ${goQuote(raw)}: invalid proto: ${proto}`);

  let ip = ipPart;
  if (ip !== "" && ip[0] === "[") {
    const split = goSplitHostPort(ip + ":");
    if (!split.ok) return fail(`invalid IP address ${ip}: ${split.error}`);
    ip = split.value.host;
  }
  if (ip !== "" && !goIsIP(ip)) return fail(`invalid IP address: ${ip}`);

  const range = bkPortRange(containerPort);
  if (range === undefined) return fail(`invalid containerPort: ${containerPort}`);
  const [startPort, endPort] = range;
  if (hostPort !== "") {
    const hostRange = bkPortRange(hostPort);
    if (hostRange === undefined) return fail(`invalid hostPort: ${hostPort}`);
    if (endPort - startPort !== hostRange[1] - hostRange[0] && endPort !== startPort) {
      return fail(`invalid ranges specified for container and host Ports: ${containerPort} and ${hostPort}`);
    }
  }
  return ok({ start: startPort, end: endPort, proto: asciiLower(proto) });
}

// ---------------------------------------------------------------------------------------------
// Classic builder (go-connections v0.4.0 nat.ParsePortSpec, as observed on Engine 28.5.2)

/** strconv.ParseUint(s, 10, 16): digits only, at most 65535. */
function goParseUint16(s: string): number | undefined {
  if (!/^[0-9]+$/.test(s)) return undefined;
  const n = BigInt(s);
  return n > 65535n ? undefined : Number(n);
}

/** nat.ParsePortRange: with a "-", only the first two parts count. */
function natPortRange(ports: string): [number, number] | undefined {
  if (ports === "") return undefined;
  if (!ports.includes("-")) {
    const p = goParseUint16(ports);
    return p === undefined ? undefined : [p, p];
  }
  const parts = ports.split("-");
  const start = goParseUint16(parts[0] ?? "");
  if (start === undefined) return undefined;
  const end = goParseUint16(parts[1] ?? "");
  if (end === undefined) return undefined;
  if (end < start) return undefined;
  return [start, end];
}

/** nat.SplitProtoPort: split at every "/", use the first two parts. */
function natSplitProtoPort(raw: string): [proto: string, port: string] {
  const parts = raw.split("/");
  if (raw === "" || (parts[0] ?? "") === "") return ["", ""];
  if (parts.length === 1) return ["tcp", raw];
  if ((parts[1] ?? "") === "") return ["tcp", parts[0] ?? ""];
  return [parts[1] ?? "", parts[0] ?? ""];
}

function legacyParsePort(raw: string): Outcome<PortRange> {
  const [rawIP, hostPort, containerPart] = splitParts(raw);
  const [proto, containerPort] = natSplitProtoPort(containerPart);
  const split = goSplitHostPort(rawIP + ":");
  if (!split.ok) return fail(`Invalid ip address ${rawIP}: ${split.error}`);
  const ip = split.value.host;
  if (ip !== "" && !goIsIP(ip)) return fail(`Invalid ip address: ${ip}`);
  if (containerPort === "") return fail(`No port specified: ${raw}<empty>`);
  const range = natPortRange(containerPort);
  if (range === undefined) return fail(`Invalid containerPort: ${containerPort}`);
  const [startPort, endPort] = range;
  if (hostPort !== "") {
    const hostRange = natPortRange(hostPort);
    if (hostRange === undefined) return fail(`Invalid hostPort: ${hostPort}`);
    if (endPort - startPort !== hostRange[1] - hostRange[0] && endPort !== startPort) {
      return fail(`Invalid ranges specified for container and host Ports: ${containerPort} and ${hostPort}`);
    }
  }
  const lowerProto = asciiLower(proto);
  if (!PORT_PROTOCOLS.includes(lowerProto)) return fail(`Invalid proto: ${proto}`);
  return ok({ start: startPort, end: endPort, proto: lowerProto });
}

/** The `port/proto` keys of a range, in order. */
export function portRangeKeys(r: PortRange): string[] {
  const out: string[] = [];
  for (let p = r.start; p <= r.end; p++) out.push(`${p}/${r.proto}`);
  return out;
}

/**
 * Parses one port spec into the range of container ports it names, without listing them (an
 * `EXPOSE 0-65535` is one range): callers can count the ports first.
 *
 * @example
 * ```ts
 * parsePortRange("7000-7002/SCTP", "buildkit"); // ok({ start: 7000, end: 7002, proto: "sctp" })
 * ```
 */
export function parsePortRange(spec: string, builder: Builder): Outcome<PortRange> {
  return builder === "buildkit" ? bkParsePort(spec) : legacyParsePort(spec);
}

// ---------------------------------------------------------------------------------------------

/**
 * Parses one port spec `[ip:][hostPort:]containerPort[-end][/proto]` into its `port/proto`
 * keys, in range order (duplicates are possible across specs, not within one).
 *
 * @example
 * ```ts
 * parsePortSpec("7000-7002/SCTP", "buildkit"); // ok(["7000/sctp", "7001/sctp", "7002/sctp"])
 * parsePortSpec("80/foo", "legacy");           // fail("Invalid proto: foo")
 * parsePortSpec("80/foo", "buildkit");         // fail('invalid port: "80/foo": invalid proto: foo')
 * ```
 */
export function parsePortSpec(spec: string, builder: Builder): Outcome<string[]> {
  const r = parsePortRange(spec, builder);
  return r.ok ? ok(portRangeKeys(r.value)) : r;
}

/**
 * Parses every EXPOSE word in order and returns the keys in order, *with* duplicates. This is
 * the list BuildKit prints in history (`EXPOSE [80/tcp 80/tcp 443/tcp]`); note that Docker
 * sorts the raw EXPOSE arguments (as strings, before expansion) at parse time, so pass them in
 * that order to reproduce the history.
 *
 * @example
 * ```ts
 * parsePortSpecList(["80", "80/TCP"], "buildkit"); // ok(["80/tcp", "80/tcp"])
 * ```
 */
export function parsePortSpecList(words: readonly string[], builder: Builder): Outcome<string[]> {
  const out: string[] = [];
  for (const word of words) {
    const r = parsePortSpec(word, builder);
    if (!r.ok) return r;
    out.push(...r.value);
  }
  return ok(out);
}

/**
 * EXPOSE arguments (already variable-expanded and word-split) → the distinct `ExposedPorts`
 * keys (`"80/tcp"`), in first-seen order. Ranges are expanded, the protocol is lower-cased
 * (missing or empty means `tcp`), ip and host-port parts are validated and ignored, port 0 is
 * allowed. The first invalid word fails the whole instruction with that builder's message.
 *
 * @example
 * ```ts
 * parseExposedPorts(["80", "80/TCP", "53/udp", "3000:3001"], "buildkit");
 * // ok(["80/tcp", "53/udp", "3001/tcp"])
 * parseExposedPorts(["65536"], "buildkit"); // fail("invalid containerPort: 65536")
 * parseExposedPorts(["65536"], "legacy");   // fail("Invalid containerPort: 65536")
 * ```
 */
export function parseExposedPorts(words: readonly string[], builder: Builder): Outcome<string[]> {
  const list = parsePortSpecList(words, builder);
  if (!list.ok) return list;
  return ok([...new Set(list.value)]);
}
