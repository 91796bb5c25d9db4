/**
 * A string-keyed map whose every earlier version stays readable, for state the evaluator keeps
 * after each instruction without copying it: each key keeps the values it was given, each with the
 * version that set it ("fat nodes"). Reading the newest version costs what a `Map` read costs;
 * reading an older one, a binary search in that key's values. Keys are never removed. Browser-safe.
 *
 * @module
 */

interface Entry<V> {
  readonly at: number;
  readonly value: V;
}

/**
 * The changing map. Only the newest version may be changed ({@link VersionedMap.set}); every
 * version can be read through a {@link MapVersion}.
 *
 * @example
 * ```ts
 * const m = new VersionedMap<string>();
 * m.set("A", "1");
 * const v1 = m.view();
 * m.set("A", "2");
 * v1.get("A"); // "1"
 * m.view().get("A"); // "2"
 * ```
 */
export class VersionedMap<V> {
  private readonly history = new Map<string, Entry<V>[]>();
  private current = 0;

  /** A map holding one version of another map's keys and values (as version 1 of the new map). */
  static of<V>(entries: Iterable<readonly [string, V]>): VersionedMap<V> {
    const m = new VersionedMap<V>();
    for (const [k, v] of entries) m.set(k, v);
    return m;
  }

  /** The newest version. */
  get version(): number {
    return this.current;
  }

  /** Sets a key in a new version, and returns that version. */
  set(key: string, value: V): number {
    const e = { at: ++this.current, value };
    const h = this.history.get(key);
    if (h === undefined) this.history.set(key, [e]);
    else h.push(e);
    return this.current;
  }

  /** The entry of a key in force at a version, or undefined. */
  entryAt(key: string, at: number): Entry<V> | undefined {
    const h = this.history.get(key);
    if (h === undefined) return undefined;
    const last = h[h.length - 1]!;
    if (last.at <= at) return last;
    let lo = 0;
    let hi = h.length - 1;
    if (h[0]!.at > at) return undefined;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (h[mid]!.at <= at) lo = mid;
      else hi = mid - 1;
    }
    return h[lo];
  }

  /**
   * Calls `fn` with each key and value at a version, in the order the keys were first set. A plain
   * loop (no generator, no pair arrays): the evaluator lists the variables in force on every RUN.
   */
  forEachAt(at: number, fn: (value: V, key: string) => void): void {
    const newest = at >= this.current;
    for (const [k, h] of this.history) {
      if (newest) fn(h[h.length - 1]!.value, k);
      else {
        const e = this.entryAt(k, at);
        if (e !== undefined) fn(e.value, k);
      }
    }
  }

  /** The keys and values at a version, in the order the keys were first set. */
  entriesAt(at: number): [string, V][] {
    const out: [string, V][] = [];
    this.forEachAt(at, (v, k) => out.push([k, v]));
    return out;
  }

  /** The newest version, read as a `ReadonlyMap` (the same object until the map changes). */
  view(): MapVersion<V> {
    const v = this.newest;
    if (v !== undefined && v.at === this.current) return v;
    return (this.newest = new MapVersion(this, this.current));
  }

  private newest: MapVersion<V> | undefined = undefined;
}

/** One version of a {@link VersionedMap}, read as a `ReadonlyMap` (it never changes). */
export class MapVersion<V> implements ReadonlyMap<string, V> {
  constructor(
    /** The map this is a version of. */
    readonly map: VersionedMap<V>,
    /** Which version. */
    readonly at: number,
  ) {}

  /** Whether this is the map's newest version (the one a change may build on in place). */
  get isNewest(): boolean {
    return this.at === this.map.version;
  }

  get(key: string): V | undefined {
    return this.map.entryAt(key, this.at)?.value;
  }

  has(key: string): boolean {
    return this.map.entryAt(key, this.at) !== undefined;
  }

  get size(): number {
    let n = 0;
    this.map.forEachAt(this.at, () => n++);
    return n;
  }

  entries(): IterableIterator<[string, V]> {
    return this.map.entriesAt(this.at)[Symbol.iterator]();
  }

  keys(): IterableIterator<string> {
    const out: string[] = [];
    this.map.forEachAt(this.at, (_, k) => out.push(k));
    return out[Symbol.iterator]();
  }

  values(): IterableIterator<V> {
    const out: V[] = [];
    this.map.forEachAt(this.at, (v) => out.push(v));
    return out[Symbol.iterator]();
  }

  [Symbol.iterator](): IterableIterator<[string, V]> {
    return this.entries();
  }

  forEach(fn: (value: V, key: string, map: ReadonlyMap<string, V>) => void): void {
    this.map.forEachAt(this.at, (v, k) => fn(v, k, this));
  }
}

/**
 * A writable map to build the next version on: the version's own map when it is the newest (the
 * change is then made in place, in O(1)), else a copy of that version.
 */
export function nextVersionOf<V>(m: ReadonlyMap<string, V>): VersionedMap<V> {
  return m instanceof MapVersion && m.isNewest ? (m.map as VersionedMap<V>) : VersionedMap.of(m);
}
