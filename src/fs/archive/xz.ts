/**
 * An xz (LZMA2) decompressor, written from the xz file-format and LZMA specifications, in the role of
 * the `xz -d -c -q` process Docker runs for ADD (`go-archive/compression.xzDecompress`). No
 * maintained browser-safe synchronous npm decoder exists (`xz-decompress` is asynchronous WebAssembly,
 * `xz-compat` needs Node's buffer class, `lzma-native` is native). Only the LZMA2 filter is supported;
 * streams using BCJ or delta filters are reported as unsupported. Integrity checks are not verified.
 *
 * @module
 */
import { ByteSink, CorruptInput, SinkFull, crc32 } from "./bytes.js";

const XZ_MAGIC = [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00];

class RangeDecoder {
  private range = 0xffffffff;
  private code = 0;
  private pos: number;
  constructor(
    private readonly data: Uint8Array,
    start: number,
    private readonly end: number,
  ) {
    this.pos = start;
    if (this.byte() !== 0) throw new CorruptInput("range decoder: first byte not 0");
    for (let i = 0; i < 4; i++) this.code = ((this.code << 8) | this.byte()) >>> 0;
  }
  private byte(): number {
    if (this.pos >= this.end) throw new CorruptInput("range decoder: truncated");
    return this.data[this.pos++]!;
  }
  private normalize(): void {
    if (this.range < 0x1000000) {
      this.range = (this.range << 8) >>> 0;
      this.code = ((this.code << 8) | this.byte()) >>> 0;
    }
  }
  bit(probs: Uint16Array, i: number): number {
    const p = probs[i]!;
    const bound = (this.range >>> 11) * p;
    let b: number;
    if (this.code < bound) {
      this.range = bound;
      probs[i] = p + ((2048 - p) >>> 5);
      b = 0;
    } else {
      this.range -= bound;
      this.code -= bound;
      probs[i] = p - (p >>> 5);
      b = 1;
    }
    this.normalize();
    return b;
  }
  direct(count: number): number {
    let res = 0;
    for (let i = 0; i < count; i++) {
      this.range >>>= 1;
      let b = 0;
      if (this.code >= this.range) {
        this.code -= this.range;
        b = 1;
      }
      res = ((res << 1) | b) >>> 0;
      this.normalize();
    }
    return res;
  }
  tree(probs: Uint16Array, base: number, bits: number): number {
    let m = 1;
    for (let i = 0; i < bits; i++) m = (m << 1) | this.bit(probs, base + m);
    return m - (1 << bits);
  }
  reverseTree(probs: Uint16Array, base: number, bits: number): number {
    let m = 1;
    let res = 0;
    for (let i = 0; i < bits; i++) {
      const b = this.bit(probs, base + m);
      m = (m << 1) | b;
      res |= b << i;
    }
    return res;
  }
}

const newProbs = (n: number): Uint16Array => new Uint16Array(n).fill(1024);

class LenDecoder {
  choice = newProbs(2);
  low = newProbs(16 * 8);
  mid = newProbs(16 * 8);
  high = newProbs(256);
  decode(rc: RangeDecoder, posState: number): number {
    if (rc.bit(this.choice, 0) === 0) return rc.tree(this.low, posState * 8 - 1, 3);
    if (rc.bit(this.choice, 1) === 0) return 8 + rc.tree(this.mid, posState * 8 - 1, 3);
    return 16 + rc.tree(this.high, -1, 8);
  }
}

/** LZMA decoder state that persists across LZMA2 chunks. */
class LzmaState {
  lc = 0;
  lp = 0;
  pb = 0;
  state = 0;
  reps = [0, 0, 0, 0];
  literal = newProbs(0x300);
  isMatch = newProbs(12 * 16);
  isRep = newProbs(12);
  isRepG0 = newProbs(12);
  isRepG1 = newProbs(12);
  isRepG2 = newProbs(12);
  isRep0Long = newProbs(12 * 16);
  posSlot = newProbs(4 * 64);
  posSpecial = newProbs(115);
  align = newProbs(16);
  len = new LenDecoder();
  repLen = new LenDecoder();

  setProps(byte: number): void {
    if (byte >= 9 * 5 * 5) throw new CorruptInput("bad LZMA properties");
    this.lc = byte % 9;
    byte = Math.floor(byte / 9);
    this.lp = byte % 5;
    this.pb = Math.floor(byte / 5);
    if (this.lc + this.lp > 4) throw new CorruptInput("lc + lp > 4");
  }

  reset(): void {
    this.state = 0;
    this.reps = [0, 0, 0, 0];
    this.literal = newProbs(0x300 << (this.lc + this.lp));
    for (const p of [this.isMatch, this.isRep, this.isRepG0, this.isRepG1, this.isRepG2, this.isRep0Long, this.posSlot, this.posSpecial, this.align]) p.fill(1024);
    this.len = new LenDecoder();
    this.repLen = new LenDecoder();
  }

