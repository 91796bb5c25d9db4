/**
 * The sources of a COPY or ADD, resolved as each builder of Docker 28.5 resolves them: in the
 * build context (wildcards, `.dockerignore`, symlinks, paths outside the context), in an earlier
 * stage's filesystem (`COPY --from`), from an image whose files the simulator does not have, or a
 * URL (downloaded when the caller passed what it returns, see `src/fs/download`); one module per
 * origin under `sources/`. Failures a real build stops at are recorded with the engine's message.
 *
 * @module
 */
import { PatternMatcher } from "../../fs/context/pattern-matcher.js";
import { CLASSIC_NO_SOURCES } from "../../fs/context/glob.js";
import { downloadOf } from "../../fs/download/download.js";
import type { DirNode, VfsNode } from "../../fs/vfs/tree.js";
import type { AddInstruction, CopyInstruction } from "../../parse/instruction.js";
import { exceedBudget, fail, type EvalContext } from "../context.js";
import { cacheKeyPhase, execPhase, FailurePhase } from "../failure-phase.js";
import { parseGitSource } from "../../docker/git-ref.js";
import { resolveGitSource } from "./git-source.js";
import type { StageState } from "../stage-state.js";
import { isUrlSource } from "./copy-destination.js";
import { contextSources } from "./sources/context-sources.js";
import { baseName, type DownloadInputs, type ResolvedSource } from "./sources/resolved-source.js";
import { stageSources } from "./sources/stage-sources.js";
import { downloadSource } from "./sources/url-sources.js";

export { BUILDKIT_REF_PLACEHOLDER, type DownloadInputs, type ResolvedSource } from "./sources/resolved-source.js";

/** The sources of an instruction, or null when the build fails resolving them (already recorded). */
export function resolveCopySources(ctx: EvalContext, state: StageState, i: CopyInstruction | AddInstruction, sources: readonly string[], download: DownloadInputs = { checksum: null, intoDirectory: false }): ResolvedSource[] | null {
  const out: ResolvedSource[] = [];
  let keyFailed = false;
  const from = i.keyword === "COPY" && i.from !== null && i.from !== "" ? i.from : null;
  for (const s of sources) {
    if (ctx.rules.copy.readsGitSources) {
      const git = parseGitSource(s);
      if (git.kind === "invalid") {
        fail(ctx, FailurePhase.dispatch, "build/copy", git.message, i.range, state);
        return null;
      }
      if (git.kind === "git") {
        if (i.keyword === "COPY") {
          fail(ctx, FailurePhase.dispatch, "build/copy", "source can't be a git ref for COPY", i.range, state);
          return null;
        }
        const r = resolveGitSource(ctx, state, i, s, git.ref, { checksum: download.checksum, keepGitDir: i.keepGitDir }, { cacheKey: cacheKeyPhase(ctx.rules), exec: execPhase(ctx.rules) });
        if (r === null) return null;
        out.push({ kind: "node", node: r.node, name: r.name, hash: null, archive: false });
        continue;
      }
    }
    if (isUrlSource(s)) {
      if (i.keyword === "COPY") {
        fail(ctx, FailurePhase.dispatch, "build/copy", `${ctx.rules.copyFailedPrefix("COPY")}source can't be a URL for COPY`, i.range, state);
        return null;
      }
      ctx.downloadUrls.add(s);
      const d = downloadOf(ctx.downloads, s);
      if (d === undefined || d.kind === "exceeded") {
        if (d !== undefined) exceedBudget(ctx, d.budget, `downloading ${s} for ${i.keyword} at line ${i.line}`, i.range);
        out.push({ kind: "url", url: s });
        continue;
      }
      const before = ctx.sink.failures.length;
      const r = downloadSource(ctx, state, i, s, d, download);
      if (r === null) {
        // As for context checksums (below): BuildKit downloads an instruction's URLs concurrently.
        if (ctx.rules.keysGraphBeforeExecuting && ctx.sink.failures.length > before && ctx.sink.failures[ctx.sink.failures.length - 1]!.phase === FailurePhase.cacheKey) {
          keyFailed = true;
          continue;
        }
        return null;
      }
      out.push(r);
      continue;
    }
    if (from !== null) {
      const r = stageSources(ctx, state, i as CopyInstruction, from, s);
      if (r === null) return null;
      out.push(...r);
      continue;
    }
    if (ctx.context === null) {
      out.push({ kind: "unknown", name: baseName(s), reason: `${i.keyword} at line ${i.line} reads ${s} from a build context the simulator was not given` });
      continue;
    }
    const before = ctx.sink.failures.length;
    const r = contextSources(ctx, state, i, ctx.context, s, sources);
    if (r === null) {
      // BuildKit computes the checksums of an instruction's sources concurrently and reports the
      // first that fails, so every source that fails there is recorded (the first stays the
      // build's error; a real build may report another: docs/semantics/copy-add.md §3.8).
      if (ctx.rules.keysGraphBeforeExecuting && ctx.sink.failures.length > before && ctx.sink.failures[ctx.sink.failures.length - 1]!.phase === FailurePhase.cacheKey) {
        keyFailed = true;
        continue;
      }
      return null;
    }
    out.push(...r);
  }
  if (keyFailed) return null;
  if (ctx.rules.copy.appliesExclude && i.exclude.length > 0) {
    for (let k = 0; k < out.length; k++) {
      const r = out[k]!;
      if (r.kind === "node") out[k] = { ...r, node: excludeFromSource(r.node, i.exclude) };
    }
  }
  if (ctx.rules.copy.failsWithoutSources && out.length === 0) {
    fail(ctx, FailurePhase.dispatch, "build/copy", `${i.keyword} failed: ${CLASSIC_NO_SOURCES}`, i.range, state);
    return null;
  }
  return out;
}

/**
 * BuildKit's `--exclude`: entries below a directory source whose path relative to it matches a
 * pattern (patternmatcher rules, parents included) are left out; a source named directly is
 * never excluded (verified on 28.5; the classic builder ignores the flag).
 */
export function excludeFromSource(node: VfsNode, patterns: readonly string[]): VfsNode {
  if (node.type !== "dir" || patterns.length === 0) return node;
  const created = PatternMatcher.create(patterns);
  if (!created.ok) return node;
  const matcher = created.matcher;
  const filter = (dir: DirNode, rel: string): DirNode => {
    const children = new Map<string, VfsNode>();
    for (const [name, child] of dir.children) {
      const p = rel === "" ? name : `${rel}/${name}`;
      if (matcher.matchesOrParentMatches(p)) continue;
      children.set(name, child.type === "dir" ? filter(child, p) : child);
    }
    return { ...dir, children, owner: {} };
  };
  return filter(node, "");
}

