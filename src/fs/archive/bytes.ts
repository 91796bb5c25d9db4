/**
 * A growable byte buffer used by the decoders. Browser-safe.
 *
 * @module
 */

/** An append-only byte buffer. */
export class ByteSink {
  private buf: Uint8Array;
  /** Number of bytes written. */
  length = 0;
  /** Stop (throw {@link SinkFull}) once this many bytes are written. */
  readonly limit: number;

  /** @param limit the most bytes accepted (default: unlimited) */
  constructor(limit = Number.POSITIVE_INFINITY, initial = 1 << 16) {
    this.limit = limit;
    this.buf = new Uint8Array(Math.min(initial, Number.isFinite(limit) ? Math.max(limit, 16) : initial));
  }

  private grow(min: number): void {
    if (min > this.limit) throw new SinkFull();
    let size = this.buf.length * 2;
    while (size < min) size *= 2;
    if (size > this.limit) size = Math.max(min, this.limit);
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  /** Appends one byte. */
  push(b: number): void {
    if (this.length >= this.buf.length) this.grow(this.length + 1);
    this.buf[this.length++] = b;
  }

  /** Appends bytes. */
  append(bytes: Uint8Array): void {
    if (this.length + bytes.length > this.buf.length) this.grow(this.length + bytes.length);
    this.buf.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** The byte `distance` positions back from the end (1 = the last byte), or 0 before the start. */
  back(distance: number): number {
    const i = this.length - distance;
    return i >= 0 ? this.buf[i]! : 0;
  }

  /** The bytes written so far (a view, not a copy). */
  bytes(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

/** Thrown by a {@link ByteSink} when its limit is reached: decoding stops with what was produced. */
export class SinkFull extends Error {
  constructor() {
    super("output limit reached");
  }
}

/** Thrown by the decoders on malformed input. */
export class CorruptInput extends Error {}

const CRC32_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** IEEE CRC-32 (as used by xz headers). */
export function crc32(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC32_TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
