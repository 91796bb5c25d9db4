/**
 * Deterministic archives for the ADD cases: a small ustar writer (explicit modes, owners, symlinks,
 * hard links) and compression with the system `gzip -n`, `bzip2`, `xz`, `zstd` (record time only; the
 * fixture stores the resulting bytes as base64).
 *
 * @module
 */
import { execFileSync } from "node:child_process";

/** One tar member. */
export interface TarMember {
  readonly name: string;
  readonly type: "file" | "dir" | "symlink" | "hardlink";
  readonly content?: string;
  readonly mode: number;
  readonly uid?: number;
  readonly gid?: number;
  readonly uname?: string;
  readonly gname?: string;
  /** Symlink target, or the member a hard link points at. */
  readonly target?: string;
}

/** An archive in a case's context: tar members (or raw text) and an optional compression. */
export interface ArchiveSpec {
  readonly tar?: readonly TarMember[];
  readonly raw?: string;
  readonly compress?: "gzip" | "bzip2" | "xz" | "zstd";
}

const MTIME = 1_700_000_000;

function field(buf: Buffer, off: number, len: number, value: string): void {
  buf.write(value, off, len, "utf8");
}

function oct(buf: Buffer, off: number, len: number, n: number): void {
  field(buf, off, len, n.toString(8).padStart(len - 1, "0") + "\0");
}

/** A ustar archive of `members` (names must fit in 100 bytes). */
export function ustar(members: readonly TarMember[]): Buffer {
  const blocks: Buffer[] = [];
  for (const m of members) {
    const h = Buffer.alloc(512);
    const data = m.type === "file" ? Buffer.from(m.content ?? "", "utf8") : Buffer.alloc(0);
    const name = m.type === "dir" && !m.name.endsWith("/") ? m.name + "/" : m.name;
    if (Buffer.byteLength(name) > 100) throw new Error(`tar name too long: ${name}`);
    field(h, 0, 100, name);
    oct(h, 100, 8, m.mode & 0o7777);
    oct(h, 108, 8, m.uid ?? 0);
    oct(h, 116, 8, m.gid ?? 0);
    oct(h, 124, 12, data.length);
    oct(h, 136, 12, MTIME);
    h.fill(0x20, 148, 156);
    h[156] = { file: 0x30, hardlink: 0x31, symlink: 0x32, dir: 0x35 }[m.type];
    if (m.target !== undefined) field(h, 157, 100, m.target);
    field(h, 257, 6, "ustar\0");
    field(h, 263, 2, "00");
    field(h, 265, 32, m.uname ?? "");
    field(h, 297, 32, m.gname ?? "");
    oct(h, 329, 8, 0);
    oct(h, 337, 8, 0);
    let sum = 0;
    for (const b of h) sum += b;
    field(h, 148, 8, sum.toString(8).padStart(6, "0") + "\0 ");
    blocks.push(h, data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

const COMPRESSORS: Record<NonNullable<ArchiveSpec["compress"]>, [string, string[]]> = {
  gzip: ["gzip", ["-n", "-c", "-9"]],
  bzip2: ["bzip2", ["-c", "-9"]],
  xz: ["xz", ["-c", "-6"]],
  zstd: ["zstd", ["-c", "-q", "-19"]],
};

/** The bytes of an {@link ArchiveSpec}. */
export function makeArchive(spec: ArchiveSpec): Buffer {
  const plain = spec.tar !== undefined ? ustar(spec.tar) : Buffer.from(spec.raw ?? "", "utf8");
  if (spec.compress === undefined) return plain;
  const [cmd, args] = COMPRESSORS[spec.compress];
  return execFileSync(cmd, args, { input: plain, maxBuffer: 1 << 26 });
}
