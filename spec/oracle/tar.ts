/**
 * A minimal reader for the plain (uncompressed) tar archives `docker save` writes: ustar headers, GNU long
 * names (`L`) and PAX extended headers (`x`, only the `path` key). Enough to pull `manifest.json` and the
 * config blob out of an image archive; not a general-purpose tar implementation.
 *
 * @module
 */

/** One regular file of a tar archive. */
export interface TarFile {
  /** Path inside the archive, without a leading `./`. */
  name: string;
  /** The file's bytes (a view into the archive buffer). */
  data: Uint8Array;
}

const BLOCK = 512;

/** A NUL-terminated header field as UTF-8. */
export function cString(buf: Uint8Array, start: number, len: number): string {
  let end = start;
  while (end < start + len && buf[end] !== 0) end++;
  return Buffer.from(buf.buffer, buf.byteOffset + start, end - start).toString("utf8");
}

/** A numeric header field: octal text, or GNU base-256. */
export function octal(buf: Uint8Array, start: number, len: number): number {
  // GNU base-256 encoding for large sizes: high bit of the first byte set.
  if ((buf[start]! & 0x80) !== 0) {
    let n = buf[start]! & 0x7f;
    for (let i = 1; i < len; i++) n = n * 256 + buf[start + i]!;
    return n;
  }
  const s = cString(buf, start, len).trim();
  return s === "" ? 0 : parseInt(s, 8);
}

function paxPath(data: Uint8Array): string | undefined {
  const text = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("utf8");
  let path: string | undefined;
  let i = 0;
  while (i < text.length) {
    const sp = text.indexOf(" ", i);
    if (sp < 0) break;
    const len = parseInt(text.slice(i, sp), 10);
    if (!(len > 0)) break;
    const record = text.slice(sp + 1, i + len - 1);
    const eq = record.indexOf("=");
    if (eq > 0 && record.slice(0, eq) === "path") path = record.slice(eq + 1);
    i += len;
  }
  return path;
}

/**
 * Lists the regular files of a tar archive held in memory, in archive order. Directories, links and other
 * entry types are skipped. Throws on a truncated archive.
 */
export function readTar(archive: Uint8Array): TarFile[] {
  const files: TarFile[] = [];
  let offset = 0;
  let longName: string | undefined;
  while (offset + BLOCK <= archive.length) {
    const header = archive.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) break; // end-of-archive marker
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] || 0x30);
    const dataStart = offset + BLOCK;
    const dataEnd = dataStart + size;
    if (dataEnd > archive.length) throw new Error(`truncated tar archive at offset ${offset}`);
    const data = archive.subarray(dataStart, dataEnd);
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;
    if (type === "L") {
      longName = cString(data, 0, data.length);
      continue;
    }
    if (type === "x") {
      longName = paxPath(data) ?? longName;
      continue;
    }
    if (type === "g") continue;
    let name = longName;
    longName = undefined;
    if (name === undefined) {
      const base = cString(header, 0, 100);
      const magic = cString(header, 257, 6);
      const prefix = magic.startsWith("ustar") ? cString(header, 345, 155) : "";
      name = prefix ? `${prefix}/${base}` : base;
    }
    if (type !== "0" && type !== "7") continue; // regular files only
    files.push({ name: name.replace(/^\.\//, ""), data });
  }
  return files;
}
