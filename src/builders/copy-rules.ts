/**
 * The COPY/ADD section of {@link BuilderRules}: every way the two builders of Docker Engine 28.5
 * differ in COPY and ADD, one named field each. "What does the classic builder do differently in
 * COPY?" is `legacy-copy.ts`, read beside `buildkit-copy.ts`; the pipeline (src/evaluate/apply
 * and src/fs/vfs) branches on these fields, never on the builder's name.
 *
 * @module
 */

/** Where a host path of the daemon (unknowable) appears in an engine message. */
export const ROOTFS_PLACEHOLDER = "<rootfs>";

/** Where BuildKit's message names its (random) cache reference of the context. */
export const BUILDKIT_REF_PLACEHOLDER = "<ref>";

/** The parts of a COPY/ADD history entry, already expanded. */
export interface CopyHistoryParts {
  /** `COPY` or `ADD`. */
  readonly keyword: "COPY" | "ADD";
  /** The expanded `--chown` value, or null. */
  readonly chown: string | null;
  /** The expanded `--chmod` value, or null. */
  readonly chmod: string | null;
  /** The sources as written (expanded), heredoc sources as `<<NAME`. */
  readonly sources: readonly string[];
  /** The destination as written (expanded). */
  readonly destination: string;
  /** The classic builder's content hash of the sources (`file:<sha256>`, `dir:…`, `multi:…`) or a placeholder. */
  readonly hash: string;
  /** The SHELL in force. */
  readonly shell: readonly string[];
}

/** How a builder runs COPY and ADD where the builders differ (each field says what each one does). */
export interface CopyRules {
  // ——— Flags ———
  /** The failure of a non-empty `--chmod` when the builder refuses it, else null (the flag is expanded and applied). */
  readonly chmodRefusal: string | null;
  /** Whether heredoc sources (`COPY <<EOF /f`) are written (else ignored). */
  readonly writesHeredocSources: boolean;
  /** Whether `ADD --checksum` is expanded and checked (else ignored). */
  readonly readsAddChecksum: boolean;
  /**
   * Whether `ADD --unpack` is read: a local archive is extracted unless `--unpack=false`, a
   * download only with `--unpack=true`. Otherwise a local archive is always extracted and a
   * download never.
   */
  readonly readsUnpackFlag: boolean;
  /** Whether git sources (`https://….git`, `git@…`) are recognised (else they are URLs or paths). */
  readonly readsGitSources: boolean;
  /** Whether `--exclude` filters what a directory source copies (else it is ignored). */
  readonly appliesExclude: boolean;

  // ——— Destination ———
  /** Whether an absolute destination is cleaned (`/a/../b` is `/b`; else joined to the rootfs as written). */
  readonly cleansAbsoluteDestination: boolean;
  /** Whether an empty destination means "into WORKDIR" (else it is WORKDIR itself, no trailing `/`). */
  readonly emptyDestinationIsDirectory: boolean;
  /** Whether a destination whose `..` climb out of the container's rootfs fails (`evalSymlinksInScope`). */
  readonly rejectsDestinationOutsideRootfs: boolean;
  /** Whether more than one source (after wildcards) needs a destination ending in `/`. */
  readonly multipleSourcesNeedSlashDestination: boolean;
  /**
   * Whether the destination is resolved (`lstat`) in the rootfs before anything is made, so a
   * destination below a file fails there for every source (else the builder makes the parent
   * directory first and fails at `mkdir` where the missing directory is that file).
   */
  readonly lstatsDestinationFirst: boolean;
  /** Whether an entry of another type at a copied path (a directory where a file goes, or the reverse) is removed and replaced (else the copy fails). */
  readonly replacesEntriesOfOtherType: boolean;

