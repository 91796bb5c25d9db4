import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { gzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { decompress, detectArchive, detectCompression, listTar, readArchive } from "../../../src/fs/archive/index.js";
import { bunzip2 } from "../../../src/fs/archive/bzip2.js";
import { unxz } from "../../../src/fs/archive/xz.js";

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, "fixtures");
const fixture = (n: string): Uint8Array => new Uint8Array(readFileSync(join(fixtures, n)));
type Rec = { ok: boolean; entries?: string[]; error?: string };
const recorded = JSON.parse(readFileSync(join(here, "engine-archives.json"), "utf8")) as Record<string, Record<"buildkit" | "legacy", Rec>>;

const PLAIN = ["d", "d/a.txt", "d/l"];

describe("ADD archive detection: replay of real builds (Docker 28.5, both builders)", () => {
  // Every row was recorded on the engine (record-archives.ts), and both builders agreed on all of them.
  it.each(readdirSync(fixtures).sort())("engine-verified: %s", (name) => {
    const rec = recorded[name]!;
    expect(rec.buildkit.ok).toBe(rec.legacy.ok);
    const det = detectArchive(fixture(name));
    if (!rec.buildkit.ok) {
      // Next() succeeded, extraction failed: both builders fail with "unexpected EOF".
      expect(rec.buildkit.error).toMatch(/unexpected EOF/);
      expect(rec.legacy.error).toMatch(/unexpected EOF/);
      expect(det.archive).toBe(true);
      expect(readArchive(fixture(name)).error).toBe("unexpected EOF");
      return;
    }
    expect(rec.buildkit.entries).toEqual(rec.legacy.entries);
    const copied = rec.buildkit.entries!.length === 1 && rec.buildkit.entries![0]!.startsWith(name + " ");
    expect(det.archive).toBe(!copied);
    if (!copied) {
      const listing = readArchive(fixture(name));
      expect(listing.error).toBeUndefined();
      const paths = new Set(rec.buildkit.entries!.map((e) => e.split(" ")[0]!));
      for (const e of listing.entries) expect(paths.has(e.path)).toBe(true);
    }
  });

  it.each<[string, string]>([
    ["plain.tar", "none"],
    ["tar-gz.txt", "gzip"],
    ["tar-bz2.dat", "bzip2"],
    ["tar-xz.bin", "xz"],
    ["tar-zst.tar.gz", "zstd"],
    ["skippable.zst", "zstd"],
    ["single.gz", "gzip"],
    ["fake.tar.gz", "none"],
  ])("engine-verified: %s is %s-compressed (by content, not name)", (name, compression) => {
    expect(detectCompression(fixture(name))).toBe(compression);
  });

  it("engine-verified: entries keep the archive's modes and owners in every compression", () => {
    for (const n of ["plain.tar", "noext", "tar-gz.txt", "tar-bz2.dat", "tar-xz.bin", "tar-zst.tar.gz", "multi.gz", "skippable.zst"]) {
      const l = readArchive(fixture(n));
      expect(l.error, n).toBeUndefined();
      expect(l.entries.map((e) => e.path), n).toEqual(PLAIN);
      expect(l.entries.map((e) => [e.type, e.mode, e.uid, e.gid]), n).toEqual([
        ["dir", 0o750, 0, 0],
        ["file", 0o640, 5, 6],
        ["symlink", 0o777, 0, 0],
      ]);
      expect(new TextDecoder().decode(l.entries[1]!.content)).toBe("hello\n");
      expect(l.entries[2]!.linkname).toBe("a.txt");
    }
  });

  it("PAX, GNU long names and USTAR prefixes give the full name", () => {
    expect(readArchive(fixture("pax.tar")).entries[0]).toMatchObject({ path: "p".repeat(120) + "/long-name.txt", uid: 70000, gid: 70001, mode: 0o600 });
    expect(readArchive(fixture("gnulong.tar")).entries[0]!.path).toBe("g".repeat(150));
    expect(readArchive(fixture("ustar.tar")).entries[0]).toMatchObject({ path: "u/v.txt", mode: 0o755, uid: 1, gid: 2 });
  });

  it("without the xz program on the daemon host an xz tarball is copied", () => {
    expect(detectArchive(fixture("tar-xz.bin"), { xzAvailable: false })).toEqual({ archive: false, compression: "xz", reason: "no-xz" });
  });
});

