/**
 * Compression detection and decompression as Docker 28.5 does it for ADD
 * (`vendor/github.com/moby/go-archive/compression/compression_detect.go` `Detect`, and
 * `compression.go` `DecompressStream`, moby v28.5.2). Browser-safe.
 *
 * Libraries: gzip via `fflate` (streaming `Gunzip`, multi-member like Go's `compress/gzip`), zstd via
 * `fzstd` (same author, pure JS); bzip2 and xz by this package's own decoders (no maintained
 * browser-safe synchronous decoder exists on npm).
 *
 * @module
 */
import { Gunzip } from "fflate";
import { Decompress as ZstdDecompress } from "fzstd";
import { bunzip2 } from "./bzip2.js";
import { unxz } from "./xz.js";

/** A compression format Docker recognises by its magic number. */
export type Compression = "none" | "gzip" | "bzip2" | "xz" | "zstd";

const startsWith = (data: Uint8Array, magic: readonly number[]): boolean => magic.every((b, i) => data[i] === b);

/**
 * Docker's `compression.Detect`: checks bzip2 (`BZh`), gzip (`1F 8B 08`), xz (`FD 37 7A 58 5A 00`),
 * zstd (`28 B5 2F FD`, or a skippable frame `0x184D2A5?` little-endian with at least 8 bytes), in
 * that order, on the first bytes of the content. Anything else is `none`.
 */
export function detectCompression(data: Uint8Array): Compression {
  const head = data.subarray(0, 10); // DecompressStream peeks 10 bytes
  if (startsWith(head, [0x42, 0x5a, 0x68])) return "bzip2";
  if (startsWith(head, [0x1f, 0x8b, 0x08])) return "gzip";
  if (startsWith(head, [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])) return "xz";
  if (startsWith(head, [0x28, 0xb5, 0x2f, 0xfd])) return "zstd";
  if (head.length >= 8) {
    const magic = (head[0]! | (head[1]! << 8) | (head[2]! << 16) | (head[3]! << 24)) >>> 0;
    if ((magic & 0xfffffff0) >>> 0 === 0x184d2a50) return "zstd";
  }
  return "none";
}

/** Decompressed bytes, with the error that stopped decompression early, if any. */
export interface Decompressed {
  /** The bytes produced (all of them, or those before the error, or the first `limit`). */
  readonly data: Uint8Array;
  /** Why decompression stopped before the end of the input, if it did. */
  readonly error?: string;
  /** Whether output stopped because `limit` was reached. */
  readonly truncated: boolean;
}

function concat(chunks: Uint8Array[], total: number): Uint8Array {
  const out = new Uint8Array(total);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

type StreamCtor = new (ondata: (chunk: Uint8Array, final?: boolean) => void) => { push(chunk: Uint8Array, final?: boolean): void };

function streamDecode(Ctor: StreamCtor, data: Uint8Array, limit: number, what: string): Decompressed {
  const chunks: Uint8Array[] = [];
  let total = 0;
  let ended = false;
  const s = new Ctor((chunk, final) => {
    chunks.push(chunk.slice());
    total += chunk.length;
    if (final) ended = true;
  });
  const step = 1 << 14;
  try {
    for (let i = 0; i < data.length && total < limit; i += step) {
      const end = Math.min(data.length, i + step);
      s.push(data.subarray(i, end), end === data.length);
    }
    if (data.length === 0) s.push(new Uint8Array(0), true);
  } catch (e) {
    const out = concat(chunks, total);
    return { data: out.subarray(0, Math.min(out.length, limit)), error: `${what}: ${(e as Error).message}`, truncated: false };
  }
  const out = concat(chunks, total);
  if (total >= limit) return { data: out.subarray(0, limit), truncated: true };
  if (!ended) return { data: out, error: "unexpected EOF", truncated: false };
  return { data: out, truncated: false };
}

/**
 * Decompresses content as `DecompressStream` would for the detected format (`none` returns the
 * input). Stops after `limit` output bytes (`truncated`), or at the first error with what was
 * produced before it.
 */
export function decompress(data: Uint8Array, compression: Compression, limit = Number.POSITIVE_INFINITY): Decompressed {
  switch (compression) {
    case "none":
      return { data: data.subarray(0, Math.min(data.length, limit)), truncated: data.length > limit };
    case "gzip":
      return streamDecode(Gunzip as unknown as StreamCtor, data, limit, "gzip");
    case "zstd":
      return streamDecode(ZstdDecompress as unknown as StreamCtor, data, limit, "zstd");
    case "bzip2": {
      const r = bunzip2(data, limit);
      return r.error === undefined ? { data: r.data, truncated: r.data.length >= limit } : { data: r.data, error: r.error, truncated: false };
    }
    case "xz": {
      const r = unxz(data, limit);
      return r.error === undefined ? { data: r.data, truncated: r.data.length >= limit } : { data: r.data, error: r.error, truncated: false };
    }
  }
}
