import { describe, expect, it } from "vitest";
import { memoryContext } from "../../../src/fs/context/memory-context.js";

describe("memoryContext", () => {
  const tree = {
    "a.txt": "hello",
    "bin/run": { content: "#!/bin/sh\n", mode: 0o755 },
    "raw.bin": new Uint8Array([0, 1, 2]),
    "empty": { dir: true as const, mode: 0o700 },
    "ln": { symlink: "a.txt" },
    "deep/er/f": "f",
  };

  it("describes files, directories and symlinks with modes and sizes", () => {
    const c = memoryContext(tree);
    expect(c.get("a.txt")).toMatchObject({ type: "file", mode: 0o644, size: 5 });
    expect(c.get("bin/run")).toMatchObject({ type: "file", mode: 0o755 });
    expect(c.get("raw.bin")).toMatchObject({ type: "file", size: 3 });
    expect(c.get("empty")).toEqual({ type: "dir", path: "empty", mode: 0o700 });
    expect(c.get("ln")).toEqual({ type: "symlink", path: "ln", mode: 0o777, target: "a.txt" });
    expect(c.get("deep/er")).toEqual({ type: "dir", path: "deep/er", mode: 0o755 });
    expect(c.get("")).toEqual({ type: "dir", path: "", mode: 0o755 });
    expect(c.get("./deep/../a.txt")?.path).toBe("a.txt");
    expect(c.get("nope")).toBeUndefined();
  });

  it("lists a directory's entries sorted by name (byte order), and nothing for a file", () => {
    const c = memoryContext({ b: "", a: "", B: "", "é": "", z: "" });
    expect(c.list("").map((e) => e.path)).toEqual(["B", "a", "b", "z", "é"]);
    expect(c.list("a")).toEqual([]);
  });

  it("applies .dockerignore and reports ignored paths", () => {
    const c = memoryContext({ ...tree, ".dockerignore": "*.txt\ndeep\n" });
    expect(c.get("a.txt")).toBeUndefined();
    expect(c.isIgnored("a.txt")).toBe(true);
    expect(c.isIgnored("deep/er/f")).toBe(true);
    expect(c.isIgnored("deep/never/existed")).toBe(true);
    expect(c.isIgnored("bin/run")).toBe(false);
    expect(c.isIgnored("nope")).toBe(false);
    expect(c.list("").map((e) => e.path)).toEqual([".dockerignore", "bin", "empty", "ln", "raw.bin"]);
    expect(c.ignoreFile).toBe(".dockerignore");
  });

  it("the Dockerfile and .dockerignore are removed by matching patterns with both builders", () => {
    for (const builder of ["buildkit", "legacy"] as const) {
      const c = memoryContext({ Dockerfile: "FROM x", ".dockerignore": "Dockerfile\n.dockerignore\n", k: "k" }, { builder });
      expect(c.get("Dockerfile")).toBeUndefined();
      expect(c.get(".dockerignore")).toBeUndefined();
      expect(c.isIgnored("Dockerfile")).toBe(true);
    }
  });

  it("classic: a Dockerfile under an excluded directory leaves that directory (created 0755, empty) in the context", () => {
    const t = { "sub/Dockerfile": "FROM x", "sub/other": "o", ".dockerignore": "sub\n" };
    const classic = memoryContext(t, { builder: "legacy", dockerfile: "sub/Dockerfile" });
    expect(classic.get("sub")).toEqual({ type: "dir", path: "sub", mode: 0o755 });
    expect(classic.list("sub")).toEqual([]);
    const bk = memoryContext(t, { builder: "buildkit", dockerfile: "sub/Dockerfile" });
    expect(bk.get("sub")).toBeUndefined();
  });

  it("BuildKit prefers <Dockerfile>.dockerignore; the classic builder reads only .dockerignore", () => {
    const t = { "a": "", "b": "", "Dockerfile.dockerignore": "a\n", ".dockerignore": "b\n" };
    const bk = memoryContext(t, { builder: "buildkit" });
    expect(bk.ignoreFile).toBe("Dockerfile.dockerignore");
    expect(bk.get("a")).toBeUndefined();
    expect(bk.get("b")?.type).toBe("file");
    const classic = memoryContext(t, { builder: "legacy" });
    expect(classic.get("a")?.type).toBe("file");
    expect(classic.get("b")).toBeUndefined();
  });

  it("rejected patterns make the build fail: reported, context shown whole", () => {
    const c = memoryContext({ a: "", ".dockerignore": "!\n" });
    expect(c.ignoreError?.message).toBe('illegal exclusion pattern: "!"');
    expect(c.get("a")?.type).toBe("file");
  });

  it("throws on malformed descriptions", () => {
    expect(() => memoryContext({ "../x": "" })).toThrow(/invalid path/);
    expect(() => memoryContext({ f: "", "f/g": "" })).toThrow(/used as a directory/);
  });
});
