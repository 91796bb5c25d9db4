/**
 * `COPY --from` sources: paths in an earlier stage's filesystem (wildcards included), or in an
 * image whose files the simulator does not have.
 *
 * @module
 */
import { containsWildcards, goMatch } from "../../../fs/context/go-match.js";
import { classicStageSourceHash } from "../../../fs/vfs/classic-source-hash.js";
import { partsPath, pathParts, type Vfs, type VfsNode } from "../../../fs/vfs/tree.js";
import type { CopyInstruction } from "../../../parse/instruction.js";
import { parseImageReference } from "../../../docker/index.js";
import { imageFiles } from "../../../image/base-image-files.js";
import { fail, resolveExternalImage, warnDivergence, type EvalContext } from "../../context.js";
import { copySourceOf } from "../../copy-from.js";
import { cacheKeyPhase } from "../../failure-phase.js";
import { lineageOf } from "../../files-track.js";
import type { StageState } from "../../stage-state.js";
import { baseName, type ResolvedSource } from "./resolved-source.js";

/** Files of the image `COPY --from=<image>` names, when its resolver supplied them (made once per image). */
function copyFromImageFiles(ctx: EvalContext, name: string): Vfs | undefined {
  const ref = parseImageReference(name);
  if (!ref.ok) return undefined;
  const image = resolveExternalImage(ctx, ref.value.normalized);
  if (image.files === undefined) return undefined;
  let fs = ctx.imageFileSystems.get(image);
  if (fs === undefined) {
    fs = imageFiles(image);
    ctx.imageFileSystems.set(image, fs);
  }
  return fs;
}

/** The paths a source names in the stage or image `--from` names, or null when the build fails there (recorded). */
export function stageSources(ctx: EvalContext, state: StageState, i: CopyInstruction, from: string, s: string): ResolvedSource[] | null {
  const rules = ctx.rules.copy;
  const src = copySourceOf(ctx, state.index, i);
  const stage = src?.kind === "stage" ? ctx.stageFiles.get(src.index) : undefined;
  const files = stage?.files ?? (src?.kind === "image" ? copyFromImageFiles(ctx, src.ref) : undefined);
  // (An image's files have no execution failure, and are never this stage's own LLB state.)
  const failure = stage?.track.execFailure ?? null;
  if (files === undefined) {
    const what = src?.kind === "image" ? `image ${src.ref}` : `stage ${from}`;
    return [{ kind: "unknown", name: baseName(s), reason: `copied from ${what}, whose files the simulator does not have` }];
  }
  // (The scan of the diagnostics only where it matters: on every COPY --from it made N stages O(N²).)
  if (ctx.rules.runsStagesConcurrently && failure !== null && state.track.execFailure !== null && !ctx.sink.hasDivergenceAt("concurrent-stage-exec-errors", i.range)) {
    // Known divergence (docs/semantics/copy-add.md, "Known divergences"; gen-order-stage-exec-errors): both this
    // stage (earlier) and the stage copied from failed while executing. BuildKit runs the stages
    // concurrently; it reported this stage's own error 3 times in 3, the simulator reports the one
    // of the stage met first in the Dockerfile.
    warnDivergence(ctx, "concurrent-stage-exec-errors",
      `COPY --from=${from} at line ${i.line}: stage ${from} fails ("${failure}") and so does an earlier instruction of this stage ("${state.track.execFailure}"); BuildKit runs both concurrently, and a real build may report this stage's error instead of the one the simulator reports`,
      i.range, "buildkit");
  }
  const globbed = containsWildcards(s) ? globVfs(files, s) : [partsPath(pathParts(s))];
  if (globbed !== null && !Array.isArray(globbed)) {
    // BuildKit walks the directory before the first wildcard (fsutil `copy.ResolveWildcards`:
    // `filepath.Walk` of it, whose `Lstat` fails), so a missing one fails the copy, as for context sources (verified on 28.5:
    // gen-from-glob-missing-dir); the classic builder matches nothing (`no source files were specified`).
    return rules.resolvesWildcardsWhenCopying ? [{ kind: "exec-error", message: `lstat ${globbed.missingBase}: no such file or directory` }] : [];
  }
  const paths = globbed;
  if (paths === null) return [{ kind: "unknown", name: baseName(s), reason: `${s} in stage ${from} may match files the simulator does not know` }];
  const out: ResolvedSource[] = [];
  for (const p of paths) {
    const r = files.lookup(p, true);
    if (!r.found) {
      // A stage that failed while executing stops a real build there (BuildKit runs it to compute
      // this source's cache key), so its state after the failure decides nothing.
      if (r.why === "maybe" || files.opaque.length > 0 || failure !== null) {
        out.push({ kind: "unknown", name: baseName(p), reason: `${p} in stage ${from} is not known to the simulator${files.opaque.length > 0 ? ` (${files.opaque[files.opaque.length - 1]})` : ""}` });
        continue;
      }
      if (rules.keysSourcesByContentChecksum && stage !== undefined && lineageOf(stage.track, stage.files) === lineageOf(state.track, state.files)) {
        // The stage's filesystem is the current stage's own LLB state (both still empty, or built
        // by the same steps: BuildKit merges identical vertices), which has no separate content
        // checksum to fail; the copy fails to `lstat` the path (verified on 28.5:
        // gen-from-empty-stage-missing, gen-from-identical-stage-missing).
        out.push({ kind: "exec-error", message: `lstat ${p}: no such file or directory` });
        continue;
      }
      fail(ctx, cacheKeyPhase(ctx.rules), "build/copy", rules.stageSourceNotFoundMessage(p), i.range, state);
      return null;
    }
    out.push({ kind: "node", node: r.node, name: baseName(p), hash: rules.hashesSourcesInHistory ? classicStageSourceHash(files, p) : null, archive: false });
  }
  return out;
}

/**
 * The paths a wildcard source names in a stage's filesystem (the directory before the first
 * wildcard walked in name order; a matched directory is not searched further), or null when an
 * incomplete directory makes the answer unknowable.
 */
function globVfs(files: Vfs, pattern: string): string[] | { readonly missingBase: string } | null {
  const parts = pathParts(pattern);
  const k = parts.findIndex((p) => containsWildcards(p));
  const baseParts = parts.slice(0, k);
  const rest = parts.slice(k).join("/");
  const base = files.lookup(partsPath(baseParts), true);
  if (!base.found) return base.why === "missing" ? { missingBase: partsPath(baseParts) } : null;
  if (base.node.type !== "dir") return base.node.type === "unknown" ? null : [];
  const out: string[] = [];
  let unknowable = !base.node.complete || files.opaque.length > 0;
  const walk = (dir: VfsNode, rel: string[]): void => {
    if (dir.type !== "dir") return;
    if (!dir.complete) unknowable = true;
    for (const name of [...dir.children.keys()].sort()) {
      const child = dir.children.get(name)!;
      const relPath = [...rel, name];
      const m = goMatch(rest, relPath.join("/"));
      if (m.ok && m.matched) {
        out.push(partsPath([...base.parts, ...relPath]));
        continue;
      }
      if (child.type === "dir") walk(child, relPath);
    }
  };
  walk(base.node, []);
  return unknowable ? null : out;
}
