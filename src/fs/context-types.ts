/**
 * The build context as the simulator sees it: what `docker build` sends (after `.dockerignore`).
 * Implementations: an in-memory tree (browser-safe, `src/fs/context/`) and a directory on disk
 * (`src/node/`). Every method is synchronous: a disk context reads what it needs up front.
 */
import type { ArchiveReader } from "./archive/index.js";

export type { ArchiveReader };

/** One entry of the build context. Paths are slash-separated, relative to the context root, without a leading `./` or `/`. */
export type ContextEntry =
  | { readonly type: "file"; readonly path: string; readonly mode: number; readonly size: number; readonly content: Uint8Array }
  | { readonly type: "dir"; readonly path: string; readonly mode: number }
  | { readonly type: "symlink"; readonly path: string; readonly mode: number; readonly target: string };

/**
 * An entry of a context directory that cannot be sent as it is (read from disk): the builders
 * react differently (verified on 28.5 with both builders, `spec/fixtures/engine-28.5/context-problems.json`).
 *
 * - `non-utf8-name`: a name that is not valid UTF-8; `path` shows it with U+FFFD for each bad
 *   byte. The classic builder sends it; BuildKit fails if it transfers it.
 * - `unreadable-dir` / `unreadable-file`: no permission. The classic builder's CLI refuses the
 *   whole context (an unreadable directory even when `.dockerignore` excludes it, a file only when
 *   it is sent); BuildKit fails if it must open the directory, and sends an unreadable file empty.
 */
export interface ContextProblem {
  readonly kind: "non-utf8-name" | "unreadable-dir" | "unreadable-file";
  /** The entry's context path (slash-separated). */
  readonly path: string;
  /** The path as the docker CLI prints it (the directory's absolute path joined), for its messages. */
  readonly shown: string;
}

/** A build context. */
export interface BuildContext {
  /** Entries that could not be read as they are (a directory on disk only); none when absent. */
  readonly problems?: readonly ContextProblem[];
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
  /** How ADD reads this context's archives; without one, whether an ADD source is an archive is unknown. */
  readonly archives?: ArchiveReader;
}
