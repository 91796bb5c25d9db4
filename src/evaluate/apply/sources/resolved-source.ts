/**
 * What a COPY or ADD source resolves to, whatever its origin.
 *
 * @module
 */
import type { VfsNode } from "../../../fs/vfs/tree.js";
import type { AddInstruction, CopyInstruction } from "../../../parse/instruction.js";
import { exceedBudget, type EvalContext } from "../../context.js";

export { BUILDKIT_REF_PLACEHOLDER } from "../../../builders/copy-rules.js";

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

/** The last path component of a source as written (what a file keeps as its name). */
export function baseName(s: string): string {
  return s.split("/").filter((p) => p !== "" && p !== ".").pop() ?? "";
}

/**
 * Whether ADD extracts this content, decompressing only what the answer needs; past the
 * `decompressedBytes` budget it says so (the file is then copied as is, which may be wrong).
 */
export function isArchive(ctx: EvalContext, i: CopyInstruction | AddInstruction, content: Uint8Array): boolean {
  // Only called where ctx.archives is set (the callers report a missing reader as unknown).
  const d = ctx.archives!.detect(content, { decompressedBytes: ctx.budgets.decompressedBytes });
  if (d.budget !== undefined) exceedBudget(ctx, d.budget, `deciding whether ${i.keyword} at line ${i.line} extracts an archive (taken as not extracted)`, i.range);
  return d.archive;
}

/** Why an ADD source that may be an archive is unknown: nothing can tell (SimulateOptions.archives, or a context that has a reader). */
export const NO_ARCHIVE_READER = "ADD extracts it if it is an archive, and no archive reader was given to tell (pass SimulateOptions.archives, or a context made by memoryContext)";