  /** Decodes `size` bytes of one chunk into `out`; `dictStart` is where the dictionary was last reset. */
  decode(rc: RangeDecoder, out: ByteSink, size: number, dictStart: number): void {
    const target = out.length + size;
    const pbMask = (1 << this.pb) - 1;
    const lpMask = (1 << this.lp) - 1;
    while (out.length < target) {
      const pos = out.length;
      const posState = pos & pbMask;
      const s = this.state;
      if (rc.bit(this.isMatch, (s << 4) + posState) === 0) {
        const prev = pos > dictStart ? out.back(1) : 0;
        const base = 0x300 * (((pos & lpMask) << this.lc) + (prev >>> (8 - this.lc)));
        let sym = 1;
        if (s >= 7) {
          let match = out.back(this.reps[0]! + 1);
          do {
            const matchBit = (match >>> 7) & 1;
            match <<= 1;
            const b = rc.bit(this.literal, base + ((1 + matchBit) << 8) + sym);
            sym = (sym << 1) | b;
            if (matchBit !== b) break;
          } while (sym < 0x100);
        }
        while (sym < 0x100) sym = (sym << 1) | rc.bit(this.literal, base + sym);
        out.push(sym & 0xff);
        this.state = s < 4 ? 0 : s < 10 ? s - 3 : s - 6;
        continue;
      }
      let len: number;
      if (rc.bit(this.isRep, s) === 0) {
        len = this.len.decode(rc, posState);
        this.state = s < 7 ? 7 : 10;
        const dist = this.distance(rc, len);
        if (dist === 0xffffffff) {
          if (out.length === target) return;
          throw new CorruptInput("unexpected end marker");
        }
        this.reps = [dist, this.reps[0]!, this.reps[1]!, this.reps[2]!];
      } else {
        if (rc.bit(this.isRepG0, s) === 0) {
          if (rc.bit(this.isRep0Long, (s << 4) + posState) === 0) {
            this.state = s < 7 ? 9 : 11;
            if (this.reps[0]! + 1 > pos - dictStart) throw new CorruptInput("distance beyond dictionary");
            out.push(out.back(this.reps[0]! + 1));
            continue;
          }
        } else {
          let dist: number;
          if (rc.bit(this.isRepG1, s) === 0) {
            dist = this.reps[1]!;
          } else {
            if (rc.bit(this.isRepG2, s) === 0) {
              dist = this.reps[2]!;
            } else {
              dist = this.reps[3]!;
              this.reps[3] = this.reps[2]!;
            }
            this.reps[2] = this.reps[1]!;
          }
          this.reps[1] = this.reps[0]!;
          this.reps[0] = dist;
        }
        len = this.repLen.decode(rc, posState);
        this.state = s < 7 ? 8 : 11;
      }
      const distance = this.reps[0]! + 1;
      if (distance > out.length - dictStart) throw new CorruptInput("distance beyond dictionary");
      let n = len + 2;
      if (out.length + n > target) throw new CorruptInput("match past chunk end");
      while (n-- > 0) out.push(out.back(distance));
    }
  }

  private distance(rc: RangeDecoder, len: number): number {
    const lenState = Math.min(len, 3);
    const slot = rc.tree(this.posSlot, lenState * 64 - 1, 6);
    if (slot < 4) return slot;
    const direct = (slot >>> 1) - 1;
    let dist = ((2 | (slot & 1)) << direct) >>> 0;
    if (slot < 14) {
      dist += rc.reverseTree(this.posSpecial, dist - slot - 1, direct);
    } else {
      dist = (dist + rc.direct(direct - 4) * 16) >>> 0;
      dist = (dist + rc.reverseTree(this.align, -1, 4)) >>> 0;
    }
    return dist >>> 0;
  }
}

function readVarint(data: Uint8Array, pos: { p: number }, end: number): number {
  let v = 0;
  for (let i = 0; i < 9; i++) {
    if (pos.p >= end) throw new CorruptInput("truncated header");
    const b = data[pos.p++]!;
    v += (b & 0x7f) * 2 ** (7 * i);
    if ((b & 0x80) === 0) return v;
  }
  throw new CorruptInput("bad integer");
}

const CHECK_SIZES = [0, 4, 4, 4, 8, 8, 8, 16, 16, 16, 32, 32, 32, 64, 64, 64];

