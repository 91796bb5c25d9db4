/**
 * `Config.ExposedPorts` as the simulator keeps it: one traced span per EXPOSE word (a port or a
 * whole range such as `0-65535`, with the protocol) or per key a base image lists, in the order
 * they were added. A span costs the same however many ports it names, so `EXPOSE 1-65535` is one
 * entry while a stage is evaluated; the per-port view Docker shows (`"80/tcp": {}`) is made only
 * when it is asked for ({@link exposedPortKeys}, {@link exposedPortEntries}, `toInspectConfig`),
 * in time linear in the spans plus the distinct ports (at most 3 × 65,536), however the spans
 * overlap. Browser-safe.
 *
 * @module
 */
import type { TracedEntry } from "./traced-entry.js";
import type { Origin, Via } from "./origin.js";

/** The container ports of one EXPOSE word: `start`..`end` (inclusive) with the lower-cased protocol. */
export interface TracedPortRange {
  readonly kind: "range";
  readonly start: number;
  readonly end: number;
  /** `tcp`, `udp` or `sctp`. */
  readonly proto: string;
  readonly origin: Origin;
  /** The stages it was inherited through, nearest first (see `viaStages`). */
  readonly via?: Via;
}

/** A key of a base image's `ExposedPorts` that is not a plain `port/proto` (kept exactly as written). */
export interface TracedPortKey {
  readonly kind: "key";
  readonly key: string;
  readonly origin: Origin;
  readonly via?: Via;
}

/** One span of exposed ports: an EXPOSE word's range, or a base image's key. */
export type TracedPortSpan = TracedPortRange | TracedPortKey;

/** Ports are 0..65535. */
const PORTS = 65_536;

/** `port/proto` with a canonical port number and a protocol EXPOSE could have written. */
const CANONICAL_KEY = /^(0|[1-9][0-9]{0,4})\/(tcp|udp|sctp)$/;

/**
 * The span a base image's `ExposedPorts` key stands for: a one-port range when it is a canonical
 * `port/proto` (so a later EXPOSE of the same port replaces it), else the key as written.
 *
 * @example
 * ```ts
 * portSpanOfKey("80/tcp", origin); // { kind: "range", start: 80, end: 80, proto: "tcp", origin }
 * portSpanOfKey("80", origin);     // { kind: "key", key: "80", origin }
 * ```
 */
export function portSpanOfKey(key: string, origin: Origin): TracedPortSpan {
  const m = CANONICAL_KEY.exec(key);
  const port = m === null ? PORTS : Number(m[1]);
  return port < PORTS ? { kind: "range", start: port, end: port, proto: m![2]!, origin } : { kind: "key", key, origin };
}

/** The number of ports a span names (a key is one). */
export function portSpanSize(s: TracedPortSpan): number {
  return s.kind === "range" ? s.end - s.start + 1 : 1;
}

/** Span arrays {@link appendPortSpans} returned, which it may extend in place. */
const OWNED = new WeakSet<readonly TracedPortSpan[]>();

/**
 * `spans` with `added` after them. The array this returns is owned by the stage being evaluated:
 * the next call on it extends it in place (recorded states keep their length, see
 * evaluate/instruction-steps), any other array is copied first. Time linear in `added`.
 */
export function appendPortSpans(spans: readonly TracedPortSpan[], added: readonly TracedPortSpan[]): readonly TracedPortSpan[] {
  const out = OWNED.has(spans) ? (spans as TracedPortSpan[]) : spans.slice();
  for (const s of added) out.push(s);
  OWNED.add(out);
  return out;
}

/**
 * Which span (by index) reaches each port of one protocol first, with skip pointers so that every
 * port is visited once however many spans cover it (a union-find over "next unclaimed port").
 */
class PortClaims {
  readonly owner = new Int32Array(PORTS).fill(-1);
  private readonly next = new Int32Array(PORTS + 1);

  constructor() {
    for (let p = 0; p <= PORTS; p++) this.next[p] = p;
  }

  private find(p: number): number {
    const next = this.next;
    let root = p;
    while (next[root] !== root) root = next[root]!;
    while (next[p] !== root) {
      const n = next[p]!;
      next[p] = root;
      p = n;
    }
    return root;
  }

  /** Claims the unclaimed ports of start..end for span `s`, calling `claimed` for each in port order. */
  claim(start: number, end: number, s: number, claimed?: (port: number) => void): void {
    for (let p = this.find(start); p <= end; p = this.find(p + 1)) {
      this.owner[p] = s;
      this.next[p] = p + 1;
      claimed?.(p);
    }
  }
}

/** Where each distinct key came from: the span that named it first (its place) and last (its origin). */
interface Expansion {
  /** Distinct keys in first-seen order. */
  readonly keys: string[];
  /** For each key, the index of the last span that names it. */
  readonly last: number[];
}

function claimsOf(map: Map<string, PortClaims>, proto: string): PortClaims {
  let c = map.get(proto);
  if (c === undefined) map.set(proto, (c = new PortClaims()));
  return c;
}

/**
 * Up to this many ports named by ranges in all, {@link expand} lists them one by one; past it, the
 * per-protocol claim tables (two arrays of 65,536 ports each) cost less than revisiting ports.
 */
const SMALL_EXPANSION = 4_096;

