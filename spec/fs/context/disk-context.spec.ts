import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { memoryContext } from "../../../src/fs/context/memory-context.js";
import { ContextTooLargeError, diskContext } from "../../../src/node/disk-context.js";
import { ENGINE_IGNORES, ENGINE_TREE } from "./engine-cases.js";
import { writeTree } from "./record-dockerignore.js";

const roots: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), "disk-ctx-"));
  roots.push(d);
  return d;
};
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

describe("diskContext", () => {
  it("reads files, modes, symlinks and applies .dockerignore like the in-memory context", () => {
    for (const [name, ignore] of Object.entries(ENGINE_IGNORES).slice(0, 8)) {
      const root = tmp();
      const tree = { ...ENGINE_TREE, ".dockerignore": ignore };
      writeTree(root, tree);
      for (const builder of ["buildkit", "legacy"] as const) {
        const disk = [...diskContext(root, { builder }).entries()].map((e) => [e.path, e.type, e.mode, e.type === "file" ? e.size : 0]);
        const mem = [...memoryContext(tree, { builder }).entries()].map((e) => [e.path, e.type, e.mode, e.type === "file" ? e.size : 0]);
        expect(disk, `${name} ${builder}`).toEqual(mem);
      }
    }
  });

  it("never reads directories that .dockerignore skips", () => {
    const root = tmp();
    mkdirSync(join(root, "locked/inner"), { recursive: true });
    writeFileSync(join(root, "locked/inner/f"), "x");
    writeFileSync(join(root, ".dockerignore"), "locked\n");
    writeFileSync(join(root, "ok"), "ok");
    chmodSync(join(root, "locked"), 0o000);
    try {
      const c = diskContext(root);
      expect(c.get("ok")?.type).toBe("file");
      expect(c.isIgnored("locked")).toBe(true);
    } finally {
      chmodSync(join(root, "locked"), 0o755);
    }
  });

  it("fails with a clear diagnostic past the size cap, counting only sent files", () => {
    const root = tmp();
    writeFileSync(join(root, "big"), new Uint8Array(2000));
    writeFileSync(join(root, "small"), "s");
    expect(() => diskContext(root, { maxBytes: 1000 })).toThrow(ContextTooLargeError);
    expect(() => diskContext(root, { maxBytes: 1000 })).toThrow(/larger than 1000 bytes \(reached at big\)/);
    writeFileSync(join(root, ".dockerignore"), "big\n");
    expect(diskContext(root, { maxBytes: 1000 }).get("small")?.type).toBe("file");
    expect(() => diskContext(root, { maxEntries: 1 })).toThrow(/more than 1 entries/);
  });

  it("keeps symlinks as links", () => {
    const root = tmp();
    symlinkSync("/etc/passwd", join(root, "l"));
    expect(diskContext(root).get("l")).toEqual({ type: "symlink", path: "l", mode: expect.any(Number), target: "/etc/passwd" });
  });
});
