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
