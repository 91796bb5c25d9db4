/**
 * Content hashes of virtual files: the SHA-256 `docker export` would let you compute, taken lazily
 * (a context may hold large files nobody asks about) and cached per content buffer. Uses
 * `@noble/hashes` (audited, dependency-free, browser-safe). Browser-safe.
 *
 * @module
 */
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import type { FileNode } from "./tree.js";

const cache = new WeakMap<Uint8Array, string>();

/** Hex SHA-256 of bytes (cached per buffer). */
export function sha256Hex(bytes: Uint8Array): string {
  let hex = cache.get(bytes);
  if (hex === undefined) {
    hex = bytesToHex(sha256(bytes));
    cache.set(bytes, hex);
  }
  return hex;
}

/** Hex SHA-256 of a UTF-8 string (not cached). */
export function sha256HexOfText(text: string): string {
  return bytesToHex(sha256(new TextEncoder().encode(text)));
}

/**
 * The SHA-256 of a file's content, or null when the simulator does not have the content.
 *
 * @example
 * ```ts
 * fileSha256({ type: "file", mode: 0o644, uid: 0, gid: 0, size: 0, content: new Uint8Array() });
 * // "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
 * ```
 */
export function fileSha256(file: FileNode): string | null {
  return file.content === null ? null : sha256Hex(file.content);
}
