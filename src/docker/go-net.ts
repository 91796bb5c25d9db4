/**
 * Go's `net.SplitHostPort` and `net.ParseIP`, as far as Docker's port-spec parsers use them.
 *
 * Written from Go's `src/net/ipsock.go` (SplitHostPort, AddrError) and `src/net/ip.go` +
 * `src/net/netip/netip.go` (ParseIP is netip.ParseAddr without a zone). The missing-brackets
 * check of old Go versions is absent in the Go that built Engine 28.5.2 (verified:
 * `EXPOSE a%b:1:2` reports `Invalid ip address: a%b`, not a SplitHostPort error).
 *
 * @module
 */

import { fail, ok, type Outcome } from "../core/result.js";

/**
 * `net.SplitHostPort`: splits `host:port` or `[host]:port`. Errors are worded like Go's
 * `*net.AddrError`: `address <input>: <reason>`.
 *
 * @example
 * ```ts
 * goSplitHostPort("[::1]:80"); // ok({ host: "::1", port: "80" })
 * goSplitHostPort("::1:");     // fail("address ::1:: too many colons in address")
 * ```
 */
export function goSplitHostPort(hostport: string): Outcome<{ host: string; port: string }> {
  const err = (why: string): Outcome<{ host: string; port: string }> => fail(`address ${hostport}: ${why}`);
  const i = hostport.lastIndexOf(":");
  if (i < 0) return err("missing port in address");
  let host: string;
  let j = 0;
  let k = 0;
  if (hostport[0] === "[") {
    const end = hostport.indexOf("]");
    if (end < 0) return err("missing ']' in address");
    if (end + 1 === hostport.length) return err("missing port in address");
    if (end + 1 !== i) {
      if (hostport[end + 1] === ":") return err("too many colons in address");
      return err("missing port in address");
    }
    host = hostport.slice(1, end);
    j = 1;
    k = end + 1;
  } else {
    host = hostport.slice(0, i);
    if (host.includes(":")) return err("too many colons in address");
  }
  if (hostport.slice(j).includes("[")) return err("unexpected '[' in address");
  if (hostport.slice(k).includes("]")) return err("unexpected ']' in address");
  return ok({ host, port: hostport.slice(i + 1) });
}

function parseIPv4(s: string): boolean {
  let pos = 0;
  let val = 0;
  let digits = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      if (digits === 1 && val === 0) return false; // leading zero
      val = val * 10 + (c - 0x30);
      digits++;
      if (val > 255) return false;
    } else if (c === 0x2e) {
      if (i === 0 || i === s.length - 1 || s[i - 1] === ".") return false;
      if (pos === 3) return false;
      pos++;
      val = 0;
      digits = 0;
    } else {
      return false;
    }
  }
  return pos === 3;
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
}

/** netip's parseIPv6 for a string without a zone; returns validity. */
function parseIPv6(input: string): boolean {
  let s = input;
  let ellipsis = -1;
  if (s.length >= 2 && s[0] === ":" && s[1] === ":") {
    ellipsis = 0;
    s = s.slice(2);
    if (s.length === 0) return true;
  }
  let i = 0;
  while (i < 16) {
    let off = 0;
    let acc = 0;
    while (off < s.length && isHex(s.charCodeAt(off))) {
      acc = acc * 16 + parseInt(s[off] ?? "0", 16);
      if (acc > 0xffff) return false;
      off++;
    }
    if (off === 0) return false;
    if (off < s.length && s[off] === ".") {
      if (ellipsis < 0 && i !== 12) return false;
      if (i + 4 > 16) return false;
      if (!parseIPv4(s)) return false;
      s = "";
      i += 4;
      break;
    }
    i += 2;
    s = s.slice(off);
    if (s.length === 0) break;
    if (s[0] !== ":") return false;
    if (s.length === 1) return false;
    s = s.slice(1);
    if (s[0] === ":") {
      if (ellipsis >= 0) return false;
      ellipsis = i;
      s = s.slice(1);
      if (s.length === 0) break;
    }
  }
  if (s.length !== 0) return false;
  if (i < 16) return ellipsis >= 0;
  return ellipsis < 0;
}

/**
 * `net.ParseIP(s) != nil`: a dotted-quad IPv4 address (no leading zeros, each field at most
 * 255) or an IPv6 address (optionally ending in an IPv4 address); zones (`%eth0`) are refused.
 *
 * @example
 * ```ts
 * goIsIP("127.0.0.1");      // true
 * goIsIP("01.2.3.4");       // false
 * goIsIP("::ffff:1.2.3.4"); // true
 * ```
 */
export function goIsIP(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === ".") return parseIPv4(s);
    if (c === ":") return !s.includes("%") && parseIPv6(s);
    if (c === "%") return false;
  }
  return false;
}
