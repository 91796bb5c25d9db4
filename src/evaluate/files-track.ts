/**
 * What the evaluator tracks about a stage's filesystem beside the files themselves (which the
 * filesystem model, {@link Vfs}, owns): whether a root filesystem snapshot exists, how the state
 * was made (its LLB lineage), and an execution failure that stopped a real build there.
 *
 * @module
 */
import type { Vfs } from "../fs/vfs/tree.js";

/**
 * What the evaluator tracks about a stage's filesystem beside its files (the files themselves are
 * the stage's {@link Vfs}). Changed in place by the apply modules; copied for `FROM <stage>`.
 */
export interface FilesTrack {
  /**
   * Whether the stage has a root filesystem snapshot. BuildKit's `FROM scratch` has none until an
   * instruction writes files; a `--chown` or `USER` name cannot be looked up before that
   * (`invalid user index: -1`).
   */
  rootfs: boolean;
  /**
   * Set when an instruction failed while executing on this filesystem (a real build stops there,
   * so what the simulator shows after it is not what a build would have): the engine's message.
   */
  execFailure: string | null;
  /** The lineage so far, without the opaque reasons the files gained since {@link FilesTrack.opaqueSeen} (see {@link lineageOf}). */
  lineage: string;
  /** How many of the files' opaque reasons are already in {@link FilesTrack.lineage}. */
  opaqueSeen: number;
}

/** A stage's files with what the evaluator tracks about them: the final state of a stage, for `COPY --from` and `FROM <stage>`. */
export interface StageFiles {
  readonly files: Vfs;
  readonly track: FilesTrack;
}

/** Folds the opaque reasons the files gained since the last step into the lineage. */
function catchUp(track: FilesTrack, files: Vfs): void {
  const opaque = files.opaque;
  for (; track.opaqueSeen < opaque.length; track.opaqueSeen++) track.lineage += `\nopaque ${opaque[track.opaqueSeen]!}`;
}

/** Appends a filesystem step (as BuildKit's LLB would describe it) to the stage's lineage. */
export function noteStep(track: FilesTrack, files: Vfs, step: string): void {
  catchUp(track, files);
  track.lineage += `\n${step}`;
}

/**
 * How this filesystem state was made: the base, then each filesystem step (as BuildKit's LLB
 * would describe it, a RUN or another step whose effect is unknown included), newline-separated.
 * Two stages with equal lineages are one LLB vertex to BuildKit, which merges identical vertices.
 */
export function lineageOf(track: FilesTrack, files: Vfs): string {
  catchUp(track, files);
  return track.lineage;
}
