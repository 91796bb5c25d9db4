/**
 * An image's files from its layer tarballs, read as streams: the directory tree with types, modes
 * and owners, plus the content of `/etc/passwd` and `/etc/group`, with the layers' whiteouts
 * applied (OCI image spec, layer.md "Whiteouts": `.wh.NAME` removes NAME, `.wh..wh..opq` hides the
 * lower layers' children of its directory). Not every file's content: only those two.
 *
 * @module
 */
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import tarStream from "tar-stream";
import type { ImageFileEntry, ImageFiles } from "../../image/base-image.js";

/** The files whose content is kept (for user and group names). */
export const KEPT_CONTENT: ReadonlySet<string> = new Set(["/etc/passwd", "/etc/group"]);

/** Limits on reading an image's files. */
export interface FileLimits {
  /** Bytes read from all layer streams together (after decompression); default 2 GiB. */
  readonly maxBytes?: number;
  /** Entries over all layers; default 500,000. */
  readonly maxEntries?: number;
}

/** One entry of one layer, as much as {@link ImageFiles} needs. */
export type LayerEntry =
  | { readonly path: string; readonly whiteout: "file" | "opaque" }
  | { readonly path: string; readonly whiteout?: undefined; readonly entry: Exclude<ImageFileEntry, { type: "absent" }> };

/** The entries of one layer, in tar order. */
export type LayerSummary = readonly LayerEntry[];

/** Counts bytes and entries against {@link FileLimits}; shared by the layers of one image. */
export class ReadBudget {
  private bytes = 0;
  private entries = 0;
  readonly maxBytes: number;
  readonly maxEntries: number;
  constructor(limits: FileLimits = {}) {
    this.maxBytes = limits.maxBytes ?? 2 * 1024 ** 3;
    this.maxEntries = limits.maxEntries ?? 500_000;
  }
  /** Counts `n` bytes; throws when the bound is passed. */
  addBytes(n: number): void {
    this.bytes += n;
    if (this.bytes > this.maxBytes) throw new Error(`the image's layers exceed the size bound of ${this.maxBytes} bytes`);
  }
  /** Counts one entry; throws when the bound is passed. */
  addEntry(): void {
    if (++this.entries > this.maxEntries) throw new Error(`the image's layers exceed the bound of ${this.maxEntries} entries`);
  }
}

/** Whether bytes start a gzip stream. */
export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** Whether bytes start a tar stream (a `ustar` magic at offset 257). */
export function isTar(head: Uint8Array): boolean {
  return head.length >= 262 && String.fromCharCode(...head.subarray(257, 262)) === "ustar";
}

/** A chunk counted against the budget as it passes. */
async function* counted(source: AsyncIterable<Uint8Array>, budget: ReadBudget): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    budget.addBytes(chunk.length);
    yield chunk;
  }
}

/**
 * Reads one layer tarball (plain or gzip-compressed) as a stream and summarizes its entries.
 *
 * @example
 * ```ts
 * const layer = await summarizeLayer(createReadStream("layer.tar"), new ReadBudget());
 * ```
 */
export async function summarizeLayer(source: AsyncIterable<Uint8Array>, budget: ReadBudget): Promise<LayerSummary> {
  const it = source[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let size = 0;
  let done = false;
  while (size < 512 && !done) {
    const r = await it.next();
    if (r.done === true) done = true;
    else {
      head.push(r.value);
      size += r.value.length;
    }
  }
  const rest = async function* () {
    yield* head;
    if (!done) for (let r = await it.next(); r.done !== true; r = await it.next()) yield r.value;
  };
  const first = head.length === 0 ? new Uint8Array() : head.length === 1 ? head[0]! : Uint8Array.from(head.flatMap((h) => [...h]));
  const plain: AsyncIterable<Uint8Array> = isGzip(first) ? Readable.from(rest()).pipe(createGunzip()) : rest();
  return summarizeTar(counted(plain, budget), budget);
}

async function summarizeTar(source: AsyncIterable<Uint8Array>, budget: ReadBudget): Promise<LayerSummary> {
  const extract = tarStream.extract();
  const input = Readable.from(source);
  input.on("error", (e) => extract.destroy(e));
  input.pipe(extract);
  const out: LayerEntry[] = [];
  for await (const e of extract) {
    budget.addEntry();
    const h = e.header;
    const path = absolute(h.name);
    const base = path.slice(path.lastIndexOf("/") + 1);
    const mode = (h.mode ?? 0) & 0o7777;
    const owner = { uid: h.uid ?? 0, gid: h.gid ?? 0 };
    let content: string | undefined;
    if (h.type === "file" && KEPT_CONTENT.has(path) && (h.size ?? 0) <= 4 * 1024 * 1024) {
      const chunks: Uint8Array[] = [];
      for await (const c of e) chunks.push(c as Uint8Array);
      content = Buffer.concat(chunks).toString("utf8");
    } else e.resume();
    if (base === ".wh..wh..opq") out.push({ path: path.slice(0, path.lastIndexOf("/")) || "/", whiteout: "opaque" });
    else if (base.startsWith(".wh.")) out.push({ path: `${path.slice(0, path.lastIndexOf("/"))}/${base.slice(4)}`, whiteout: "file" });
    else if (path === "/") continue;
    else if (h.type === "directory") out.push({ path, entry: { type: "dir", mode, ...owner } });
    else if (h.type === "symlink") out.push({ path, entry: { type: "symlink", target: h.linkname ?? "", ...owner } });
    else out.push({ path, entry: { type: "file", mode, ...owner, size: h.size ?? 0, ...(content === undefined ? {} : { content }) } });
  }
  return out;
}

/** `./a/b/`, `a/b` → `/a/b`. */
function absolute(name: string): string {
  const parts = name.split("/").filter((p) => p !== "" && p !== ".");
  return "/" + parts.join("/");
}

/**
 * Stacks layers, lowest first, into all of an image's files: later layers replace earlier
 * entries, whiteouts remove them. Hard links, devices and FIFOs are kept as files of their mode.
 *
 * @example
 * ```ts
 * applyLayers([[{ path: "/tmp", entry: { type: "dir", mode: 0o1777 } }]]).entries["/tmp"]; // { type: "dir", mode: 0o1777 }
 * ```
 */
export function applyLayers(layers: readonly LayerSummary[]): ImageFiles {
  const files = new Map<string, Exclude<ImageFileEntry, { type: "absent" }>>();
  // Paths that have (or had) entries below them: only those need a scan when replaced or whited out.
  const parents = new Set<string>();
  const removeUnder = (dir: string, self: boolean) => {
    if (self) files.delete(dir);
    if (!parents.has(dir)) return;
    const prefix = dir === "/" ? "/" : `${dir}/`;
    for (const p of [...files.keys()]) if (p.startsWith(prefix)) files.delete(p);
  };
  for (const layer of layers) {
    // Whiteouts hide lower layers only: apply them before this layer's own entries.
    for (const e of layer) if (e.whiteout !== undefined) removeUnder(e.path, e.whiteout === "file");
    for (const e of layer) {
      if (e.whiteout !== undefined) continue;
      if (e.entry.type !== "dir") removeUnder(e.path, false);
      files.set(e.path, e.entry);
      for (let i = e.path.lastIndexOf("/"); i > 0; i = e.path.lastIndexOf("/", i - 1)) parents.add(e.path.slice(0, i));
      parents.add("/");
    }
  }
  return { complete: true, entries: Object.fromEntries(files) };
}