function decodeLzma2(data: Uint8Array, start: number, out: ByteSink, dictSize: number): number {
  void dictSize;
  const lz = new LzmaState();
  let p = start;
  let dictStart = out.length;
  let needDictReset = true;
  let needProps = true;
  for (;;) {
    if (p >= data.length) throw new CorruptInput("truncated LZMA2 data");
    const control = data[p++]!;
    if (control === 0) return p;
    if (control === 1 || control === 2) {
      if (control === 1) {
        dictStart = out.length;
        needDictReset = false;
      } else if (needDictReset) throw new CorruptInput("missing dictionary reset");
      if (p + 2 > data.length) throw new CorruptInput("truncated LZMA2 data");
      const size = ((data[p]! << 8) | data[p + 1]!) + 1;
      p += 2;
      if (p + size > data.length) throw new CorruptInput("truncated LZMA2 data");
      out.append(data.subarray(p, p + size));
      p += size;
      continue;
    }
    if (control < 0x80) throw new CorruptInput("bad LZMA2 control byte");
    if (p + 4 > data.length) throw new CorruptInput("truncated LZMA2 data");
    const unpacked = (control & 0x1f) * 65536 + ((data[p]! << 8) | data[p + 1]!) + 1;
    const packed = ((data[p + 2]! << 8) | data[p + 3]!) + 1;
    p += 4;
    const reset = (control >>> 5) & 3;
    if (reset === 3) {
      dictStart = out.length;
      needDictReset = false;
    } else if (needDictReset) throw new CorruptInput("missing dictionary reset");
    if (reset >= 2) {
      if (p >= data.length) throw new CorruptInput("truncated LZMA2 data");
      lz.setProps(data[p++]!);
      needProps = false;
    } else if (needProps) throw new CorruptInput("missing LZMA properties");
    if (reset >= 1) lz.reset();
    if (p + packed > data.length) throw new CorruptInput("truncated LZMA2 data");
    const rc = new RangeDecoder(data, p, p + packed);
    lz.decode(rc, out, unpacked, dictStart);
    p += packed;
  }
}

/** Whether bytes start with the xz magic number. */
export function isXz(data: Uint8Array): boolean {
  return XZ_MAGIC.every((b, i) => data[i] === b);
}

/**
 * Decompresses an xz file (one or more concatenated streams, LZMA2 filter only). Returns what was
 * produced and the error that stopped decoding, if any; `limit` stops early (no error).
 */
export function unxz(data: Uint8Array, limit = Number.POSITIVE_INFINITY): { data: Uint8Array; error?: string } {
  const out = new ByteSink(limit);
  try {
    let p = 0;
    while (p < data.length) {
      if (!isXz(data.subarray(p))) {
        if (p > 0 && data.subarray(p).every((b) => b === 0)) break; // stream padding
        throw new CorruptInput("file format not recognized");
      }
      if (p + 12 > data.length) throw new CorruptInput("truncated stream header");
      const flags = data[p + 7]!;
      if (data[p + 6] !== 0 || flags > 0x0f) throw new CorruptInput("unsupported stream flags");
      if (crc32(data, p + 6, p + 8) !== ((data[p + 8]! | (data[p + 9]! << 8) | (data[p + 10]! << 16) | (data[p + 11]! << 24)) >>> 0)) {
        throw new CorruptInput("stream header CRC mismatch");
      }
      const checkSize = CHECK_SIZES[flags]!;
      p += 12;
      // Blocks until the index (a block-header-size byte of 0).
      for (;;) {
        if (p >= data.length) throw new CorruptInput("truncated stream");
        if (data[p] === 0) break;
        const headerSize = (data[p]! + 1) * 4;
        const hEnd = p + headerSize;
        if (hEnd > data.length) throw new CorruptInput("truncated block header");
        const bflags = data[p + 1]!;
        const pos = { p: p + 2 };
        if (bflags & 0x40) readVarint(data, pos, hEnd - 4);
        if (bflags & 0x80) readVarint(data, pos, hEnd - 4);
        const nFilters = (bflags & 3) + 1;
        let dictSize = 0;
        for (let f = 0; f < nFilters; f++) {
          const id = readVarint(data, pos, hEnd - 4);
          const propSize = readVarint(data, pos, hEnd - 4);
          if (id !== 0x21 || f !== nFilters - 1) throw new CorruptInput(`unsupported filter 0x${id.toString(16)}`);
          if (propSize !== 1) throw new CorruptInput("bad LZMA2 properties");
          dictSize = data[pos.p++]!;
        }
        const blockStart = out.length;
        const dataStart = hEnd;
        const dataEnd = decodeLzma2(data, dataStart, out, dictSize);
        void blockStart;
        p = dataEnd;
        while ((p - dataStart) % 4 !== 0) p++;
        p += checkSize;
      }
      // Index: skip to the stream footer ("YZ" magic at its end).
      let q = p;
      while (q + 1 < data.length && !(data[q] === 0x59 && data[q + 1] === 0x5a && (q + 2 - p) % 4 === 0)) q++;
      if (q + 1 >= data.length) throw new CorruptInput("truncated index");
      p = q + 2;
      while (p < data.length && data[p] === 0 && !isXz(data.subarray(p))) p++;
    }
  } catch (e) {
    if (e instanceof SinkFull) return { data: out.bytes() };
    if (e instanceof CorruptInput) return { data: out.bytes(), error: `xz: ${e.message}` };
    throw e;
  }
  return { data: out.bytes() };
}