/** {@link expand} for spans naming few ports: every port of every span visited, keyed by string. */
function expandSmall(spans: readonly TracedPortSpan[], withLast: boolean): Expansion {
  const keys: string[] = [];
  const seen = new Map<string, number>();
  const seenKeys = new Map<string, number>();
  const lastOf: number[] = [];
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i]!;
    if (s.kind === "range") {
      for (let p = s.start; p <= s.end; p++) {
        const key = `${p}/${s.proto}`;
        const j = seen.get(key);
        if (j === undefined) {
          seen.set(key, keys.length);
          lastOf.push(i);
          keys.push(key);
        } else lastOf[j] = i;
      }
    } else {
      const j = seenKeys.get(s.key);
      if (j === undefined) {
        seenKeys.set(s.key, keys.length);
        lastOf.push(i);
        keys.push(s.key);
      } else lastOf[j] = i;
    }
  }
  return { keys, last: withLast ? lastOf : [] };
}

function expand(spans: readonly TracedPortSpan[], withLast: boolean): Expansion {
  let named = 0;
  for (const s of spans) if (s.kind === "range") named += s.end - s.start + 1;
  if (named <= SMALL_EXPANSION) return expandSmall(spans, withLast);
  const keys: string[] = [];
  const firstProto: string[] = [];
  const firstPort: number[] = [];
  const first = new Map<string, PortClaims>();
  const firstKeys = new Set<string>();
  for (let i = 0; i < spans.length; i++) {
    const s = spans[i]!;
    if (s.kind === "range") {
      claimsOf(first, s.proto).claim(s.start, s.end, i, (p) => {
        keys.push(`${p}/${s.proto}`);
        firstProto.push(s.proto);
        firstPort.push(p);
      });
    } else if (!firstKeys.has(s.key)) {
      firstKeys.add(s.key);
      keys.push(s.key);
      firstProto.push("");
      firstPort.push(-1);
    }
  }
  if (!withLast) return { keys, last: [] };
  // The same walk from the end: the first span to claim a port there is the last one naming it.
  const lastClaims = new Map<string, PortClaims>();
  const lastKeys = new Map<string, number>();
  for (let i = spans.length - 1; i >= 0; i--) {
    const s = spans[i]!;
    if (s.kind === "range") claimsOf(lastClaims, s.proto).claim(s.start, s.end, i);
    else if (!lastKeys.has(s.key)) lastKeys.set(s.key, i);
  }
  const last = keys.map((k, j) => (firstPort[j]! < 0 ? lastKeys.get(k)! : lastClaims.get(firstProto[j]!)!.owner[firstPort[j]!]!));
  return { keys, last };
}

/**
 * The distinct `ExposedPorts` keys (`"80/tcp"`) the spans name, in first-seen order.
 *
 * @example
 * ```ts
 * const sim = simulate("FROM scratch\nEXPOSE 80-82 81/udp 80\n");
 * exposedPortKeys(sim.stage!.config.ExposedPorts); // ["80/tcp", "81/tcp", "82/tcp", "81/udp"]
 * ```
 */
export function exposedPortKeys(spans: readonly TracedPortSpan[]): string[] {
  return expand(spans, false).keys;
}

function covers(s: TracedPortSpan, key: string, port: number, proto: string): boolean {
  return s.kind === "range" ? s.proto === proto && s.start <= port && port <= s.end : s.key === key;
}

/**
 * One port as a traced entry. What it replaced is found when asked: the span before `at` that
 * names the same port, from another instruction or image (EXPOSE words of one instruction are one
 * setting, as Docker keeps each key once).
 */
class PortEntry implements TracedEntry {
  readonly value = "";
  readonly origin: Origin;
  declare readonly via?: Via;
  // Private, so that the entry compares and prints as its key, value, origin and via.
  readonly #spans: readonly TracedPortSpan[];
  readonly #at: number;

  constructor(readonly key: string, spans: readonly TracedPortSpan[], at: number) {
    const s = spans[at]!;
    this.origin = s.origin;
    if (s.via !== undefined) (this as { via?: Via }).via = s.via;
    this.#spans = spans;
    this.#at = at;
  }

  get replaced(): TracedEntry | undefined {
    const slash = this.key.lastIndexOf("/");
    const port = Number(this.key.slice(0, slash));
    const proto = this.key.slice(slash + 1);
    for (let i = this.#at - 1; i >= 0; i--) {
      const s = this.#spans[i]!;
      if (s.origin !== this.origin && covers(s, this.key, port, proto)) return new PortEntry(this.key, this.#spans, i);
    }
    return undefined;
  }
}

/**
 * The per-port view of the spans: one traced entry per distinct key, in first-seen order, each
 * with the origin of the last span naming it and (looked up when read) the entry it replaced.
 *
 * @example
 * ```ts
 * const sim = simulate("FROM scratch\nEXPOSE 80-81\nEXPOSE 81\n");
 * const e = exposedPortEntries(sim.stage!.config.ExposedPorts);
 * e.map((x) => x.key);     // ["80/tcp", "81/tcp"]
 * e[1]!.replaced?.origin; // the first EXPOSE
 * ```
 */
export function exposedPortEntries(spans: readonly TracedPortSpan[]): TracedEntry[] {
  const { keys, last } = expand(spans, true);
  return keys.map((k, j) => new PortEntry(k, spans, last[j]!));
}
