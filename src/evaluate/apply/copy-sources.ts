/**
 * The sources of a COPY or ADD, resolved as each builder of Docker 28.5 resolves them: in the
 * build context (wildcards, `.dockerignore`, symlinks, paths outside the context), in an earlier
 * stage's filesystem (`COPY --from`), from an image whose files the simulator does not have, or a
 * URL (downloaded when the caller passed what it returns, see `src/fs/download`). Failures a real build stops at are recorded with the engine's message.
 *
 * @module
 */
import type { Builder } from "../../core/builder.js";
import { isKnownDivergence } from "../../core/diagnostic.js";
import { goQuote } from "../../docker/go-quote.js";
import type { BuildContext } from "../../fs/context-types.js";
import { resolveContextPath, resolveInContext } from "../../fs/context/context-path.js";
import { CLASSIC_NO_SOURCES, expandSources } from "../../fs/context/glob.js";
import { containsWildcards, goMatch } from "../../fs/context/go-match.js";
import { goClean } from "../../docker/go-path.js";
import { classicSourceHash, classicStageSourceHash } from "../../fs/vfs/classic-source-hash.js";
import { contextNode } from "../../fs/vfs/from-context.js";
import { PatternMatcher } from "../../fs/context/pattern-matcher.js";
import { partsPath, pathParts, type DirNode, type Vfs, type VfsNode } from "../../fs/vfs/tree.js";
import type { AddInstruction, CopyInstruction } from "../../parse/instruction.js";
import { exceedBudget, fail, note, resolveExternalImage, warnDivergence, type EvalContext } from "../context.js";
import { parseImageReference } from "../../docker/index.js";
import { imageFiles } from "../../image/base-image-files.js";
import type { StageState } from "../stage-state.js";
import { resolveCopyFrom } from "../stage-graph.js";
import { isUrlSource } from "./copy-destination.js";
import { parseGitSource } from "../../docker/git-ref.js";
import { resolveGitSource } from "./git-source.js";
import { DOWNLOADED_FILE_MODE, downloadOf, resolveDownload, type Download } from "../../fs/download/download.js";

/** Where BuildKit's message names its (random) cache reference of the context. */
export const BUILDKIT_REF_PLACEHOLDER = "<ref>";

/**
 * When BuildKit meets a failure (the `phase` of {@link fail}; the classic builder stops at the
 * first failing instruction, phase 4 for all). BuildKit converts the whole Dockerfile to LLB first
 * (flag, expansion and stage errors: phase 4, in instruction order), then computes the cache keys
 * of the whole graph — content checksums of context sources and of `--from` sources — and only
 * then executes the file operations. So a source "not found" (or `too many links`) in a later
 * instruction is reported before an execution error (`--chown` lookup, mkdir, copy conflicts) of an
 * earlier one (verified on 28.5: gen-order-missing-after-chown-error,
 * gen-order-missing-after-mkdir-error, gen-order-from-missing-after-mkdir-error). Source:
 * vendor/github.com/moby/buildkit/solver/jobs.go `sharedOp.CacheMap` / `CalcSlowCache` (content
 * checksums) run before `sharedOp.Exec`, and a step's cache key needs only its inputs' cache keys,
 * not their results, so the scheduler can key the whole graph before executing any of it.
 */
export const BUILDKIT_CACHE_KEY_PHASE = 4.5;
/** Execution errors of BuildKit's file operations: after every cache key (see {@link BUILDKIT_CACHE_KEY_PHASE}). */
export const BUILDKIT_EXEC_PHASE = 4.6;

/** The phase of a cache-key failure for this builder. */
export function cacheKeyPhase(b: Builder): number {
  return b === "buildkit" ? BUILDKIT_CACHE_KEY_PHASE : 4;
}

/** The phase of an execution failure for this builder. */
export function execPhase(b: Builder): number {
  return b === "buildkit" ? BUILDKIT_EXEC_PHASE : 4;
}

