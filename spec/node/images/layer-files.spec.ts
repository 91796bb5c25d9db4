import fc from "fast-check";
import { Readable } from "node:stream";
import { gzipSync } from "node:zlib";
import tarStream from "tar-stream";
import { describe, expect, it } from "vitest";
import { applyLayers, ReadBudget, summarizeLayer, type LayerSummary } from "../../../src/node/images/layer-files.js";
import { parsePlatform, selectManifest, type Descriptor } from "../../../src/node/images/oci.js";

const dir = (path: string, mode = 0o755) => ({ path, entry: { type: "dir" as const, mode, uid: 0, gid: 0 } });
const file = (path: string, size = 1) => ({ path, entry: { type: "file" as const, mode: 0o644, uid: 0, gid: 0, size } });

async function tarOf(entries: { name: string; type?: "file" | "directory" | "symlink"; content?: string; linkname?: string; mode?: number; uid?: number }[]): Promise<Buffer> {
  const pack = tarStream.pack();
  for (const e of entries) pack.entry({ name: e.name, type: e.type ?? "file", mode: e.mode ?? 0o644, uid: e.uid ?? 0, gid: 0, ...(e.linkname === undefined ? {} : { linkname: e.linkname }) }, e.content ?? "");
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const c of pack) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe("layer files", () => {
  it("reads a layer's tree, modes, owners and the user databases, plain or gzipped", async () => {
    const tar = await tarOf([
      { name: "etc/", type: "directory", mode: 0o755 },
      { name: "etc/passwd", content: "root:x:0:0::/root:/bin/sh\n" },
      { name: "tmp/", type: "directory", mode: 0o1777 },
      { name: "bin/sh", type: "symlink", linkname: "busybox" },
      { name: "home/app/x", content: "secret file content", uid: 1000 },
    ]);
    for (const bytes of [tar, gzipSync(tar)]) {
      const layer = await summarizeLayer(Readable.from([bytes]), new ReadBudget());
      const files = applyLayers([layer]);
      expect(files.entries["/etc/passwd"]).toEqual({ type: "file", mode: 0o644, uid: 0, gid: 0, size: 26, content: "root:x:0:0::/root:/bin/sh\n" });
      expect(files.entries["/tmp"]).toEqual({ type: "dir", mode: 0o1777, uid: 0, gid: 0 });
      expect(files.entries["/bin/sh"]).toEqual({ type: "symlink", target: "busybox", uid: 0, gid: 0 });
      // Other files' content is not kept, only their size.
      expect(files.entries["/home/app/x"]).toEqual({ type: "file", mode: 0o644, uid: 1000, gid: 0, size: 19 });
    }
  });

  it("stops at the size and entry bounds", async () => {
    const tar = await tarOf([{ name: "a", content: "x".repeat(5000) }, { name: "b" }, { name: "c" }]);
    await expect(summarizeLayer(Readable.from([tar]), new ReadBudget({ maxBytes: 1024 }))).rejects.toThrow(/size bound of 1024 bytes/);
    await expect(summarizeLayer(Readable.from([tar]), new ReadBudget({ maxEntries: 2 }))).rejects.toThrow(/bound of 2 entries/);
  });

  it("applies whiteouts and opaque directories to lower layers only", () => {
    const files = applyLayers([
      [dir("/a"), file("/a/x"), file("/a/y"), dir("/b"), file("/b/z"), dir("/c"), file("/c/w")],
      [{ path: "/a/x", whiteout: "file" }, { path: "/b", whiteout: "opaque" }, file("/b/new"), { path: "/c", whiteout: "file" }],
    ]);
    expect(Object.keys(files.entries).sort()).toEqual(["/a", "/a/y", "/b", "/b/new"]);
  });

  it("matches a model of stacked layers (property)", () => {
    const name = fc.constantFrom("a", "b", "c");
    const path = fc.array(name, { minLength: 1, maxLength: 3 }).map((p) => "/" + p.join("/"));
    const op = fc.oneof(
      path.map((p) => ({ kind: "file" as const, p })),
      path.map((p) => ({ kind: "wh" as const, p })),
    );
    fc.assert(fc.property(fc.array(fc.array(op, { maxLength: 6 }), { maxLength: 4 }), (layers) => {
      // Model: a set of file paths; a file at p removes anything under p; a whiteout removes p and below.
      const model = new Set<string>();
      const summaries: LayerSummary[] = layers.map((ops) => {
        const entries = ops.map((o) => (o.kind === "file" ? file(o.p) : { path: o.p, whiteout: "file" as const }));
        for (const o of ops) if (o.kind === "wh") for (const m of [...model]) if (m === o.p || m.startsWith(o.p + "/")) model.delete(m);
        for (const o of ops) {
          if (o.kind !== "file") continue;
          for (const m of [...model]) if (m.startsWith(o.p + "/")) model.delete(m);
          model.add(o.p);
        }
        return entries;
      });
      expect(new Set(Object.keys(applyLayers(summaries).entries))).toEqual(model);
    }));
  });
});

describe("platforms", () => {
  it("parses Docker's --platform syntax", () => {
    expect(parsePlatform("linux/arm64/v8")).toEqual({ ok: true, value: { os: "linux", architecture: "arm64", variant: "v8" } });
    expect(parsePlatform("x86_64")).toEqual({ ok: true, value: { os: "linux", architecture: "amd64" } });
    expect(parsePlatform("linux/amd64/v2/x").ok).toBe(false);
    expect(parsePlatform("linux//amd64").ok).toBe(false);
  });

  it("chooses a manifest by os, architecture and variant, skipping attestations", () => {
    const d = (architecture: string, variant?: string, os = "linux"): Descriptor => ({ mediaType: "", digest: `sha256:${architecture}${variant ?? ""}`, size: 1, annotations: {}, platform: { os, architecture, ...(variant === undefined ? {} : { variant }) } });
    const list = [d("unknown", undefined, "unknown"), d("amd64"), d("arm", "v6"), d("arm", "v7"), d("arm64", "v8")];
    expect(selectManifest(list, { os: "linux", architecture: "arm64" })?.digest).toBe("sha256:arm64v8");
    expect(selectManifest(list, { os: "linux", architecture: "arm", variant: "v6" })?.digest).toBe("sha256:armv6");
    expect(selectManifest(list, { os: "linux", architecture: "arm" })?.digest).toBe("sha256:armv6");
    expect(selectManifest(list, { os: "windows", architecture: "amd64" })).toBeUndefined();
  });
});
