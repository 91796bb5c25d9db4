import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { listFiles } from "../../../src/fs/vfs/list-tree.js";
import { pathParts, Vfs, type FileNode } from "../../../src/fs/vfs/tree.js";
import { readUserDatabase, parseUserDatabase } from "../../../src/fs/vfs/user-database.js";

const enc = new TextEncoder();
const file = (text: string, mode = 0o644, uid = 0, gid = 0): FileNode => ({ type: "file", mode, uid, gid, size: enc.encode(text).length, content: enc.encode(text) });

/** A path of 1-3 short components. */
const relPath = fc.array(fc.constantFrom("a", "b", "c", "d"), { minLength: 1, maxLength: 3 });
/** A write: a file at a path (parents created 0755). */
const write = fc.record({ parts: relPath, text: fc.string({ maxLength: 4 }), mode: fc.constantFrom(0o600, 0o644, 0o755) });

function apply(fs: Vfs, w: { parts: string[]; text: string; mode: number }): void {
  const m = fs.mkdirAll(w.parts.slice(0, -1), () => ({ mode: 0o755, uid: 0, gid: 0 }));
  if (m.ok && fs.nodeAt([...m.parts, w.parts[w.parts.length - 1]!])?.type !== "dir") fs.put([...m.parts, w.parts[w.parts.length - 1]!], file(w.text, w.mode));
}

describe("Vfs", () => {
  it("fork: changes on either side never show on the other (copy-on-write)", () => {
    fc.assert(
      fc.property(fc.array(write, { maxLength: 8 }), fc.array(write, { maxLength: 8 }), fc.array(write, { maxLength: 8 }), (before, child, parent) => {
        const fs = Vfs.empty();
        before.forEach((w) => apply(fs, w));
        const snapshot = JSON.stringify(listFiles(fs, "/").entries);
        const forked = fs.fork();
        child.forEach((w) => apply(forked, w));
        expect(JSON.stringify(listFiles(fs, "/").entries)).toBe(snapshot);
        const childView = JSON.stringify(listFiles(forked, "/").entries);
        parent.forEach((w) => apply(fs, w));
        expect(JSON.stringify(listFiles(forked, "/").entries)).toBe(childView);
      }),
    );
  });

  it("changeCount: writing what is already there is no change; a different file is", () => {
    fc.assert(
      fc.property(fc.array(write, { minLength: 1, maxLength: 8 }), (writes) => {
        const fs = Vfs.empty();
        writes.forEach((w) => apply(fs, w));
        const last = writes[writes.length - 1]!;
        const n = fs.changeCount;
        apply(fs, last);
        expect(fs.changeCount).toBe(n);
        const target = fs.nodeAt(last.parts);
        if (target?.type === "file") {
          apply(fs, { ...last, text: last.text + "!" });
          expect(fs.changeCount).toBe(n + 1);
        }
      }),
    );
  });

  it("lookup follows symlinks like the kernel, scoped to the root", () => {
    const fs = Vfs.empty();
    fs.mkdirAll(["real", "inner"], () => ({ mode: 0o755, uid: 0, gid: 0 }));
    fs.put(["real", "inner", "f"], file("x"));
    fs.put(["abs"], { type: "symlink", mode: 0o777, uid: 0, gid: 0, target: "/real" });
    fs.put(["up"], { type: "symlink", mode: 0o777, uid: 0, gid: 0, target: "../../../real/inner" });
    fs.put(["loop"], { type: "symlink", mode: 0o777, uid: 0, gid: 0, target: "loop" });
    expect(fs.lookup("/abs/inner/f", true)).toMatchObject({ found: true, parts: ["real", "inner", "f"] });
    expect(fs.lookup("/up/f", true)).toMatchObject({ found: true, parts: ["real", "inner", "f"] });
    expect(fs.lookup("/abs", false)).toMatchObject({ found: true, node: { type: "symlink" } });
    expect(fs.lookup("/loop/x", true)).toMatchObject({ found: false, why: "not-dir" });
    expect(fs.lookup("/real/inner/f/x", true)).toMatchObject({ found: false, why: "not-dir" });
    expect(fs.lookup("/nope/x", true)).toMatchObject({ found: false, why: "missing", parts: ["nope"], rest: ["x"] });
  });

  it("an incomplete tree answers 'maybe', except for paths known absent", () => {
    const fs = Vfs.unknown("an image the simulator has no files of");
    expect(fs.lookup("/etc/passwd", true)).toMatchObject({ found: false, why: "maybe" });
    fs.markAbsent("/etc/passwd");
    expect(fs.lookup("/etc/passwd", true)).toMatchObject({ found: false, why: "missing" });
    expect(listFiles(fs, "/etc").missing).toBe("maybe");
  });

  it("property: mkdirAll makes a directory the path then resolves to, through symlinks, and creates only what was missing", () => {
    const link = fc.record({ at: fc.constantFrom("a", "b", "l", "m"), target: fc.constantFrom("a", "/b", "../a/c", "a/b", "l", "/x/y") });
    fc.assert(
      fc.property(fc.array(write, { maxLength: 6 }), fc.array(link, { maxLength: 3 }), relPath, (writes, links, path) => {
        const fs = Vfs.empty();
        writes.forEach((w) => apply(fs, w));
        for (const l of links) if (fs.nodeAt([l.at]) === undefined) fs.put([l.at], { type: "symlink", mode: 0o777, uid: 0, gid: 0, target: l.target });
        const before = fs.lookup("/" + path.join("/"), true);
        const m = fs.mkdirAll(path, () => ({ mode: 0o750, uid: 0, gid: 0 }));
        if (!m.ok) {
          expect(before.found && before.node.type === "dir").toBe(false);
          return;
        }
        const after = fs.lookup("/" + path.join("/"), true);
        expect(after).toMatchObject({ found: true, node: { type: "dir" }, parts: m.parts });
        if (before.found) expect(m.created).toBe(0);
        else expect(m.created).toBeGreaterThan(0);
      }),
    );
  });

  it("mkdirAll walks a path once: lookups linear in its depth (2,000 relative WORKDIRs were cubic)", () => {
    let gets = 0;
    class CountingMap<K, V> extends Map<K, V> {
      override get(k: K): V | undefined {
        gets++;
        return super.get(k);
      }
    }
    const depth = 300;
    const fs = Vfs.empty();
    const path = Array.from({ length: depth }, () => "a");
    // An existing path whose directories count their lookups (put adopts a directory node as is).
    let node = { type: "dir" as const, mode: 0o755, uid: 0, gid: 0, children: new CountingMap<string, never>(), complete: true, owner: {} };
    const top = node;
    for (let i = 1; i < depth; i++) {
      const next = { ...node, children: new CountingMap<string, never>() };
      (node.children as Map<string, unknown>).set("a", next);
      node = next;
    }
    fs.put(["a"], top);
    gets = 0;
    const m = fs.mkdirAll(path, () => ({ mode: 0o755, uid: 0, gid: 0 }));
    expect(m).toMatchObject({ ok: true, created: 0 });
    expect(gets).toBeLessThanOrEqual(2 * depth);
    expect(gets).toBeGreaterThanOrEqual(depth - 1);
  });

  it("pathParts cleans like Go's path.Clean from the root", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("a", "b", ".", "..", ""), { maxLength: 8 }), (comps) => {
        const parts = pathParts(comps.join("/"));
        expect(parts.every((p) => p !== "" && p !== "." && p !== "..")).toBe(true);
      }),
    );
  });
});

