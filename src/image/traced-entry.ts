/**
 * The entry type of the config's keyed collections, on its own so that both the config model and
 * the exposed-port spans (image/exposed-ports) can use it.
 *
 * @module
 */
import type { Origin, Via } from "./origin.js";

/** An entry of an ordered, keyed collection (Env, Labels, Volumes; ExposedPorts per port) with its origin. */
export interface TracedEntry {
  readonly key: string;
  readonly value: string;
  readonly origin: Origin;
  /** The stages it was inherited through, nearest first (a shared `Via` list; `viaStages` gives the array). */
  readonly via?: Via;
  /** The entry this one replaced (read lazily for ExposedPorts, so it may be present and undefined). */
  readonly replaced?: TracedEntry | undefined;
}