/** One resolved source. */
export type ResolvedSource =
  | {
      readonly kind: "node";
      readonly node: VfsNode;
      /** The name a file keeps in a directory destination. */
      readonly name: string;
      /** The classic builder's source hash (`file:…`, `dir:…`), or null when not computable. */
      readonly hash: string | null;
      /** ADD only: the file is a tar archive ADD extracts. */
      readonly archive: boolean;
    }
  | { readonly kind: "url"; readonly url: string }
  /** BuildKit: the source fails when the copy executes (not when its cache key is computed), with this message. */
  | { readonly kind: "exec-error"; readonly message: string }
  | { readonly kind: "unknown"; readonly name: string; readonly reason: string };

/** What resolving a downloaded `ADD <url>` source needs besides the URL. */
export interface DownloadInputs {
  /** BuildKit's expanded `--checksum` (null or `""`: none). */
  readonly checksum: string | null;
  /** Whether the destination ends with `/`. */
  readonly intoDirectory: boolean;
}

/**
 * A downloaded URL as a source: the file, or the builder's failure (recorded here when the builder
 * stops resolving sources at it; returned as an `exec-error` when BuildKit fails only when the copy
 * runs, which is with `--checksum`).
 */
function downloadSource(ctx: EvalContext, state: StageState, i: CopyInstruction | AddInstruction, url: string, d: Exclude<Download, { kind: "exceeded" }>, o: DownloadInputs): ResolvedSource | null {
  const r = resolveDownload(ctx.builder, url, d, o);
  if (!r.ok && r.approximate) note(ctx, "files/unknown", "info", `${i.keyword} at line ${i.line}: downloading ${url} failed (${r.message}); the cause is worded as this machine's HTTP client gave it, a real build's Go client may word it differently`, i.range);
  if (!r.ok && r.phase === "exec" && ctx.builder === "buildkit") return { kind: "exec-error", message: r.message };
  if (!r.ok) {
    if (ctx.builder === "buildkit") {
      // BuildKit downloads a URL to compute its cache key while it may already run earlier steps,
      // whose keys need no network: an earlier step failing when it runs may be reported instead
      // (seen on 28.5: failure-order-checksum gave either error in two builds).
      const earlier = ctx.failures.find((f) => f.phase === BUILDKIT_EXEC_PHASE);
      if (earlier !== undefined) {
        warnDivergence(ctx, "download-after-exec-error",
          `${i.keyword} at line ${i.line}: downloading ${url} fails ("${r.message}"), and an earlier step fails when it runs ("${earlier.diagnostic.message}"); BuildKit does both at the same time, and a real build may report the earlier step's error instead`,
          i.range, "buildkit");
      }
    }
    fail(ctx, ctx.builder === "buildkit" ? BUILDKIT_CACHE_KEY_PHASE : 4, "build/copy", r.message, i.range, state);
    return null;
  }
  const node: VfsNode = { type: "file", mode: DOWNLOADED_FILE_MODE, uid: 0, gid: 0, size: r.content.length, content: r.content };
  // A download is extracted only by BuildKit and only with an explicit `--unpack` (then by content,
  // as a local archive is); the classic builder never extracts one (moby `noDecompress`). Verified
  // on 28.5: unpack-true, unpack-true-not-archive.
  const unpack = ctx.builder === "buildkit" && i.keyword === "ADD" && i.unpack === true;
  if (unpack && ctx.archives === null) return { kind: "unknown", name: r.name, reason: NO_ARCHIVE_READER };
  const archive = unpack && isArchive(ctx, i, r.content);
  return { kind: "node", node, name: r.name, hash: r.classicHash, archive };
}

/**
 * Whether ADD extracts this content, decompressing only what the answer needs; past the
 * `decompressedBytes` budget it says so (the file is then copied as is, which may be wrong).
 */
