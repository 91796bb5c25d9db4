/**
 * `ADD <git source>` with BuildKit: the source is classified and split as BuildKit does
 * (`docker/git-ref.ts`), its flags checked against its query, and the checkout the caller fetched
 * (`fs/git/checkout.ts`) copied like a directory's contents; without one, the destination is a
 * directory whose contents are unknown. The classic builder has no git sources: this module is not
 * called for it (its `http(s)://…git` is a download, anything else a context path).
 *
 * @module
 */
import type { GitRef } from "../../docker/git-ref.js";
import { goQuote } from "../../docker/go-quote.js";
import { gitCheckoutKey, gitCheckoutOf, gitCheckoutTree, invalidChecksumError, unfetchedGitTree } from "../../fs/git/checkout.js";
import type { AddInstruction } from "../../parse/instruction.js";
import { fail, note, type EvalContext } from "../context.js";
import { FailurePhase } from "../failure-phase.js";
import type { StageState } from "../stage-state.js";
import type { DirNode } from "../../fs/vfs/tree.js";

/** The failure phases BuildKit meets a git source's errors in (given by the caller, which owns the order). */
export interface GitPhases {
  /** When cache keys are computed (`failed to load cache key: …`). */
  readonly cacheKey: FailurePhase;
  /** When the copy runs. */
  readonly exec: FailurePhase;
}

/** The directory a git source copies, and its name (the repository's). */
export interface GitResolved {
  readonly node: DirNode;
  readonly name: string;
}

/** The `--checksum` and `--keep-git-dir` an instruction gives (already expanded). */
export interface GitFlags {
  /** `""` or null: none. */
  readonly checksum: string | null;
  readonly keepGitDir: boolean | null;
}

/**
 * A git source as BuildKit resolves it for `ADD`: the checkout's tree (or the subdirectory's), or
 * a directory of unknown contents when nothing was fetched; null when the build fails here (the
 * failure is recorded with BuildKit's message and phase).
 */
export function resolveGitSource(ctx: EvalContext, state: StageState, i: AddInstruction, source: string, ref: GitRef, flags: GitFlags, phases: GitPhases): GitResolved | null {
  // dispatchCopy (convert.go): the flag and the query must agree, and the query's wins when the flag is absent.
  if (flags.keepGitDir !== null && ref.keepGitDir !== null && flags.keepGitDir !== ref.keepGitDir) {
    fail(ctx, FailurePhase.dispatch, "build/copy", "inconsistent keep-git-dir configuration", i.range, state);
    return null;
  }
  const keepGitDir = ref.keepGitDir ?? flags.keepGitDir ?? false;
  let checksum = flags.checksum ?? "";
  if (checksum !== "" && ref.checksum !== "" && checksum !== ref.checksum) {
    fail(ctx, FailurePhase.dispatch, "build/copy", `checksum mismatch ${goQuote(checksum)} != ${goQuote(ref.checksum)}`, i.range, state);
    return null;
  }
  if (ref.checksum !== "") checksum = ref.checksum;
  ctx.gitRequests.push({ source, ref, checksum, keepGitDir });
  const name = ref.remote.slice(ref.remote.lastIndexOf("/") + 1).replace(/\.git$/, "");
  const where = `ADD at line ${i.line}`;
  const checkout = gitCheckoutOf(ctx.gitCheckouts, gitCheckoutKey(ref, checksum));
  if (checkout === undefined) {
    const invalid = invalidChecksumError(checksum);
    if (invalid !== null) {
      fail(ctx, phases.cacheKey, "build/copy", `failed to load cache key: ${invalid}`, i.range, state);
      return null;
    }
    const reason = `cloned from ${source} (not fetched)`;
    note(ctx, "files/not-fetched", "info", `${where}: the git repository ${source} was not fetched (pass gitCheckouts, or --fetch on the command line, to simulate it); a real build clones it into a directory, and fails if the ref or subdirectory is missing`, i.range);
    return { node: unfetchedGitTree(reason), name };
  }
  if (checkout.kind === "failed") {
    if (checkout.approximate === true) note(ctx, "files/unknown", "info", `${where}: fetching ${source} failed (${checkout.message}); the cause is worded as this machine's git gave it, BuildKit's git may word it differently`, i.range);
    fail(ctx, phases.cacheKey, "build/copy", `failed to load cache key: ${checkout.message}`, i.range, state);
    return null;
  }
  const tree = gitCheckoutTree(checkout.entries, ref.subdir, keepGitDir);
  if (!tree.ok) {
    fail(ctx, phases.exec, "build/copy", tree.error, i.range, state);
    return null;
  }
  return { node: tree.node, name };
}
