/**
 * COPY/ADD sources in the build context: wildcards, `.dockerignore`, symlinks, paths outside the
 * context, and the failures each builder meets there (BuildKit's cache-key checksums, the classic
 * builder's `stat`).
 *
 * @module
 */
import { goClean } from "../../../docker/go-path.js";
import type { BuildContext } from "../../../fs/context-types.js";
import { resolveContextPath, resolveInContext } from "../../../fs/context/context-path.js";
import { expandSources } from "../../../fs/context/glob.js";
import { containsWildcards } from "../../../fs/context/go-match.js";
import { PatternMatcher } from "../../../fs/context/pattern-matcher.js";
import { classicSourceHash } from "../../../fs/vfs/classic-source-hash.js";
import { contextNode } from "../../../fs/vfs/from-context.js";
import type { AddInstruction, CopyInstruction } from "../../../parse/instruction.js";
import { fail, type EvalContext } from "../../context.js";
import { cacheKeyPhase, FailurePhase } from "../../failure-phase.js";
import type { StageState } from "../../stage-state.js";
import { isUrlSource } from "../copy-destination.js";
import { isArchive, NO_ARCHIVE_READER, type ResolvedSource } from "./resolved-source.js";

/** The first top-level symlink of the context that `--exclude` keeps and that points nowhere, or null. */
function danglingTopLevelLink(context: BuildContext, exclude: readonly string[]): string | null {
  const created = PatternMatcher.create(exclude);
  for (const e of context.list("")) {
    if (e.type !== "symlink" || (created.ok && created.matcher.matchesOrParentMatches(e.path))) continue;
    const r = resolveContextPath(context, e.path);
    if (!r.ok && r.why === "missing") return e.path;
  }
  return null;
}

/**
 * BuildKit computes one content checksum per distinct context path of an instruction, leaving out a
 * path below another one it checksums (`dedupeSelectors` → `dedupePaths`,
 * vendor/github.com/moby/buildkit/solver/llbsolver/ops/file.go; wildcards and `--exclude` filters
 * are kept apart). A missing source below another source of the same COPY is therefore not "not
 * found" at cache-key time; the copy fails to `lstat` it (verified on 28.5:
 * gen-dockerignored-nested-sources).
 */
function checksummedUnder(sources: readonly string[], m: string): boolean {
  const p1 = goClean("/" + m);
  return sources.some((s) => {
    if (containsWildcards(s) || isUrlSource(s)) return false;
    const p2 = goClean("/" + s);
    return p1 !== p2 && p1.startsWith(p2.endsWith("/") ? p2 : p2 + "/");
  });
}

