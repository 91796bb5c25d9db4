import type { Origin } from "./origin.js";

/**
 * One entry of the image config's `history`, as in the config blob (`docker save`), with the
 * origin that produced it.
 */
export interface HistoryEntry {
  readonly created_by: string;
  /** `true` for an entry that adds no filesystem layer. */
  readonly empty_layer: boolean;
  /** `buildkit.dockerfile.v0` for BuildKit entries; absent for the classic builder. */
  readonly comment?: string;
  readonly origin: Origin;
  /**
   * Classic builder only: whether a layer is added depends on whether the step changed any
   * file, which a static simulation cannot always know (`empty_layer` then holds the likely answer).
   */
  readonly layerDependsOnChanges?: boolean;
}

/** Number of non-empty entries: the layers a list of history entries adds. */
export function countLayers(history: readonly HistoryEntry[]): number {
  let n = 0;
  for (const h of history) if (!h.empty_layer) n++;
  return n;
}

/**
 * A stage's history as a persistent list: the entries the stage itself added (`own`) on top of
 * the history of the stage it was built `FROM` (`parent`), which is shared, not copied. A chain of
 * `FROM <stage>` therefore costs the same per stage however deep it is; {@link historyEntries}
 * makes the flat array (once per list, then cached). Build one with {@link historyList}.
 */
export interface HistoryList {
  /** The history of the stage this one was built `FROM`, or null (an external image or scratch). */
  readonly parent: HistoryList | null;
  /** The entries this stage added, in order (after the parent's). */
  readonly own: readonly HistoryEntry[];
  /** Entries in total, the parent's included. */
  readonly length: number;
  /** Non-empty entries in total, the parent's included: the layers the history adds. */
  readonly layers: number;
}

/**
 * A {@link HistoryList} of `own` entries on top of `parent`. `own` is kept, not copied: it must
 * not change afterwards (the evaluator makes the list when its stage is done).
 *
 * @example
 * ```ts
 * const base = historyList(null, [{ created_by: "ENV A=1", empty_layer: true, origin }]);
 * const child = historyList(base, [{ created_by: "RUN make", empty_layer: false, origin }]);
 * child.length; // 2
 * child.layers; // 1
 * historyEntries(child).map((h) => h.created_by); // ["ENV A=1", "RUN make"]
 * ```
 */
export function historyList(parent: HistoryList | null, own: readonly HistoryEntry[]): HistoryList {
  return { parent, own, length: (parent?.length ?? 0) + own.length, layers: (parent?.layers ?? 0) + countLayers(own) };
}

/** Flat arrays {@link historyEntries} made, by list. */
const FLAT = new WeakMap<HistoryList, readonly HistoryEntry[]>();

/**
 * Every entry of a {@link HistoryList}, oldest first, as one array. Made on the first call for a
 * list (in time linear in its length, reusing an ancestor's array when one was made) and cached:
 * later calls return the same array, which must not be changed.
 */
export function historyEntries(list: HistoryList): readonly HistoryEntry[] {
  const cached = FLAT.get(list);
  if (cached !== undefined) return cached;
  const pending: HistoryList[] = [];
  let base: readonly HistoryEntry[] = [];
  for (let l: HistoryList | null = list; l !== null; l = l.parent) {
    const c = FLAT.get(l);
    if (c !== undefined) {
      base = c;
      break;
    }
    pending.push(l);
  }
  let out: readonly HistoryEntry[];
  if (base.length === 0 && pending.length === 1) out = list.own;
  else {
    const flat = base.slice();
    for (let i = pending.length - 1; i >= 0; i--) for (const e of pending[i]!.own) flat.push(e);
    out = flat;
  }
  FLAT.set(list, out);
  return out;
}
