import { parseDigest } from "../../docker/image-reference.js";
import { parseGitSource } from "../../docker/git-ref.js";
import { parseChmod, applyChmod, type Chmod } from "../../fs/vfs/chmod.js";
import { resolveChown, ROOTFS_PLACEHOLDER } from "../../fs/vfs/chown.js";
import { classicMultiHash } from "../../fs/vfs/classic-source-hash.js";
import { extractArchive } from "../../fs/vfs/extract-archive.js";
import { lstatBelowNonDir, partsPath, pathParts, type VfsNode } from "../../fs/vfs/tree.js";
import { copyInto, markIncomplete, type WriteOptions } from "../../fs/vfs/write-copy.js";
import type { AddInstruction, CopyInstruction } from "../../parse/instruction.js";
import { commitLayer, exceedBudget, expandIn, fail, note, warnDivergence, type EvalContext } from "../context.js";
import { noteStep } from "../files-track.js";
import type { StageState } from "../stage-state.js";
import { classicDestinationEscape, isUrlSource, resolveDestination } from "./copy-destination.js";
import { DOWNLOADED_FILE_MODE } from "../../fs/download/download.js";
import { downloadNameFromUrl, UNNAMED_DOWNLOAD } from "../../fs/download/download-name.js";
import { execPhase, FailurePhase } from "../failure-phase.js";
import { resolveCopySources, type ResolvedSource } from "./copy-sources.js";
import { heredocSourceFiles, splitHeredocSources } from "./heredoc-sources.js";
import { madeIn } from "../../fs/vfs/setgid.js";

/** The classic builder's history hash when the simulator cannot compute Docker's. */
const UNKNOWN_HASH = "<content hash>";

/**
 * `COPY` / `ADD`: flags and words are expanded; the sources are resolved (build context, a stage's
 * files, an image the simulator has no files of, a URL that is not fetched) and written into the
 * stage's filesystem as the builder writes them; a layer is added with the builder's history text
 * (the classic builder's with Docker's own source hash). What a real build stops at is reported
 * with the engine's message. Where the builders differ, the builder's COPY/ADD rules
 * (`ctx.rules.copy`, src/builders/buildkit-copy.ts and legacy-copy.ts) decide.
 */
