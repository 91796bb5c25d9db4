/**
 * The filesystem a stage starts from, and the build context as the chosen builder sees it.
 *
 * @module
 */
import type { Builder } from "../core/builder.js";
import { expandWord, type EscapeToken } from "../expand/index.js";
import type { BuildContext } from "../fs/context-types.js";
import { imageFiles, imageHasRootfs } from "../image/base-image-files.js";
import { Vfs } from "../fs/vfs/tree.js";
import type { PlannedStage } from "./stage-plan.js";
import type { StageBase } from "./stage-state.js";
import type { StageFiles } from "./files-track.js";

/**
 * A build context, or a function giving it as a builder sees it (`.dockerignore` handling differs
 * per builder); the function returns null when it cannot tell (the context's files are then unknown).
 */
export type ContextOption = BuildContext | ((builder: Builder) => BuildContext | null);

/** The context for this builder, or null when none was given or it is unknown. */
export function resolveContext(option: ContextOption | undefined, builder: Builder): BuildContext | null {
  if (option === undefined) return null;
  return typeof option === "function" ? option(builder) : option;
}

/**
 * A stage's starting files: empty for `FROM scratch`, a fork of the earlier stage's files, or an
 * external image's files as far as they were supplied (else unknown).
 */
export function stageStartFiles(base: StageBase, stageFiles: StageFiles | undefined): StageFiles {
  if (stageFiles !== undefined) return { files: stageFiles.files.fork(), track: { ...stageFiles.track } };
  const start = (): { files: Vfs; rootfs: boolean } => {
    switch (base.kind) {
      case "scratch":
        return { files: Vfs.empty(), rootfs: false };
      case "image":
        return { files: imageFiles(base.image), rootfs: imageHasRootfs(base.image) };
      case "stage":
        return { files: Vfs.unknown(`the files of stage ${base.stage} are unknown`), rootfs: true };
      default: {
        const never: never = base;
        return never;
      }
    }
  };
  const { files, rootfs } = start();
  // The LLB vertex the stage starts from (a fork keeps its stage's lineage).
  const lineage = base.kind === "scratch" ? "scratch" : base.kind === "image" ? `image ${base.image.ref}` : `unknown stage ${base.stage}`;
  return { files, track: { rootfs, execFailure: null, lineage, opaqueSeen: files.opaque.length } };
}

/**
 * BuildKit's include patterns: the context sources of every COPY/ADD without `--from` (URLs
 * excluded), expanded, which are all the client transfers. BuildKit expands each source with the
 * variables of its stage; here they are expanded before stages run, with the global ARGs and
 * build args only (an approximation for a source naming a stage's own ARG or ENV).
 */
export function contextSourcePatterns(stages: readonly PlannedStage[], lookup: (name: string) => string | undefined, escape: EscapeToken): string[] {
  const out: string[] = [];
  for (const s of stages) {
    for (const i of s.instructions) {
      if (i.keyword !== "COPY" && i.keyword !== "ADD") continue;
      if (i.keyword === "COPY" && i.from !== null && i.from !== "") continue;
      for (const src of i.sources) {
        const r = expandWord(src.value, lookup, { escape });
        const v = r.ok ? r.value : src.value;
        if (!/^https?:\/\//.test(v)) out.push(v);
      }
    }
  }
  return out;
}
