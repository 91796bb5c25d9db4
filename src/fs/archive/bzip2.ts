/**
 * A bzip2 decompressor, written from the format description (Burrows–Wheeler, MTF, Huffman, RLE), in
 * the role of Go's `compress/bzip2` that Docker uses for ADD. No maintained browser-safe npm decoder
 * exists (`seek-bzip` needs Node's buffer class, `unbzip2-stream` Node streams, `bzip2` is an
 * unmaintained 2011 script). Like Go it reads concatenated streams and rejects randomized blocks.
 *
 * @module
 */
import { ByteSink, CorruptInput, SinkFull } from "./bytes.js";

class BitReader {
  private pos = 0;
  private bitBuf = 0;
  private bitCount = 0;
  constructor(private readonly data: Uint8Array) {}
  bits(n: number): number {
    let out = 0;
    while (n > 0) {
      if (this.bitCount === 0) {
        if (this.pos >= this.data.length) throw new CorruptInput("unexpected EOF");
        this.bitBuf = this.data[this.pos++]!;
        this.bitCount = 8;
      }
      const take = Math.min(n, this.bitCount);
      const shift = this.bitCount - take;
      out = out * (1 << take) + ((this.bitBuf >>> shift) & ((1 << take) - 1));
      this.bitCount -= take;
      n -= take;
    }
    return out;
  }
  bit(): number {
    return this.bits(1);
  }
  atEnd(): boolean {
    return this.pos >= this.data.length;
  }
  alignToByte(): void {
    this.bitCount = 0;
  }
}

interface Huffman {
  readonly limit: Int32Array; // per length: max code (exclusive) at that length
  readonly base: Int32Array; // per length: first code
  readonly offset: Int32Array; // per length: index into perm
  readonly perm: Int32Array; // symbols sorted by (length, symbol)
  readonly maxLen: number;
}

function buildHuffman(lengths: number[]): Huffman {
  const maxLen = Math.max(...lengths);
  const count = new Int32Array(maxLen + 2);
  for (const l of lengths) count[l]!++;
  const perm = new Int32Array(lengths.length);
  const offset = new Int32Array(maxLen + 2);
  for (let l = 1, o = 0; l <= maxLen; l++) {
    offset[l] = o;
    o += count[l]!;
  }
  const fill = offset.slice();
  lengths.forEach((l, sym) => (perm[fill[l]!++] = sym));
  const base = new Int32Array(maxLen + 2);
  const limit = new Int32Array(maxLen + 2);
  let code = 0;
  for (let l = 1; l <= maxLen; l++) {
    base[l] = code;
    code += count[l]!;
    limit[l] = code;
    code <<= 1;
  }
  return { limit, base, offset, perm, maxLen };
}

function decodeSymbol(h: Huffman, r: BitReader): number {
  let code = 0;
  for (let l = 1; l <= h.maxLen; l++) {
    code = (code << 1) | r.bit();
    if (code < h.limit[l]! && code >= h.base[l]!) return h.perm[h.offset[l]! + code - h.base[l]!]!;
  }
  throw new CorruptInput("bad Huffman code");
}

const BLOCK_MAGIC = 0x314159265359;
const END_MAGIC = 0x177245385090;

