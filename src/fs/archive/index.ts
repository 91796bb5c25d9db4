/**
 * ADD's archive handling: whether a local file's content is a tar archive that ADD extracts, decided
 * by content as Docker Engine 28.5 decides it, and the archive's entries for extraction.
 *
 * Both builders use the same test (moby v28.5.2): the classic builder's `performCopyForInfo`
 * (`builder/dockerfile/copy.go`) calls `archive.IsArchivePath` (`vendor/github.com/moby/go-archive/
 * archive.go`), BuildKit's file op calls `isArchivePath`
 * (`vendor/github.com/moby/buildkit/solver/llbsolver/file/unpack.go`): a regular file (not a
 * symlink, for BuildKit) whose content, after `compression.DecompressStream` (gzip, bzip2, xz, zstd
 * by magic number), makes `tar.Reader.Next` succeed. The file name plays no part. Browser-safe.
 *
 * @module
 */
import { decompress, detectCompression, type Compression } from "./compression.js";
import { DEFAULT_BUDGETS, type BudgetHit } from "../../core/budget.js";
import { firstHeaderOfPrefix, firstHeaderOk, listTar, type TarEntry } from "./tar.js";

export { detectCompression, decompress, type Compression, type Decompressed } from "./compression.js";
export { firstHeaderOk, listTar, type TarEntry, type TarEntryType, type TarListing } from "./tar.js";

/** Options of {@link detectArchive}. */
export interface DetectOptions {
  /**
   * Whether the daemon host has the `xz` program: Docker decompresses xz by running `xz -d -c -q`,
   * and without it an xz-compressed tarball is not an archive (it is copied as is). Default true.
   */
  readonly xzAvailable?: boolean;
  /** Most bytes to decompress (the `decompressedBytes` budget); default 64 MiB. */
  readonly decompressedBytes?: number;
}

/** Docker's verdict on a file's content. */
export interface ArchiveDetection {
  /** Whether ADD extracts the file (true) or copies it as is (false). */
  readonly archive: boolean;
  /** The compression found by magic number (also when the content is not a tar archive). */
  readonly compression: Compression;
  /**
   * Why: `tar`, `not-tar` (decompressed content has no valid first tar header), `decompress-error`,
   * `no-xz`, or `budget`: the first header needs more than the `decompressedBytes` budget (a chain
   * of huge PAX records), so the simulator does not know (`archive` is then false and `budget` set).
   */
  readonly reason: "tar" | "not-tar" | "decompress-error" | "no-xz" | "budget";
  /** Set when the decompression budget ran out before the answer. */
  readonly budget?: BudgetHit;
}

const FIRST_TRY = 1 << 16;

/**
 * Decides whether ADD extracts a local file with this content. Only the bytes the first tar header
 * needs are decompressed: 64 KiB, then four times more while the header's meta data (a long name,
 * PAX records) runs past them, up to the `decompressedBytes` budget. So 1 GiB of gzipped zeros costs
 * 64 KiB of output (two zero blocks end the archive), not 1 GiB.
 */
export function detectArchive(content: Uint8Array, options: DetectOptions = {}): ArchiveDetection {
  const compression = detectCompression(content);
  if (compression === "xz" && options.xzAvailable === false) return { archive: false, compression, reason: "no-xz" };
  const budget = options.decompressedBytes ?? DEFAULT_BUDGETS.decompressedBytes;
  for (let limit = Math.min(FIRST_TRY, budget); ; limit = Math.min(limit * 4, budget)) {
    const d = decompress(content, compression, limit);
    const ok = d.truncated ? firstHeaderOfPrefix(d.data) : firstHeaderOk(d.data);
    if (ok === true) return { archive: true, compression, reason: "tar" };
    if (ok === "more" && d.truncated) {
      if (limit >= budget) return { archive: false, compression, reason: "budget", budget: { budget: "decompressedBytes", limit: budget } };
      continue;
    }
    if (d.error !== undefined && d.data.length === 0) return { archive: false, compression, reason: "decompress-error" };
    return { archive: false, compression, reason: "not-tar" };
  }
}


/** What ADD extracts from an archive. */
export interface ArchiveListing {
  /** The compression found by magic number. */
  readonly compression: Compression;
  /** The entries, in archive order, with the archive's own modes and owners. */
  readonly entries: readonly TarEntry[];
  /**
   * Set when decompression or tar reading failed part-way: Docker extracts the entries before the
   * failure and then fails the build with this error.
   */
  readonly error?: string;
  /**
   * Set when the archive decompresses to more than the `decompressedBytes` budget: `entries` are
   * those that fit, and what follows is unknown (a real build goes on extracting).
   */
  readonly budget?: BudgetHit;
}

/**
 * Reads the archives ADD extracts: whether some content is one (decided by content, as Docker
 * does) and its entries. The build contexts this package makes (`memoryContext`, the CLI's
 * disk context) come with one ({@link ARCHIVE_READER}); a bundle that never makes a context leaves
 * the archive code out.
 */
export interface ArchiveReader {
  detect(content: Uint8Array, options?: DetectOptions): ArchiveDetection;
  read(content: Uint8Array, decompressedBytes?: number): ArchiveListing;
}

/**
 * The archive reader the package's build contexts carry ({@link detectArchive} and {@link readArchive}).
 *
 * @example
 * ```ts
 * simulate(text, { archives: ARCHIVE_READER }); // for a custom BuildContext that has none
 * ```
 */
export const ARCHIVE_READER: ArchiveReader = { detect: (content, options) => detectArchive(content, options), read: (content, decompressedBytes) => readArchive(content, decompressedBytes) };

/**
 * Decompresses and lists an archive (call after {@link detectArchive} said it is one), decompressing
 * at most `decompressedBytes` (default 64 MiB: a gzip bomb stops there, with `budget` set).
 */
export function readArchive(content: Uint8Array, decompressedBytes: number = DEFAULT_BUDGETS.decompressedBytes): ArchiveListing {
  const compression = detectCompression(content);
  const d = decompress(content, compression, decompressedBytes);
  const listing = listTar(d.data);
  if (d.truncated) {
    // The entry the budget cuts is not listed (reading it fails), only those wholly inside.
    return { compression, entries: listing.entries, budget: { budget: "decompressedBytes", limit: decompressedBytes } };
  }
  const error = listing.error ?? d.error;
  return error === undefined ? { compression, entries: listing.entries } : { compression, entries: listing.entries, error };
}
