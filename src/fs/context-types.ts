/**
 * The build context as the simulator sees it: what `docker build` sends (after `.dockerignore`).
 * Implementations: an in-memory tree (browser-safe, `src/fs/context/`) and a directory on disk
 * (`src/node/`). Every method is synchronous: a disk context reads what it needs up front.
 */

/** One entry of the build context. Paths are slash-separated, relative to the context root, without a leading `./` or `/`. */
export type ContextEntry =
  | { readonly type: "file"; readonly path: string; readonly mode: number; readonly size: number; readonly content: Uint8Array }
  | { readonly type: "dir"; readonly path: string; readonly mode: number }
  | { readonly type: "symlink"; readonly path: string; readonly mode: number; readonly target: string };

/** A build context. */
export interface BuildContext {
  /** The entry at a path (no link following), or undefined. `""` is the root directory. */
  get(path: string): ContextEntry | undefined;
  /** The entries directly under a directory path, sorted by name. */
  list(dir: string): readonly ContextEntry[];
  /** Whether `.dockerignore` excludes this path (the Dockerfile and `.dockerignore` themselves included, as Docker treats them). */
  isIgnored(path: string): boolean;
  /**
   * Classic builder: whether the entry itself was in the tarball the CLI sent (a directory sent only
   * as the parent of entries `.dockerignore` re-includes is not: the daemon creates it). This
   * changes the classic builder's source hashes. Default: true.
   */
  inTarball?(path: string): boolean;
}
