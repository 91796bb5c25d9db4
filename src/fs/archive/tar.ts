/**
 * A tar reader with the acceptance rules of Go's `archive/tar` `Reader.Next` (the reader Docker's ADD
 * uses both to decide that a file is an archive and to extract it): header checksum (unsigned or
 * signed sum), format detection (V7, USTAR, PAX, GNU, STAR), octal and base-256 numbers, the USTAR
 * prefix, PAX (`x`, `g`) and GNU long-name/long-link (`L`, `K`) meta headers, `\0` type as file or
 * directory by a trailing `/`, and end of archive at a zero block. Browser-safe.
 *
 * @module
 */
import { goClean } from "../../docker/go-path.js";

/** A tar entry type, by its typeflag. */
export type TarEntryType = "file" | "hardlink" | "symlink" | "char" | "block" | "dir" | "fifo" | "pax-global" | "other";

/** One entry of a tar archive. */
export interface TarEntry {
  /** The name as stored (after PAX/GNU long names and the USTAR prefix). */
  readonly name: string;
  /** The name cleaned (`filepath.Clean`), without a leading `/` or `./`; `""` for the root. */
  readonly path: string;
  /** The entry type. */
  readonly type: TarEntryType;
  /** The raw typeflag character. */
  readonly typeflag: string;
  /** Permission bits (mode & 07777). */
  readonly mode: number;
  /** Owner user id. */
  readonly uid: number;
  /** Owner group id. */
  readonly gid: number;
  /** Owner user name, if stored. */
  readonly uname: string;
  /** Owner group name, if stored. */
  readonly gname: string;
  /** Content size in bytes (0 for non-files). */
  readonly size: number;
  /** Modification time (seconds since the epoch). */
  readonly mtime: number;
  /** Link target of a symlink or hard link. */
  readonly linkname: string;
  /** The content of a regular file (empty for other types). */
  readonly content: Uint8Array;
}

/** Result of reading a tar archive. */
export interface TarListing {
  /** The entries read before the end of the archive or the error. */
  readonly entries: readonly TarEntry[];
  /**
   * Set when reading stopped on an error (Go's `tar: invalid tar header`, `unexpected EOF`, …). Docker's
   * extraction then fails the build after writing the entries before it.
   */
  readonly error?: string;
}

const ErrHeader = "archive/tar: invalid tar header";
const ErrUnexpectedEOF = "unexpected EOF";

class TarError extends Error {}

const decoder = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });

function str(b: Uint8Array): string {
  const nul = b.indexOf(0);
  return decoder.decode(nul >= 0 ? b.subarray(0, nul) : b);
}

function parseOctal(b: Uint8Array): number {
  let start = 0;
  let end = b.length;
  const trim = (c: number): boolean => c === 0x20 || c === 0;
  while (start < end && trim(b[start]!)) start++;
  while (end > start && trim(b[end - 1]!)) end--;
  if (start === end) return 0;
  let v = 0;
  for (let i = start; i < end; i++) {
    const c = b[i]!;
    if (c < 0x30 || c > 0x37) throw new TarError(ErrHeader);
    v = v * 8 + (c - 0x30);
  }
  return v;
}

function parseNumeric(b: Uint8Array): number {
  if (b.length > 0 && (b[0]! & 0x80) !== 0) {
    // base-256 (two's complement, the first byte's high bit is the marker)
    const negative = (b[0]! & 0x40) !== 0;
    let v = 0;
    for (let i = 0; i < b.length; i++) {
      let c = i === 0 ? b[0]! & 0x7f : b[i]!;
      if (negative) c ^= i === 0 ? 0x7f : 0xff;
      v = v * 256 + c;
    }
    return negative ? -(v + 1) : v;
  }
  return parseOctal(b);
}

type Format = "v7" | "ustar" | "gnu" | "star" | "unknown";