/** A minimal USTAR writer for the properties. */
function tar(entries: { name: string; content: Uint8Array; mode: number; uid: number; gid: number }[]): Uint8Array {
  const blocks: Uint8Array[] = [];
  const enc = new TextEncoder();
  const put = (b: Uint8Array, off: number, s: string) => b.set(enc.encode(s), off);
  const oct = (n: number, w: number) => n.toString(8).padStart(w - 1, "0") + "\0";
  for (const e of entries) {
    const h = new Uint8Array(512);
    put(h, 0, e.name);
    put(h, 100, oct(e.mode, 8));
    put(h, 108, oct(e.uid, 8));
    put(h, 116, oct(e.gid, 8));
    put(h, 124, oct(e.content.length, 12));
    put(h, 136, oct(0, 12));
    put(h, 148, "        ");
    h[156] = 0x30;
    put(h, 257, "ustar\u000000");
    let sum = 0;
    for (const c of h) sum += c;
    put(h, 148, oct(sum, 7) + " ");
    blocks.push(h);
    const body = new Uint8Array(Math.ceil(e.content.length / 512) * 512);
    body.set(e.content);
    blocks.push(body);
  }
  blocks.push(new Uint8Array(1024));
  const out = new Uint8Array(blocks.reduce((n, b) => n + b.length, 0));
  let o = 0;
  for (const b of blocks) {
    out.set(b, o);
    o += b.length;
  }
  return out;
}

describe("archive properties", () => {
  const entryArb = fc.record({
    name: fc.stringMatching(/^[a-z]{1,20}(\/[a-z]{1,20}){0,2}$/),
    content: fc.uint8Array({ maxLength: 1500 }),
    mode: fc.integer({ min: 0, max: 0o7777 }),
    uid: fc.integer({ min: 0, max: 65535 }),
    gid: fc.integer({ min: 0, max: 65535 }),
  });

  it("a tar (plain or gzip) is detected and lists back what was written", () => {
    fc.assert(
      fc.property(fc.array(entryArb, { minLength: 1, maxLength: 4 }), fc.boolean(), (entries, gz) => {
        const raw = tar(entries);
        const data = gz ? gzipSync(raw) : raw;
        expect(detectArchive(data).archive).toBe(true);
        const l = readArchive(data);
        expect(l.error).toBeUndefined();
        expect(l.entries.map((e) => [e.path, e.mode, e.uid, e.gid, [...e.content]])).toEqual(entries.map((e) => [e.name, e.mode, e.uid, e.gid, [...e.content]]));
      }),
      { numRuns: 60 },
    );
  });

  it("content that is not a tar is never an archive, compressed or not", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), fc.boolean(), (text, gz) => {
        const raw = new TextEncoder().encode(text);
        expect(detectArchive(gz ? gzipSync(raw) : raw).archive).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  it("a damaged header checksum makes it not an archive", () => {
    fc.assert(
      fc.property(entryArb, fc.integer({ min: 0, max: 511 }), fc.integer({ min: 1, max: 255 }), (e, at, delta) => {
        const raw = tar([e]);
        raw[at] = (raw[at]! + delta) & 0xff;
        const ok = detectArchive(raw).archive;
        // Changing one byte can only keep a valid header if it is in the checksum field itself
        // and still parses to the same sum, or it is in a field ignored by the sum check… which none is.
        if (at < 148 || at >= 156) expect(ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it("decoders stop at the first error and keep what came before; limits truncate", () => {
    const t = fixture("tar-bz2.dat");
    expect(bunzip2(t.subarray(0, 20)).error).toBeDefined();
    expect(unxz(fixture("tar-xz.bin").subarray(0, 30)).error).toBeDefined();
    expect(decompress(fixture("tar-gz.txt"), "gzip", 100)).toMatchObject({ truncated: true });
    expect(decompress(fixture("tar-gz.txt"), "gzip", 100).data.length).toBe(100);
    expect(listTar(new Uint8Array(0))).toEqual({ entries: [] });
  });
});
