/**
 * One EXPOSE word as BuildKit v0.25.2 `frontend/dockerfile/dockerfile2llb/convert_expose.go`
 * (`parsePort`, `parsePortRange`) reads it in a check run: `[[ip:]hostPort:]port[/proto]`, the errors
 * that end the run, and the parts the two EXPOSE rules look at.
 *
 * @module
 */
import { goQuote } from "../../docker/go-quote.js";

/** An EXPOSE word split into its parts. */
export interface ExposeWord {
  readonly raw: string;
  readonly ip: string;
  readonly hostPort: string;
  readonly port: string;
  readonly proto: string;
}

/**
 * Splits an EXPOSE word, or returns the error of a missing port or an invalid protocol (checked before
 * the rules run).
 *
 * @example
 * ```ts
 * splitExposeWord("127.0.0.1:80:8080/TCP"); // { ok: true, word: { ip: "127.0.0.1", hostPort: "80", port: "8080", proto: "TCP", … } }
 * splitExposeWord("80/xyz");                 // { ok: false, error: 'invalid port: "80/xyz": invalid proto: xyz' }
 * ```
 */
export function splitExposeWord(raw: string): { ok: true; word: ExposeWord } | { ok: false; error: string } {
  const parts = raw.split(":");
  const n = parts.length;
  const ip = n <= 2 ? "" : parts.slice(0, n - 2).join(":");
  const hostPort = n === 1 ? "" : parts[n - 2]!;
  const container = parts[n - 1]!;
  const slash = container.indexOf("/");
  const port = slash < 0 ? container : container.slice(0, slash);
  const proto = slash < 0 ? "" : container.slice(slash + 1);
  if (port === "") return { ok: false, error: `invalid port: ${goQuote(raw)}: no port specified` };
  if (!["", "tcp", "udp", "sctp"].includes(proto.toLowerCase())) return { ok: false, error: `invalid port: ${goQuote(raw)}: invalid proto: ${proto}` };
  return { ok: true, word: { raw, ip, hostPort, port, proto } };
}

/** parsePortRange: a port or range in 0-65535, or null. */
function portRange(ports: string): [number, number] | null {
  const dash = ports.indexOf("-");
  const start = dash < 0 ? ports : ports.slice(0, dash);
  const end = dash < 0 ? start : ports.slice(dash + 1);
  const num = (x: string): number | null => (/^[+-]?\d+$/.test(x) && Number(x) >= 0 && Number(x) <= 65535 ? Number(x) : null);
  const a = num(start);
  if (a === null) return null;
  if (dash < 0 || start === end) return [a, a];
  const b = num(end);
  return b === null || b < a ? null : [a, b];
}

/** The error of an invalid container port, host port or range pair (checked after the rules), or null. */
export function exposeRangeError(w: ExposeWord): string | null {
  const c = portRange(w.port);
  if (c === null) return `invalid containerPort: ${w.port}`;
  if (w.hostPort !== "") {
    const h = portRange(w.hostPort);
    if (h === null) return `invalid hostPort: ${w.hostPort}`;
    if (c[1] - c[0] !== h[1] - h[0] && c[1] !== c[0]) return `invalid ranges specified for container and host Ports: ${w.port} and ${w.hostPort}`;
  }
  return null;
}