  // ——— Owners and modes ———
  /** How `--chown` is resolved: moby's `parseChownFlag` (every lookup failure fails) or BuildKit's `readUser` (a name not found is 0:0). */
  readonly chownLookup: "parseChownFlag" | "readUser";
  /** Whether a negative `--chown` id is id 0 (else it is lchown's "leave unchanged"). */
  readonly negativeIdIsZero: boolean;
  /**
   * Whether every copied entry is chowned (to `--chown`, else root) unless ownership is preserved
   * (`COPY --from` without `--chown`), which also clears setuid and setgid on files. Otherwise
   * entries keep their owners unless `--chown` is given, and their mode bits.
   */
  readonly chownsCopiedEntries: boolean;
  /** Whether directories the copy makes are chowned even without `--chown` (in a setgid parent: the chown's group, not the inherited one). */
  readonly chownsCreatedDirectories: boolean;
  /** Whether the parents a directory source makes above its destination are root's (else the `--chown` owner's, as the destination). */
  readonly directorySourceParentsOwnedByRoot: boolean;
  /** Whether an extracted archive's entries and destination take `--chown` (else they keep the archive's owners). */
  readonly archiveTakesChown: boolean;

  // ——— Sources ———
  /** Whether a source path outside the context (`..`, or below a file) fails (else it is clamped to the context root). */
  readonly rejectsSourcesOutsideContext: boolean;
  /** Whether a symlink whose target passes through a file fails as "outside the build context" (else it is a missing source). */
  readonly linkThroughFileIsOutsideContext: boolean;
  /** Whether wildcards are resolved when the copy runs (a missing directory before the wildcard then fails the copy, else it matches nothing). */
  readonly resolvesWildcardsWhenCopying: boolean;
  /**
   * Whether the cache key of a source is a content checksum computed before any step runs: a
   * missing source is "not found" then, except where no checksum of its own is computed (a source
   * below another source of the instruction, with `--exclude`, or the stage's own state), where
   * the copy fails to `lstat` it; with `--exclude` the context root's dangling top-level links are
   * "not found". Otherwise sources are `stat`ed when the instruction is dispatched.
   */
  readonly keysSourcesByContentChecksum: boolean;
  /** Whether an instruction whose sources all match nothing fails (`no source files were specified`). */
  readonly failsWithoutSources: boolean;
  /** How a source is named in messages (the classic builder trims one leading `/` and `./`). */
  sourceNameInMessages(source: string): string;

  // ——— History ———
  /** Whether the history names the sources by a content hash (computed per source; else by their names). */
  readonly hashesSourcesInHistory: boolean;
  /** The `created_by` of a COPY/ADD history entry. */
  copyCreatedBy(p: CopyHistoryParts): string;
  /**
   * Whether a COPY/ADD that changed no file adds an empty layer (`empty_layer`), with the export
   * failure that follows a later COPY/ADD on it (else every COPY/ADD adds a layer).
   */
  readonly skipsLayerWhenNothingChanged: boolean;

  // ——— Messages ———
  /** A failure while copying, as the build reports it. */
  copyFailure(message: string): string;
  /** `lstat` of a path below a file (the path as seen in the container). */
  lstatNotDirectoryMessage(path: string): string;
  /** A missing directory of the destination that is a file, by the kind of source copied. */
  mkdirNotDirectoryMessage(path: string, source: "file" | "dir"): string;
  /** A directory source copied onto a file (`intoDir`: the destination was written with a trailing `/`). */
  directoryOntoFileMessage(path: string, intoDir: boolean): string;
  /** An archive's destination `dest` whose component `at` is a file. */
  archiveDestinationNotDirectoryMessage(at: string, dest: string): string;
  /**
   * A source path the builder cannot resolve: a symlink loop, and for a builder that
   * {@link CopyRules.rejectsSourcesOutsideContext}, a path that leaves the context or passes
   * through a file; `named` as messages name it.
   */
  unresolvableSourceMessage(keyword: string, named: string): string;
  /** A context source that is not there. */
  contextSourceNotFoundMessage(keyword: string, path: string): string;
  /** A `COPY --from` source that is not there (absolute path). */
  stageSourceNotFoundMessage(path: string): string;
}
