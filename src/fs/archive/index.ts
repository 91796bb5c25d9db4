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
import { firstHeaderOk, listTar, type TarEntry } from "./tar.js";

export { detectCompression, decompress, type Compression, type Decompressed } from "./compression.js";
export { firstHeaderOk, listTar, type TarEntry, type TarEntryType, type TarListing } from "./tar.js";

/** Options of {@link detectArchive}. */
export interface DetectOptions {
  /**
   * Whether the daemon host has the `xz` program: Docker decompresses xz by running `xz -d -c -q`,
   * and without it an xz-compressed tarball is not an archive (it is copied as is). Default true.
   */
  readonly xzAvailable?: boolean;
}

/** Docker's verdict on a file's content. */
export interface ArchiveDetection {
  /** Whether ADD extracts the file (true) or copies it as is (false). */
  readonly archive: boolean;
  /** The compression found by magic number (also when the content is not a tar archive). */
  readonly compression: Compression;
  /** Why: `tar`, `not-tar` (decompressed content has no valid first tar header), `decompress-error`, `no-xz`. */
  readonly reason: "tar" | "not-tar" | "decompress-error" | "no-xz";
}

const FIRST_TRY = 1 << 16;

/**
 * Decides whether ADD extracts a local file with this content. Only the start of the content is
 * decompressed unless the first tar header's meta data needs more.
 */
export function detectArchive(content: Uint8Array, options: DetectOptions = {}): ArchiveDetection {
  const compression = detectCompression(content);
  if (compression === "xz" && options.xzAvailable === false) return { archive: false, compression, reason: "no-xz" };
  let d = decompress(content, compression, FIRST_TRY);
  let ok = firstHeaderOk(d.data);
  if (!ok && d.truncated) {
    d = decompress(content, compression);
    ok = firstHeaderOk(d.data);
  }
  if (ok) return { archive: true, compression, reason: "tar" };
  if (d.error !== undefined && d.data.length === 0) return { archive: false, compression, reason: "decompress-error" };
  return { archive: false, compression, reason: "not-tar" };
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
}

/** Decompresses and lists an archive (call after {@link detectArchive} said it is one). */
export function readArchive(content: Uint8Array): ArchiveListing {
  const compression = detectCompression(content);
  const d = decompress(content, compression);
  const listing = listTar(d.data);
  const error = listing.error ?? d.error;
  return error === undefined ? { compression, entries: listing.entries } : { compression, entries: listing.entries, error };
}