export function applyCopy(ctx: EvalContext, state: StageState, i: CopyInstruction | AddInstruction): void {
  const rules = ctx.rules.copy;
  if (rules.chmodRefusal !== null && i.chmod !== null && i.chmod !== "") {
    fail(ctx, FailurePhase.dispatch, "build/flag", rules.chmodRefusal, i.range, state);
    return;
  }
  const chown = i.chown === null ? null : expandIn(ctx, state, i.chown, i.range);
  // (A builder that refuses --chmod gets here only with an empty one, which expands to itself.)
  const chmodText = i.chmod === null ? null : expandIn(ctx, state, i.chmod, i.range);
  const split = splitHeredocSources(i);
  const sources: string[] = [];
  for (const s of split.paths) {
    const v = expandIn(ctx, state, s.value, s.range);
    if (v === null) return;
    sources.push(v);
  }
  const destText = expandIn(ctx, state, i.destination.value, i.destination.range);
  if (destText === null) return;
  // Heredoc sources: BuildKit writes them after the paths; the classic builder ignores them.
  const inline = rules.writesHeredocSources && split.heredocs.length > 0 ? heredocSourceFiles(ctx, state, i, split.heredocs) : [];
  if (inline === null) return;
  const heredocWords = split.heredocs.map((h) => `<<${h.name}`);
  let chmod: Chmod | null = null;
  if (chmodText !== null && chmodText !== "") {
    const p = parseChmod(chmodText);
    if (!p.ok) {
      fail(ctx, FailurePhase.dispatch, "build/flag", p.error, i.range, state);
      return;
    }
    chmod = p.value;
  }
  // BuildKit expands --checksum, requires a single source that is a URL, then parses it as a digest
  // (go-digest's errors); an empty value is no checksum. The classic builder ignores the flag. Verified on 28.5
  // (spec/fs/download: checksum-multiple-bad-format, checksum-bad-format-local, checksum-bad-format,
  // checksum-variable).
  let checksum: string | null = null;
  if (rules.readsAddChecksum && i.keyword === "ADD" && i.checksum !== null) {
    checksum = expandIn(ctx, state, i.checksum, i.range);
    if (checksum === null) return;
    if (checksum !== "") {
      if (sources.length > 1) {
        fail(ctx, FailurePhase.dispatch, "build/flag", "checksum can't be specified for multiple sources", i.range, state);
        return;
      }
      // BuildKit's isGitSource counts the deprecated github.com/… form too (dfgitutil.ParseGitRef says "git").
      const git = sources.map((s) => parseGitSource(s)).some((g) => g.kind !== "not-git" || g.deprecatedGithubForm);
      if (!git && sources.some((s) => !isUrlSource(s))) {
        fail(ctx, FailurePhase.dispatch, "build/flag", "checksum requires HTTP(S) or Git sources", i.range, state);
        return;
      }
      // A git source's checksum is a commit id, checked when the cache key is computed (git-source.ts).
      const d = git ? null : parseDigest(checksum);
      if (d !== null && !d.ok) {
        fail(ctx, FailurePhase.dispatch, "build/flag", d.error, i.range, state);
        return;
      }
    }
  }
  if (rules.rejectsDestinationOutsideRootfs) {
    const escape = classicDestinationEscape(destText);
    if (escape !== null) {
      fail(ctx, FailurePhase.dispatch, "build/copy", `failed to copy files: evalSymlinksInScope: ${escape} is not in ${ROOTFS_PLACEHOLDER}`, i.range, state);
      return;
    }
  }
  let hash = UNKNOWN_HASH;
  const changesBefore = state.files.changeCount;
  const imageRewritesBefore = state.files.imageRewriteCount;
  const fromPaths = resolveCopySources(ctx, state, i, sources, { checksum, intoDirectory: destText.endsWith("/") });
  const resolved = fromPaths === null ? null : [...fromPaths, ...inline];
  if (resolved !== null) {
    if (rules.multipleSourcesNeedSlashDestination && resolved.length > 1 && !destText.endsWith("/")) {
      fail(ctx, FailurePhase.dispatch, "build/copy", `When using ${i.keyword} with more than one source file, the destination must be a directory and end with a /`, i.range, state);
    } else {
      const hashes = resolved.map((s) => (s.kind === "node" ? s.hash : null));
      if (hashes.every((h): h is string => h !== null) && hashes.length > 0) hash = classicMultiHash(hashes);
      writeSources(ctx, state, i, resolved, resolveDestination(rules, state.config.WorkingDir.value, destText), chown, chmod);
    }
  }
  // The step as BuildKit's LLB would describe it (for `COPY --from` a stage that is this very state).
  noteStep(state.track, state.files, [i.keyword, i.keyword === "COPY" && i.from !== null ? `--from=${i.from}` : "", chown !== null ? `--chown=${chown}` : "", chmodText !== null ? `--chmod=${chmodText}` : "", ...i.exclude.map((e) => `--exclude=${e}`), i.link ? "--link" : "", ...sources, ...heredocWords, destText].filter((w) => w !== "").join(" "));
  // The stage has a root filesystem now (read by BuildKit's `--chown` and USER lookups only).
  state.track.rootfs = true;
  const text = rules.copyCreatedBy({ keyword: i.keyword, chown, chmod: chmodText, sources: heredocWords.length === 0 ? sources : [...sources, ...heredocWords], destination: destText, hash, shell: state.config.Shell.value ?? ["/bin/sh", "-c"] });
  if (!rules.skipsLayerWhenNothingChanged) commitLayer(ctx, state, i, text);
  else {
    // The classic builder adds no layer when the copy changed nothing (docs/semantics/copy-add.md §9.4).
    const knowable = resolved !== null && resolved.every((s) => s.kind === "node");
    const previous = state.history[state.history.length - 1];
    const changed = state.files.changeCount !== changesBefore;
    // Rewriting a base image's file with equal bytes: the diff sees it when the file times differ, unknown here.
    const timesUnknown = !changed && state.files.imageRewriteCount !== imageRewritesBefore;
    if (!knowable || timesUnknown) commitLayer(ctx, state, i, text, { layerDependsOnChanges: true });
    else commitLayer(ctx, state, i, text, { empty_layer: !changed });
    // A layer right after a COPY/ADD that changed nothing cannot be exported: moby's `exportImage`
    // (builder/dockerfile/internals.go) keeps the committed layer's mount in `b.imageSources`, and
    // `performCopy` builds the next COPY/ADD on it (`imageSources.Get(state.imageID)`); after an
    // empty diff that layer is not the image's, so `CreateImage` finds no parent layer. Any other
    // instruction in between (ENV, WORKDIR, a new stage) mounts the image afresh. Verified on 28.5:
    // gen-empty-final-after-empty-layer (`COPY a /c`, `COPY a /c`, `COPY a /d`), an empty directory
    // copied first then a file, and not with ENV or WORKDIR between. The digest is the new layer's
    // diff ID, which holds file times: not predictable.
    if (knowable && changed && previous !== undefined && previous.empty_layer && previous.layerDependsOnChanges !== true && /^\S.* #\(nop\) (COPY|ADD) /.test(previous.created_by) && resolved !== null && state.failed === false) {
      fail(ctx, FailurePhase.dispatch, "build/copy", `failed to export image: failed to create image: failed to get layer sha256:${LAYER_DIGEST_PLACEHOLDER}: layer does not exist`, i.range, state);
    }
  }
}