function decodeBlock(r: BitReader, blockSize: number, out: ByteSink): void {
  r.bits(32); // block CRC (not checked: Go only checks it after the block's output was read)
  if (r.bit() !== 0) throw new CorruptInput("deprecated randomized files");
  const origPtr = r.bits(24);
  const used = r.bits(16);
  const seqToUnseq: number[] = [];
  for (let i = 0; i < 16; i++) {
    if (used & (0x8000 >> i)) {
      const bits = r.bits(16);
      for (let j = 0; j < 16; j++) if (bits & (0x8000 >> j)) seqToUnseq.push(i * 16 + j);
    }
  }
  if (seqToUnseq.length === 0) throw new CorruptInput("no symbols in use");
  const alphaSize = seqToUnseq.length + 2;
  const nGroups = r.bits(3);
  if (nGroups < 2 || nGroups > 6) throw new CorruptInput("bad number of Huffman trees");
  const nSelectors = r.bits(15);
  if (nSelectors === 0) throw new CorruptInput("no tree selectors");
  const mtfGroups = Array.from({ length: nGroups }, (_, i) => i);
  const selectors = new Uint8Array(nSelectors);
  for (let i = 0; i < nSelectors; i++) {
    let j = 0;
    while (r.bit()) {
      j++;
      if (j >= nGroups) throw new CorruptInput("tree index too large");
    }
    const v = mtfGroups[j]!;
    mtfGroups.splice(j, 1);
    mtfGroups.unshift(v);
    selectors[i] = v;
  }
  const trees: Huffman[] = [];
  for (let g = 0; g < nGroups; g++) {
    const lengths: number[] = [];
    let len = r.bits(5);
    for (let s = 0; s < alphaSize; s++) {
      for (;;) {
        if (len < 1 || len > 20) throw new CorruptInput("Huffman length out of range");
        if (!r.bit()) break;
        len += r.bit() ? -1 : 1;
      }
      lengths.push(len);
    }
    trees.push(buildHuffman(lengths));
  }
  const maxBlock = blockSize * 100000;
  const tt = new Uint32Array(maxBlock);
  const counts = new Int32Array(256);
  const mtf = seqToUnseq.map((_, i) => i);
  const eob = alphaSize - 1;
  let n = 0;
  let run = 0;
  let runBit = 1;
  let selIndex = 0;
  let left = 0;
  let tree = trees[0]!;
  const flushRun = (): void => {
    if (run === 0) return;
    const b = seqToUnseq[mtf[0]!]!;
    if (n + run > maxBlock) throw new CorruptInput("block too long");
    counts[b]! += run;
    for (let k = 0; k < run; k++) tt[n++] = b;
    run = 0;
    runBit = 1;
  };
  for (;;) {
    if (left === 0) {
      if (selIndex >= nSelectors) throw new CorruptInput("ran out of selectors");
      tree = trees[selectors[selIndex++]!]!;
      left = 50;
    }
    left--;
    const sym = decodeSymbol(tree, r);
    if (sym <= 1) {
      run += (sym + 1) * runBit;
      runBit *= 2;
      if (run > maxBlock) throw new CorruptInput("run too long");
      continue;
    }
    flushRun();
    if (sym === eob) break;
    const idx = sym - 1;
    const v = mtf[idx]!;
    mtf.splice(idx, 1);
    mtf.unshift(v);
    const b = seqToUnseq[v]!;
    if (n >= maxBlock) throw new CorruptInput("block too long");
    counts[b]!++;
    tt[n++] = b;
  }
  if (origPtr >= n) throw new CorruptInput("origPtr out of range");
  // Inverse BWT.
  const cftab = new Int32Array(256);
  for (let i = 0, sum = 0; i < 256; i++) {
    cftab[i] = sum;
    sum += counts[i]!;
  }
  for (let i = 0; i < n; i++) {
    const b = tt[i]! & 0xff;
    tt[cftab[b]!++]! |= i << 8;
  }
  let pos = tt[origPtr]! >>> 8;
  // Undo the initial run-length encoding (4 equal bytes + a repeat count).
  let last = -1;
  let same = 0;
  for (let i = 0; i < n; i++) {
    const v = tt[pos]!;
    const b = v & 0xff;
    pos = v >>> 8;
    if (same === 4) {
      for (let k = 0; k < b; k++) out.push(last);
      same = 0;
      last = -1;
      continue;
    }
    out.push(b);
    if (b === last) same++;
    else {
      last = b;
      same = 1;
    }
  }
}

/**
 * Decompresses bzip2 data (one or more concatenated streams). Returns what was produced and the
 * error that stopped decoding, if any; `limit` stops early (no error) once that many bytes exist.
 */
export function bunzip2(data: Uint8Array, limit = Number.POSITIVE_INFINITY): { data: Uint8Array; error?: string } {
  const out = new ByteSink(limit);
  const r = new BitReader(data);
  try {
    let first = true;
    while (first || !r.atEnd()) {
      first = false;
      if (r.bits(8) !== 0x42 || r.bits(8) !== 0x5a || r.bits(8) !== 0x68) throw new CorruptInput("bad magic value");
      const level = r.bits(8) - 0x30;
      if (level < 1 || level > 9) throw new CorruptInput("invalid compression level");
      for (;;) {
        const magic = r.bits(24) * 0x1000000 + r.bits(24);
        if (magic === END_MAGIC) {
          r.bits(32);
          r.alignToByte();
          break;
        }
        if (magic !== BLOCK_MAGIC) throw new CorruptInput("bad magic value in continuation file");
        decodeBlock(r, level, out);
      }
    }
  } catch (e) {
    if (e instanceof SinkFull) return { data: out.bytes() };
    if (e instanceof CorruptInput) return { data: out.bytes(), error: `bzip2 data invalid: ${e.message}` };
    throw e;
  }
  return { data: out.bytes() };
}