describe("user database", () => {
  it("parses passwd and group as moby/sys/user does (trimmed lines, group comments skipped, bad numbers are 0)", () => {
    expect(parseUserDatabase("root:x:0:0::/root:/bin/sh\n  app:x:1000:1001\nbad:x:zz:7\n", "passwd")).toEqual([
      { name: "root", id: 0, gid: 0 },
      { name: "app", id: 1000, gid: 1001 },
      { name: "bad", id: 0, gid: 7 },
    ]);
    expect(parseUserDatabase("#c:x:1:\nstaff:x:50:a,b\n", "group")).toEqual([{ name: "staff", id: 50, gid: 0 }]);
  });

  it("is unknown after a RUN, missing on an empty stage, read from the files otherwise", () => {
    const fs = Vfs.empty();
    expect(readUserDatabase(fs, "passwd")).toEqual({ kind: "missing" });
    fs.mkdirAll(["etc"], () => ({ mode: 0o755, uid: 0, gid: 0 }));
    fs.put(["etc", "passwd"], file("app:x:5:6\n"));
    expect(readUserDatabase(fs, "passwd")).toEqual({ kind: "entries", entries: [{ name: "app", id: 5, gid: 6 }] });
    fs.markOpaque("RUN at line 3 may have changed any file");
    expect(readUserDatabase(fs, "passwd").kind).toBe("unknown");
  });
});
