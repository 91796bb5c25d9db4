/**
 * `ADD <url>` sources: what the caller fetched for the URL, as the builder resolves it (its file
 * name, an HTTP error, a `--checksum` mismatch).
 *
 * @module
 */
import { DOWNLOADED_FILE_MODE, resolveDownload, type Download } from "../../../fs/download/download.js";
import type { VfsNode } from "../../../fs/vfs/tree.js";
import type { AddInstruction, CopyInstruction } from "../../../parse/instruction.js";
import { fail, note, warnDivergence, type EvalContext } from "../../context.js";
import { cacheKeyPhase, FailurePhase } from "../../failure-phase.js";
import type { StageState } from "../../stage-state.js";
import { isArchive, NO_ARCHIVE_READER, type DownloadInputs, type ResolvedSource } from "./resolved-source.js";

/**
 * A downloaded URL as a source: the file, or the builder's failure (recorded here when the builder
 * stops resolving sources at it; returned as an `exec-error` when BuildKit fails only when the copy
 * runs, which is with `--checksum`).
 */
export function downloadSource(ctx: EvalContext, state: StageState, i: CopyInstruction | AddInstruction, url: string, d: Exclude<Download, { kind: "exceeded" }>, o: DownloadInputs): ResolvedSource | null {
  const r = resolveDownload(ctx.builder, url, d, o);
  if (!r.ok && r.approximate) note(ctx, "files/unknown", "info", `${i.keyword} at line ${i.line}: downloading ${url} failed (${r.message}); the cause is worded as this machine's HTTP client gave it, a real build's Go client may word it differently`, i.range);
  // BuildKit keys every step before running any, so a failure of the download itself (not of its
  // cache key) is met when the copy runs; the classic builder fails here, in instruction order.
  if (!r.ok && r.phase === "exec" && ctx.rules.keysGraphBeforeExecuting) return { kind: "exec-error", message: r.message };
  if (!r.ok) {
    if (ctx.rules.keysGraphBeforeExecuting) {
      // BuildKit downloads a URL to compute its cache key while it may already run earlier steps,
      // whose keys need no network: an earlier step failing when it runs may be reported instead
      // (seen on 28.5: failure-order-checksum gave either error in two builds).
      const earlier = ctx.sink.failures.find((f) => f.phase === FailurePhase.execute);
      if (earlier !== undefined) {
        warnDivergence(ctx, "download-after-exec-error",
          `${i.keyword} at line ${i.line}: downloading ${url} fails ("${r.message}"), and an earlier step fails when it runs ("${earlier.diagnostic.message}"); BuildKit does both at the same time, and a real build may report the earlier step's error instead`,
          i.range, "buildkit");
      }
    }
    fail(ctx, cacheKeyPhase(ctx.rules), "build/copy", r.message, i.range, state);
    return null;
  }
  const node: VfsNode = { type: "file", mode: DOWNLOADED_FILE_MODE, uid: 0, gid: 0, size: r.content.length, content: r.content };
  // A download is extracted only by BuildKit and only with an explicit `--unpack` (then by content,
  // as a local archive is); the classic builder never extracts one (moby `noDecompress`). Verified
  // on 28.5: unpack-true, unpack-true-not-archive.
  const unpack = ctx.rules.copy.readsUnpackFlag && i.keyword === "ADD" && i.unpack === true;
  if (unpack && ctx.archives === null) return { kind: "unknown", name: r.name, reason: NO_ARCHIVE_READER };
  const archive = unpack && isArchive(ctx, i, r.content);
  return { kind: "node", node, name: r.name, hash: r.classicHash, archive };
}