/** Where the classic builder's message names a layer digest the simulator cannot know (its files' times are in it). */
export const LAYER_DIGEST_PLACEHOLDER = "<digest>";

/**
 * Records a failure of the copy itself (BuildKit: after every cache key, see
 * `BUILDKIT_EXEC_PHASE` in copy-sources.ts); the stage's files are marked as a state a real build never reaches.
 */
function execFail(ctx: EvalContext, state: StageState, i: CopyInstruction | AddInstruction, message: string): void {
  fail(ctx, execPhase(ctx.rules), "build/copy", message, i.range, state);
  state.track.execFailure ??= message;
}

function ownerFor(ctx: EvalContext, state: StageState, i: CopyInstruction | AddInstruction, chown: string | null): { owner: { uid: number; gid: number } | null; ok: boolean; unknown?: string } {
  if (chown === null || chown === "") return { owner: null, ok: true };
  const r = resolveChown(ctx.rules.copy.chownLookup, chown, state.files, state.track.rootfs);
  if (r.ok === false) {
    execFail(ctx, state, i, r.error);
    return { owner: null, ok: false };
  }
  if (r.ok === "unknown") {
    note(ctx, "files/unknown", "info", `${i.keyword} at line ${i.line}: the owner --chown=${chown} gives is unknown (${r.reason}), so the copied files' owner is unknown (listed as 0:0, marked unknown)`, i.range);
    state.files.markOpaque(`--chown=${chown} at line ${i.line}: ${r.reason}`);
    return { owner: { uid: 0, gid: 0 }, ok: true, unknown: `--chown=${chown}: ${r.reason}` };
  }
  // BuildKit: a negative id is id 0 everywhere — copied files, created directories, extracted
  // archives (verified on 28.5: gen-from-chown-minus-one; `ADD --chown=-1:0` of an archive gives 0:0).
  if (ctx.rules.copy.negativeIdIsZero) return { owner: { uid: Math.max(r.uid, 0), gid: Math.max(r.gid, 0) }, ok: true };
  return { owner: { uid: r.uid, gid: r.gid }, ok: true };
}