function blockFormat(blk: Uint8Array): Format {
  let stored: number;
  try {
    stored = parseOctal(blk.subarray(148, 156));
  } catch {
    return "unknown";
  }
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < 512; i++) {
    const c = i >= 148 && i < 156 ? 0x20 : blk[i]!;
    unsigned += c;
    signed += c >= 0x80 ? c - 256 : c;
  }
  if (stored !== unsigned && stored !== signed) return "unknown";
  const magic = String.fromCharCode(...blk.subarray(257, 263));
  const version = String.fromCharCode(...blk.subarray(263, 265));
  const trailer = String.fromCharCode(...blk.subarray(508, 512));
  if (magic === "ustar\0" && trailer === "tar\0") return "star";
  if (magic === "ustar\0") return "ustar";
  if (magic === "ustar " && version === " \0") return "gnu";
  return "v7";
}

const TYPES: Record<string, TarEntryType> = {
  "0": "file",
  "\0": "file",
  "7": "file",
  "1": "hardlink",
  "2": "symlink",
  "3": "char",
  "4": "block",
  "5": "dir",
  "6": "fifo",
  g: "pax-global",
};

const HEADER_ONLY = new Set(["1", "2", "3", "4", "5", "6"]);

interface RawHeader {
  name: string;
  mode: number;
  uid: number;
  gid: number;
  size: number;
  mtime: number;
  typeflag: string;
  linkname: string;
  uname: string;
  gname: string;
}

function parsePax(data: Uint8Array): Map<string, string> {
  const text = decoder.decode(data);
  const out = new Map<string, string>();
  let s = text;
  while (s.length > 0) {
    const sp = s.indexOf(" ");
    if (sp <= 0) throw new TarError(ErrHeader);
    const n = Number(s.slice(0, sp));
    if (!Number.isInteger(n) || n <= sp || n > s.length || !/^[0-9]+$/.test(s.slice(0, sp))) throw new TarError(ErrHeader);
    const rec = s.slice(sp + 1, n);
    if (!rec.endsWith("\n")) throw new TarError(ErrHeader);
    const eq = rec.indexOf("=");
    if (eq <= 0) throw new TarError(ErrHeader);
    out.set(rec.slice(0, eq), rec.slice(eq + 1, -1));
    s = s.slice(n);
  }
  return out;
}

/** Iterates a tar stream the way Go's `tar.Reader.Next` does. */
/** Thrown by a reader of a prefix of the stream when it needs bytes past the prefix. */
class NeedMore {}

class Reader {
  private pos = 0;
  /** `prefix`: `data` is only the start of the stream, so running out of it means "read more", not the end. */
  constructor(private readonly data: Uint8Array, private readonly prefix = false) {}

  private block(): Uint8Array | "eof" {
    if (this.prefix && this.pos + 512 > this.data.length) throw new NeedMore();
    if (this.pos >= this.data.length) return "eof";
    if (this.pos + 512 > this.data.length) throw new TarError(ErrUnexpectedEOF);
    const b = this.data.subarray(this.pos, this.pos + 512);
    this.pos += 512;
    return b;
  }

  private readData(size: number): Uint8Array {
    if (this.prefix && this.pos + size > this.data.length) throw new NeedMore();
    if (this.pos + size > this.data.length) throw new TarError(ErrUnexpectedEOF);
    const d = this.data.subarray(this.pos, this.pos + size);
    const padded = Math.ceil(size / 512) * 512;
    this.pos = Math.min(this.data.length, this.pos + padded);
    return d;
  }

  private readHeader(): RawHeader | "eof" {
    const blk = this.block();
    if (blk === "eof") return "eof";
    if (blk.every((c) => c === 0)) {
      const next = this.block();
      if (next === "eof" || next.every((c) => c === 0)) return "eof";
      throw new TarError(ErrHeader);
    }
    const format = blockFormat(blk);
    if (format === "unknown") throw new TarError(ErrHeader);
    let name = str(blk.subarray(0, 100));
    const h: RawHeader = {
      name,
      mode: parseNumeric(blk.subarray(100, 108)),
      uid: parseNumeric(blk.subarray(108, 116)),
      gid: parseNumeric(blk.subarray(116, 124)),
      size: parseNumeric(blk.subarray(124, 136)),
      mtime: parseNumeric(blk.subarray(136, 148)),
      typeflag: String.fromCharCode(blk[156]!),
      linkname: str(blk.subarray(157, 257)),
      uname: format === "v7" ? "" : str(blk.subarray(265, 297)),
      gname: format === "v7" ? "" : str(blk.subarray(297, 329)),
    };
    if (format === "ustar" || format === "star") {
      const prefix = str(blk.subarray(345, format === "star" ? 476 : 500));
      if (prefix !== "") name = prefix + "/" + name;
      h.name = name;
    }
    if (h.size < 0) throw new TarError(ErrHeader);
    return h;
  }

