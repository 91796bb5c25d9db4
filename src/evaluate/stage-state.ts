import type { Vfs } from "../fs/vfs/tree.js";
import type { TracedConfig } from "../image/config.js";
import type { BaseImage } from "../image/base-image.js";
import type { HistoryEntry } from "../image/history.js";
import type { FilesTrack } from "./files-track.js";
import type { VariableScope } from "./variables.js";

/** What a stage was built FROM. */
export type StageBase =
  | { readonly kind: "scratch" }
  | { readonly kind: "image"; readonly image: BaseImage }
  | { readonly kind: "stage"; readonly stage: string; readonly index: number };

/**
 * The evolving state of one build stage while its instructions are applied: the image config
 * (with provenance), the variables in force, the history, and the per-stage trackers Docker keeps.
 */
export interface StageState {
  readonly index: number;
  /** The `AS` name, lower-cased, or null. */
  readonly name: string | null;
  /** The name, or the index as a string: how messages and provenance refer to the stage. */
  readonly label: string;
  readonly base: StageBase;
  config: TracedConfig;
  scope: VariableScope;
  /** This stage's own history entries (a stage it is built FROM keeps its entries in its `StageResult.historyList`). */
  history: HistoryEntry[];
  /** Layers of the external base image (null when unknown). */
  readonly baseLayers: number | null;
  /** Whether a CMD ran in this stage (ENTRYPOINT then keeps Cmd). */
  cmdSet: boolean;
  /**
   * BuildKit: ARGs declared so far (this stage's and inherited), for RUN history's `|N` prefix:
   * name to the value it was declared with (null when none), in first-declaration order. BuildKit
   * keeps every declaration in a list and deduplicates it on each RUN (first position, last value);
   * keeping it deduplicated here gives the same prefix without RUN × ARG work.
   */
  runArgs: Map<string, string | null>;
  /** The 0-based position of the instruction being applied among the stage's own (-1 while ONBUILD triggers run). */
  at: number;
  /** Whether an instruction of this stage failed in a way that stops a real build. */
  failed: boolean;
  /** Set when a budget ran out in this stage: from there on its state is not exact (never a failure). */
  budgetExceeded?: boolean;
  /** The stage's filesystem as far as the simulator knows it (changed in place; forked for `FROM <stage>`). */
  readonly files: Vfs;
  /** What the evaluator tracks about those files (root filesystem, lineage, an execution failure). */
  readonly track: FilesTrack;
}