/** The context paths a source names, resolved, or null when the build fails there (recorded). */
export function contextSources(ctx: EvalContext, state: StageState, i: CopyInstruction | AddInstruction, context: BuildContext, s: string, all: readonly string[]): ResolvedSource[] | null {
  const rules = ctx.rules.copy;
  // The source as the builder's messages name it.
  const shownName = rules.sourceNameInMessages(s);
  if (rules.rejectsSourcesOutsideContext) {
    const c = goClean(shownName);
    // FollowSymlinkInScope fails on `..` and on a path below a file, which moby reports as outside the context.
    if (c === ".." || c.startsWith("../") || (!containsWildcards(s) && underAFile(context, s))) {
      fail(ctx, FailurePhase.dispatch, "build/copy", rules.unresolvableSourceMessage(i.keyword, shownName), i.range, state);
      return null;
    }
  }
  const ex = expandSources(context, s, ctx.builder, { includePatterns: ctx.plan.includePatterns });
  if (!ex.ok) {
    // BuildKit resolves wildcards when the copy runs (fsutil `copy.ResolveWildcards`), so a missing
    // base directory fails in source order, after an earlier source's own failure (verified on
    // 28.5: gen-glob-missing-dir-after-error).
    if (rules.resolvesWildcardsWhenCopying && ex.error.kind === "base-missing") return [{ kind: "exec-error", message: ex.error.message }];
    fail(ctx, FailurePhase.dispatch, "build/copy", ex.error.message, i.range, state);
    return null;
  }
  const resolve = (p: string): string => resolveInContext(context, p);
  const out: ResolvedSource[] = [];
  for (const m of ex.matches) {
    const resolved = resolveContextPath(context, m);
    const entry = resolved.ok && ex.untransferred?.includes(m) !== true ? context.get(resolved.path) : undefined;
    // The source as the message names it: as written, or the wildcard's match.
    const named = ex.wildcard ? m : shownName;
    if (rules.keysSourcesByContentChecksum && !resolved.ok && resolved.why === "missing" && context.get(m) === undefined && (i.exclude.length > 0 || (!ex.wildcard && checksummedUnder(all, m)))) {
      // With `--exclude` the cache key is computed from include/exclude patterns, which match
      // nothing without failing; the copy then fails to `lstat` the source (a dangling symlink is
      // still "not found"). Verified on 28.5: gen-exclude-missing-source, gen-exclude-missing-source-chown.
      // Likewise for a source below another one of the instruction (see checksummedUnder).
      out.push({ kind: "exec-error", message: `lstat ${goClean("/" + m)}: no such file or directory` });
      continue;
    }
    if (rules.keysSourcesByContentChecksum && !resolved.ok && resolved.why === "missing" && i.exclude.length === 0 && !ex.wildcard && checksummedUnder(all, m)) {
      // A dangling symlink below another source of the instruction: not checksummed on its own, so
      // the copy follows it and fails to `lstat` where it points (verified on 28.5:
      // gen-dangling-link-below-source).
      out.push({ kind: "exec-error", message: `lstat ${goClean("/" + resolved.path)}: no such file or directory` });
      continue;
    }
    if (!resolved.ok && (resolved.why === "loop" || (rules.linkThroughFileIsOutsideContext && resolved.why === "through-file"))) {
      // A symlink loop on the source's path (named, or matched by a wildcard): BuildKit's content
      // checksum fails with ELOOP (`too many links`); the classic builder's `FollowSymlinkInScope`
      // gives up, which moby reports as a path outside the context — as it does for a link whose
      // target passes through a file (verified on 28.5: gen-link-loop-self-named,
      // gen-link-loop-pair-named, gen-link-loop-through-path, gen-link-through-file-named).
      fail(ctx, cacheKeyPhase(ctx.rules), "build/copy", rules.unresolvableSourceMessage(i.keyword, named), i.range, state);
      return null;
    }
    if (entry === undefined) {
      // Missing — or, for a wildcard, a match that is a dangling symlink: the match is copied as if
      // named, so both builders fail on it, even beside other matches (verified on 28.5:
      // gen-glob-dangling-match, gen-glob-dangling-only-match).
      fail(ctx, cacheKeyPhase(ctx.rules), "build/copy", rules.contextSourceNotFoundMessage(i.keyword, m), i.range, state);
      return null;
    }
    if (rules.keysSourcesByContentChecksum && i.exclude.length > 0 && resolved.ok && resolved.path === "") {
      const dangling = danglingTopLevelLink(context, i.exclude);
      if (dangling !== null) {
        // The context root with `--exclude`: BuildKit's filtered checksum follows each top-level
        // symlink it keeps, so a dangling one is "not found" (one deeper, or below another
        // directory source, is copied as a link). Verified on 28.5: gen-exclude-root-dangling-link,
        // gen-exclude-root-dangling-link-nested, gen-exclude-dir-dangling-link.
        fail(ctx, cacheKeyPhase(ctx.rules), "build/copy", rules.contextSourceNotFoundMessage(i.keyword, dangling), i.range, state);
        return null;
      }
    }
    const name = m === "" ? "" : m.replace(/\/+$/, "").split("/").pop()!;
    // A symlink to an archive is followed and extracted by both builders (add-symlink-to-archive).
    const unpack = i.keyword === "ADD" && (!rules.readsUnpackFlag || i.unpack !== false);
    if (unpack && entry.type === "file" && ctx.archives === null) {
      out.push({ kind: "unknown", name, reason: NO_ARCHIVE_READER });
      continue;
    }
    const archive = unpack && entry.type === "file" && isArchive(ctx, i, entry.content);
    out.push({ kind: "node", node: contextNode(context, entry), name, hash: rules.hashesSourcesInHistory ? classicSourceHash(context, m, resolve) : null, archive });
  }
  return out;
}

/** Whether a proper prefix of the (symlink-resolved) path is a file in the context. */
function underAFile(context: BuildContext, s: string): boolean {
  const parts = goClean("/" + s).split("/").filter((p) => p !== "");
  for (let k = 1; k < parts.length; k++) {
    const e = context.get(resolveInContext(context, parts.slice(0, k).join("/")));
    if (e !== undefined && e.type === "file") return true;
  }
  return false;
}