function isArchive(ctx: EvalContext, i: CopyInstruction | AddInstruction, content: Uint8Array): boolean {
  // Only called where ctx.archives is set (the callers report a missing reader as unknown).
  const d = ctx.archives!.detect(content, { decompressedBytes: ctx.budgets.decompressedBytes });
  if (d.budget !== undefined) exceedBudget(ctx, d.budget, `deciding whether ${i.keyword} at line ${i.line} extracts an archive (taken as not extracted)`, i.range);
  return d.archive;
}

/** The sources of an instruction, or null when the build fails resolving them (already recorded). */
export function resolveCopySources(ctx: EvalContext, state: StageState, i: CopyInstruction | AddInstruction, sources: readonly string[], download: DownloadInputs = { checksum: null, intoDirectory: false }): ResolvedSource[] | null {
  const out: ResolvedSource[] = [];
  let keyFailed = false;
  const from = i.keyword === "COPY" && i.from !== null && i.from !== "" ? i.from : null;
  for (const s of sources) {
    if (ctx.builder === "buildkit") {
      const git = parseGitSource(s);
      if (git.kind === "invalid") {
        fail(ctx, 4, "build/copy", git.message, i.range, state);
        return null;
      }
      if (git.kind === "git") {
        if (i.keyword === "COPY") {
          fail(ctx, 4, "build/copy", "source can't be a git ref for COPY", i.range, state);
          return null;
        }
        const r = resolveGitSource(ctx, state, i, s, git.ref, { checksum: download.checksum, keepGitDir: i.keepGitDir }, { cacheKey: BUILDKIT_CACHE_KEY_PHASE, exec: BUILDKIT_EXEC_PHASE });
        if (r === null) return null;
        out.push({ kind: "node", node: r.node, name: r.name, hash: null, archive: false });
        continue;
      }
    }
    if (isUrlSource(s)) {
      if (i.keyword === "COPY") {
        fail(ctx, 4, "build/copy", ctx.builder === "buildkit" ? "source can't be a URL for COPY" : "COPY failed: source can't be a URL for COPY", i.range, state);
        return null;
      }
      ctx.downloadUrls.add(s);
      const d = downloadOf(ctx.downloads, s);
      if (d === undefined || d.kind === "exceeded") {
        if (d !== undefined) exceedBudget(ctx, d.budget, `downloading ${s} for ${i.keyword} at line ${i.line}`, i.range);
        out.push({ kind: "url", url: s });
        continue;
      }
      const before = ctx.failures.length;
      const r = downloadSource(ctx, state, i, s, d, download);
      if (r === null) {
        // As for context checksums (below): BuildKit downloads an instruction's URLs concurrently.
        if (ctx.builder === "buildkit" && ctx.failures.length > before && ctx.failures[ctx.failures.length - 1]!.phase === BUILDKIT_CACHE_KEY_PHASE) {
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
    const before = ctx.failures.length;
    const r = contextSources(ctx, state, i, ctx.context, s, sources);
    if (r === null) {
      // BuildKit computes the checksums of an instruction's sources concurrently and reports the
      // first that fails, so every source that fails there is recorded (the first stays the
      // build's error; a real build may report another: docs/semantics/copy-add.md §3.8).
      if (ctx.builder === "buildkit" && ctx.failures.length > before && ctx.failures[ctx.failures.length - 1]!.phase === BUILDKIT_CACHE_KEY_PHASE) {
        keyFailed = true;
        continue;
      }
      return null;
    }
    out.push(...r);
  }
  if (keyFailed) return null;
  if (ctx.builder === "buildkit" && i.exclude.length > 0) {
    for (let k = 0; k < out.length; k++) {
      const r = out[k]!;
      if (r.kind === "node") out[k] = { ...r, node: excludeFromSource(r.node, i.exclude) };
    }
  }
  if (ctx.builder === "legacy" && out.length === 0) {
    fail(ctx, 4, "build/copy", `${i.keyword} failed: ${CLASSIC_NO_SOURCES}`, i.range, state);
    return null;
  }
  return out;
}

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

function baseName(s: string): string {
  return s.split("/").filter((p) => p !== "" && p !== ".").pop() ?? "";
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

function contextSources(ctx: EvalContext, state: StageState, i: CopyInstruction | AddInstruction, context: BuildContext, s: string, all: readonly string[]): ResolvedSource[] | null {
  const b = ctx.builder;
  // The classic builder names a source in its messages after trimming one leading `/` and one
  // leading `./` (moby `calcCopyInfo`; verified on 28.5: gen-classic-dotslash-source-message).
  let classicName = s;
  if (classicName.startsWith("/")) classicName = classicName.slice(1);
  if (classicName.startsWith("./")) classicName = classicName.slice(2);
  if (b === "legacy") {
    const c = goClean(classicName);
    if (c === ".." || c.startsWith("../")) {
      fail(ctx, 4, "build/copy", `${i.keyword} failed: forbidden path outside the build context: ${classicName} ()`, i.range, state);
      return null;
    }
  }
  if (b === "legacy" && !containsWildcards(s) && underAFile(context, s)) {
    // FollowSymlinkInScope fails on a path below a file, which moby reports as outside the context.
    fail(ctx, 4, "build/copy", `${i.keyword} failed: forbidden path outside the build context: ${classicName} ()`, i.range, state);
    return null;
  }
  const ex = expandSources(context, s, b, { includePatterns: ctx.includePatterns });
  if (!ex.ok) {
    // BuildKit resolves wildcards when the copy runs (fsutil `copy.ResolveWildcards`), so a missing
    // base directory fails in source order, after an earlier source's own failure (verified on
    // 28.5: gen-glob-missing-dir-after-error).
    if (b === "buildkit" && ex.error.kind === "base-missing") return [{ kind: "exec-error", message: ex.error.message }];
    fail(ctx, 4, "build/copy", ex.error.message, i.range, state);
    return null;
  }
  const resolve = (p: string): string => resolveInContext(context, p);
  const out: ResolvedSource[] = [];
  for (const m of ex.matches) {
    const resolved = resolveContextPath(context, m);
    const entry = resolved.ok && ex.untransferred?.includes(m) !== true ? context.get(resolved.path) : undefined;
    // The source as the message names it: as written, or the wildcard's match.
    const named = ex.wildcard ? m : b === "legacy" ? classicName : s;
    if (b === "buildkit" && !resolved.ok && resolved.why === "missing" && context.get(m) === undefined && (i.exclude.length > 0 || (!ex.wildcard && checksummedUnder(all, m)))) {
      // With `--exclude` the cache key is computed from include/exclude patterns, which match
      // nothing without failing; the copy then fails to `lstat` the source (a dangling symlink is
      // still "not found"). Verified on 28.5: gen-exclude-missing-source, gen-exclude-missing-source-chown.
      // Likewise for a source below another one of the instruction (see checksummedUnder).
      out.push({ kind: "exec-error", message: `lstat ${goClean("/" + m)}: no such file or directory` });
      continue;
    }
    if (b === "buildkit" && !resolved.ok && resolved.why === "missing" && i.exclude.length === 0 && !ex.wildcard && checksummedUnder(all, m)) {
      // A dangling symlink below another source of the instruction: not checksummed on its own, so
      // the copy follows it and fails to `lstat` where it points (verified on 28.5:
      // gen-dangling-link-below-source).
      out.push({ kind: "exec-error", message: `lstat ${goClean("/" + resolved.path)}: no such file or directory` });
      continue;
    }
    if (!resolved.ok && (resolved.why === "loop" || (b === "legacy" && resolved.why === "through-file"))) {
      // A symlink loop on the source's path (named, or matched by a wildcard): BuildKit's content
      // checksum fails with ELOOP (`too many links`); the classic builder's `FollowSymlinkInScope`
      // gives up, which moby reports as a path outside the context — as it does for a link whose
      // target passes through a file (verified on 28.5: gen-link-loop-self-named,
      // gen-link-loop-pair-named, gen-link-loop-through-path, gen-link-through-file-named).
      fail(ctx, cacheKeyPhase(b), "build/copy",
        b === "buildkit"
          ? `failed to compute cache key: failed to calculate checksum of ref ${BUILDKIT_REF_PLACEHOLDER}: too many links`
          : `${i.keyword} failed: forbidden path outside the build context: ${named} ()`,
        i.range, state);
      return null;
    }
    if (entry === undefined) {
      // Missing — or, for a wildcard, a match that is a dangling symlink: the match is copied as if
      // named, so both builders fail on it, even beside other matches (verified on 28.5:
      // gen-glob-dangling-match, gen-glob-dangling-only-match).
      fail(ctx, cacheKeyPhase(b), "build/copy",
        b === "buildkit"
          ? `failed to compute cache key: failed to calculate checksum of ref ${BUILDKIT_REF_PLACEHOLDER}: ${goQuote("/" + m)}: not found`
          : `${i.keyword} failed: file not found in build context or excluded by .dockerignore: stat ${m}: file does not exist`,
        i.range, state);
      return null;
    }
    if (b === "buildkit" && i.exclude.length > 0 && resolved.ok && resolved.path === "") {
      const dangling = danglingTopLevelLink(context, i.exclude);
      if (dangling !== null) {
        // The context root with `--exclude`: BuildKit's filtered checksum follows each top-level
        // symlink it keeps, so a dangling one is "not found" (one deeper, or below another
        // directory source, is copied as a link). Verified on 28.5: gen-exclude-root-dangling-link,
        // gen-exclude-root-dangling-link-nested, gen-exclude-dir-dangling-link.
        fail(ctx, cacheKeyPhase(b), "build/copy", `failed to compute cache key: failed to calculate checksum of ref ${BUILDKIT_REF_PLACEHOLDER}: ${goQuote("/" + dangling)}: not found`, i.range, state);
        return null;
      }
    }
    const name = m === "" ? "" : m.replace(/\/+$/, "").split("/").pop()!;
    // A symlink to an archive is followed and extracted by both builders (add-symlink-to-archive).
    const unpack = i.keyword === "ADD" && (b === "legacy" || i.unpack !== false);
    if (unpack && entry.type === "file" && ctx.archives === null) {
      out.push({ kind: "unknown", name, reason: NO_ARCHIVE_READER });
      continue;
    }
    const archive = unpack && entry.type === "file" && isArchive(ctx, i, entry.content);
    out.push({ kind: "node", node: contextNode(context, entry), name, hash: b === "legacy" ? classicSourceHash(context, m, resolve) : null, archive });
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

/** Whether a proper prefix of the (symlink-resolved) path is a file in the context. */
function underAFile(context: BuildContext, s: string): boolean {
  const parts = goClean("/" + s).split("/").filter((p) => p !== "");
  for (let k = 1; k < parts.length; k++) {
    const e = context.get(resolveInContext(context, parts.slice(0, k).join("/")));
    if (e !== undefined && e.type === "file") return true;
  }
  return false;
}

/** Files of the image `COPY --from=<image>` names, when its resolver supplied them (once per image). */
function copyFromImageFiles(ctx: EvalContext, name: string): Vfs | undefined {
  const ref = parseImageReference(name);
  if (!ref.ok) return undefined;
  const image = resolveExternalImage(ctx, ref.value.normalized);
  if (image.files === undefined) return undefined;
  let fs = IMAGE_VFS.get(image);
  if (fs === undefined) {
    fs = imageFiles(image);
    IMAGE_VFS.set(image, fs);
  }
  return fs;
}

/** The filesystem built from each image's supplied files (read-only here: COPY only reads its source). */
const IMAGE_VFS = new WeakMap<object, Vfs>();

/** Why an ADD source that may be an archive is unknown: nothing can tell (SimulateOptions.archives, or a context that has a reader). */
const NO_ARCHIVE_READER = "ADD extracts it if it is an archive, and no archive reader was given to tell (pass SimulateOptions.archives, or a context made by memoryContext)";

function stageSources(ctx: EvalContext, state: StageState, i: CopyInstruction, from: string, s: string): ResolvedSource[] | null {
  const b = ctx.builder;
  const src = resolveCopyFrom(b, ctx.plannedStages, state.index, i);
  const files = src?.kind === "stage" ? ctx.stageFiles.get(src.index) : src?.kind === "image" ? copyFromImageFiles(ctx, src.ref) : undefined;
  if (files === undefined) {
    const what = src?.kind === "image" ? `image ${src.ref}` : `stage ${from}`;
    return [{ kind: "unknown", name: baseName(s), reason: `copied from ${what}, whose files the simulator does not have` }];
  }
  // (The scan of the diagnostics only where it matters: on every COPY --from it made N stages O(N²).)
  if (b === "buildkit" && files.execFailure !== null && state.files.execFailure !== null && !ctx.diagnostics.some((d) => isKnownDivergence(d) && d.divergence === "concurrent-stage-exec-errors" && d.range === i.range)) {
    // Known divergence (docs/semantics/copy-add.md, "Known divergences"; gen-order-stage-exec-errors): both this
    // stage (earlier) and the stage copied from failed while executing. BuildKit runs the stages
    // concurrently; it reported this stage's own error 3 times in 3, the simulator reports the one
    // of the stage met first in the Dockerfile.
    warnDivergence(ctx, "concurrent-stage-exec-errors",
      `COPY --from=${from} at line ${i.line}: stage ${from} fails ("${files.execFailure}") and so does an earlier instruction of this stage ("${state.files.execFailure}"); BuildKit runs both concurrently, and a real build may report this stage's error instead of the one the simulator reports`,
      i.range, "buildkit");
  }
  const globbed = containsWildcards(s) ? globVfs(files, s) : [partsPath(pathParts(s))];
  if (globbed !== null && !Array.isArray(globbed)) {
    // BuildKit walks the directory before the first wildcard (fsutil `copy.ResolveWildcards`:
    // `filepath.Walk` of it, whose `Lstat` fails), so a missing one fails the copy, as for context sources (verified on 28.5:
    // gen-from-glob-missing-dir); the classic builder matches nothing (`no source files were specified`).
    return b === "buildkit" ? [{ kind: "exec-error", message: `lstat ${globbed.missingBase}: no such file or directory` }] : [];
  }
  const paths = globbed;
  if (paths === null) return [{ kind: "unknown", name: baseName(s), reason: `${s} in stage ${from} may match files the simulator does not know` }];
  const out: ResolvedSource[] = [];
  for (const p of paths) {
    const r = files.lookup(p, true);
    if (!r.found) {
      // A stage that failed while executing stops a real build there (BuildKit runs it to compute
      // this source's cache key), so its state after the failure decides nothing.
      if (r.why === "maybe" || files.opaque.length > 0 || files.execFailure !== null) {
        out.push({ kind: "unknown", name: baseName(p), reason: `${p} in stage ${from} is not known to the simulator${files.opaque.length > 0 ? ` (${files.opaque[files.opaque.length - 1]})` : ""}` });
        continue;
      }
      if (b === "buildkit" && files.lineage === state.files.lineage) {
        // The stage's filesystem is the current stage's own LLB state (both still empty, or built
        // by the same steps: BuildKit merges identical vertices), which has no separate content
        // checksum to fail; the copy fails to `lstat` the path (verified on 28.5:
        // gen-from-empty-stage-missing, gen-from-identical-stage-missing).
        out.push({ kind: "exec-error", message: `lstat ${p}: no such file or directory` });
        continue;
      }
      fail(ctx, cacheKeyPhase(b), "build/copy",
        b === "buildkit"
          ? `failed to compute cache key: failed to calculate checksum of ref ${BUILDKIT_REF_PLACEHOLDER}: ${goQuote(p)}: not found`
          : `COPY failed: stat ${p.slice(1)}: file does not exist`,
        i.range, state);
      return null;
    }
    out.push({ kind: "node", node: r.node, name: baseName(p), hash: b === "legacy" ? classicStageSourceHash(files, p) : null, archive: false });
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