  next(headerOnly = false): TarEntry | "eof" {
    let pax = new Map<string, string>();
    let longName: string | undefined;
    let longLink: string | undefined;
    for (;;) {
      const h = this.readHeader();
      if (h === "eof") return "eof";
      if (h.typeflag === "x" || h.typeflag === "g") {
        pax = parsePax(this.readData(h.size));
        if (h.typeflag === "g") return this.entry(h, "pax-global", new Uint8Array(0));
        continue;
      }
      if (h.typeflag === "L" || h.typeflag === "K") {
        const v = str(this.readData(h.size));
        if (h.typeflag === "L") longName = v;
        else longLink = v;
        continue;
      }
      for (const [k, v] of pax) {
        const num = (): number => {
          if (!/^-?[0-9]+$/.test(v)) throw new TarError(ErrHeader);
          return Number(v);
        };
        if (k === "path") h.name = v;
        else if (k === "linkpath") h.linkname = v;
        else if (k === "uname") h.uname = v;
        else if (k === "gname") h.gname = v;
        else if (k === "uid") h.uid = num();
        else if (k === "gid") h.gid = num();
        else if (k === "size") {
          h.size = num();
          if (h.size < 0) throw new TarError(ErrHeader);
        } else if (k.startsWith("GNU.sparse.")) throw new TarError("sparse files are not supported");
      }
      if (longName !== undefined) h.name = longName;
      if (longLink !== undefined) h.linkname = longLink;
      let type = TYPES[h.typeflag] ?? "other";
      if (h.typeflag === "\0" && h.name.endsWith("/")) type = "dir";
      if (h.typeflag === "S") throw new TarError("sparse files are not supported");
      const size = HEADER_ONLY.has(h.typeflag) ? 0 : h.size;
      const content = headerOnly ? new Uint8Array(0) : this.readData(size);
      return this.entry(h, type, type === "file" ? content : new Uint8Array(0));
    }
  }

  private entry(h: RawHeader, type: TarEntryType, content: Uint8Array): TarEntry {
    let path = goClean(h.name);
    path = path === "." || path === "/" ? "" : path.replace(/^\/+/, "");
    return {
      name: h.name,
      path,
      type,
      typeflag: h.typeflag,
      mode: h.mode & 0o7777,
      uid: h.uid,
      gid: h.gid,
      uname: h.uname,
      gname: h.gname,
      size: type === "file" ? content.length : 0,
      mtime: h.mtime,
      linkname: h.linkname,
      content,
    };
  }
}

/**
 * Whether Go's `tar.NewReader(r).Next()` returns a header without error: Docker's test for "is a
 * tar archive". An empty archive (only zero blocks), a truncated first header or a bad checksum is
 * not an archive; a valid header followed by truncated content is one (Go reads content later).
 */
export function firstHeaderOk(data: Uint8Array): boolean {
  try {
    return new Reader(data).next(true) !== "eof";
  } catch {
    return false;
  }
}

/**
 * {@link firstHeaderOk} on a prefix of the stream: `"more"` when the answer needs bytes past it
 * (a long name or PAX record that does not fit), so that detection decompresses only what it needs.
 */
export function firstHeaderOfPrefix(prefix: Uint8Array): boolean | "more" {
  try {
    return new Reader(prefix, true).next(true) !== "eof";
  } catch (e) {
    return e instanceof NeedMore ? "more" : false;
  }
}

/** Reads every entry of an (uncompressed) tar archive, stopping at the end marker or the first error. */
export function listTar(data: Uint8Array): TarListing {
  const r = new Reader(data);
  const entries: TarEntry[] = [];
  try {
    for (;;) {
      const e = r.next();
      if (e === "eof") return { entries };
      entries.push(e);
    }
  } catch (e) {
    if (e instanceof TarError) return { entries, error: e.message };
    throw e;
  }
}