function writeSources(ctx: EvalContext, state: StageState, i: CopyInstruction | AddInstruction, sources: readonly ResolvedSource[], dest: string, chown: string | null, chmod: Chmod | null): void {
  const rules = ctx.rules.copy;
  const { owner, ok, unknown } = ownerFor(ctx, state, i, chown);
  if (!ok) return;
  const preserveOwnership = i.keyword === "COPY" && i.from !== null && i.from !== "" && owner === null;
  const opts: WriteOptions = { rules, owner, preserveOwnership, chmod, ...(unknown === undefined ? {} : { ownerUnknown: unknown }) };
  const files = state.files;
  const where = `${i.keyword} at line ${i.line}`;
  for (const s of sources) {
    switch (s.kind) {
      case "node": {
        if (s.archive && s.node.type === "file" && s.node.content !== null) {
          // The destination of an archive is always a directory, created 0755 (never --chmod);
          // BuildKit chowns it and every entry to --chown, the classic builder ignores --chown here
          // and keeps the archive's owners (docs/semantics/copy-add.md §8.2, §8.6, §6.5).
          const archiveOwner = rules.archiveTakesChown ? owner : null;
          // A destination below an existing file does not resolve in the rootfs: `lstat` of the
          // component below the file fails (both builders; the pivot-dir / mkdir errors below are
          // for a destination that *is* the file). Verified on 28.5: gen-add-tar-dest-under-file.
          const below = lstatBelowNonDir(files, dest);
          if (below !== null) {
            execFail(ctx, state, i, rules.lstatNotDirectoryMessage(partsPath(below)));
            return;
          }
          const m = files.mkdirAll(pathParts(dest), (_, parent) => madeIn({ mode: 0o755, ...(archiveOwner ?? { uid: 0, gid: 0 }) }, parent, { chowned: rules.chownsCreatedDirectories || archiveOwner !== null, keepsBit: true }));
          if (!m.ok) {
            execFail(ctx, state, i, rules.archiveDestinationNotDirectoryMessage("/" + m.notDir.join("/"), "/" + pathParts(dest).join("/")));
            return;
          }
          // An existing destination directory keeps its owner; only one the ADD creates (made
          // above) gets the --chown owner (verified on 28.5: gen-add-tar-chown-existing-dest).
          // An archive source was detected with ctx.archives, so there is a reader.
          const listing = ctx.archives!.read(s.node.content, ctx.budgets.decompressedBytes);
          const r = extractArchive(files, m.parts, listing.entries, archiveOwner);
          if (listing.budget !== undefined) {
            // A gzip bomb: what fits in the budget is extracted, the rest is unknown (never a failure).
            exceedBudget(ctx, listing.budget, `extracting ${s.name} (${where})`, i.range);
            markIncomplete(files, partsPath(m.parts), `${where} extracts more of ${s.name} than the decompressedBytes budget lets the simulator read`);
            break;
          }
          for (const a of r.approximations) note(ctx, "files/unknown", "info", `${where}: ${a}`, i.range);
          if (r.unmodelled.length > 0) {
            const what = r.unmodelled.join(", ");
            warnDivergence(ctx, "archive-member-through-link", `${where}: archive member(s) ${what}: the builders resolve such a link inside the destination in a way the simulator does not model, so a real build may write them elsewhere or fail (for example "statat …: path escapes from parent" or "too many levels of symbolic links")`, i.range, ctx.builder);
            markIncomplete(files, partsPath(m.parts), `${where} extracts ${what} through a symlink the simulator does not follow`);
          }
          if (r.error !== undefined) {
            execFail(ctx, state, i, rules.copyFailure(r.error));
            return;
          }
          if (listing.error !== undefined) {
            execFail(ctx, state, i, `failed to copy files: ${listing.error}`);
            return;
          }
          break;
        }
        const r = copyInto(files, s.node, s.name, dest, opts);
        if (!r.ok) {
          execFail(ctx, state, i, r.error);
          return;
        }
        break;
      }
      case "url": {
        const name = downloadNameFromUrl(ctx.builder, s.url);
        note(ctx, "files/not-fetched", "info", `${where}: ${s.url} was not fetched (pass downloads, or --fetch on the command line, to simulate it); a real build downloads it (never extracted) with mode 0600`, i.range);
        const mode = chmod === null ? DOWNLOADED_FILE_MODE : applyChmod(chmod, DOWNLOADED_FILE_MODE, false);
        const node: VfsNode = { type: "file", mode, uid: owner?.uid ?? 0, gid: owner?.gid ?? 0, size: null, content: null, unknown: `downloaded from ${s.url} (not fetched)` };
        if (name === null && dest.endsWith("/")) {
          markIncomplete(files, dest, `${where} downloads ${s.url} under a name only the server knows`);
          break;
        }
        const r = copyInto(files, node, name ?? UNNAMED_DOWNLOAD, dest, { ...opts, chmod: null, owner: owner ?? { uid: 0, gid: 0 } });
        if (!r.ok) {
          execFail(ctx, state, i, r.error);
          return;
        }
        break;
      }
      case "exec-error":
        execFail(ctx, state, i, s.message);
        return;
      case "unknown": {
        if (dest.endsWith("/") || files.lookup(dest, true).found) markIncomplete(files, dest, s.reason);
        else {
          const parts = pathParts(dest);
          const m = files.mkdirAll(parts.slice(0, -1), () => ({ mode: 0o755, ...(owner ?? { uid: 0, gid: 0 }) }));
          if (m.ok) files.put([...m.parts, parts[parts.length - 1]!], { type: "unknown", reason: s.reason });
          else files.markOpaque(s.reason);
        }
        break;
      }
      default: {
        const never: never = s;
        return never;
      }
    }
  }
}
