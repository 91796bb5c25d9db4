import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { memoryContext, type TreeDescription } from "../../../src/fs/context/memory-context.js";
import { listFiles } from "../../../src/fs/vfs/list-tree.js";
import { simulate } from "../../../src/simulate.js";

/** Generated contexts: files (with modes) and directories below `src/`, names without specials. */
const contextTree = fc
  .dictionary(
    fc.array(fc.constantFrom("a", "b", "c"), { minLength: 1, maxLength: 3 }).map((p) => `src/${p.join("/")}.d`),
    fc.record({ content: fc.string({ maxLength: 6 }), mode: fc.constantFrom(0o600, 0o644, 0o755, 0o4755, 0o444) }),
    { minKeys: 1, maxKeys: 6 },
  )
  .map((files) => ({ ...files }) as TreeDescription);

describe("COPY dir/ into the virtual filesystem (property)", () => {
  for (const builder of ["buildkit", "legacy"] as const) {
    it(`${builder}: every context file under the source arrives at the same relative path with its content; the classic builder clears setuid/setgid`, () => {
      fc.assert(
        fc.property(contextTree, fc.constantFrom("/dst/", "/dst", "/a/b/"), (tree, dest) => {
          const sim = simulate("FROM scratch\nCOPY src " + dest + "\n", { builder, context: (b) => memoryContext(tree, { builder: b }) });
          expect(sim.error).toBeNull();
          const base = dest.replace(/\/$/, "");
          const listed = new Map(listFiles(sim.stage!.files, base).entries.map((e) => [e.path, e]));
          for (const [path, v] of Object.entries(tree)) {
            const { content, mode } = v as { content: string; mode: number };
            const e = listed.get(`${base}/${path.slice("src/".length)}`);
            expect(e).toBeDefined();
            expect(e).toMatchObject({ type: "file", size: Buffer.byteLength(content), sha256: createHash("sha256").update(content).digest("hex"), mode: builder === "legacy" ? mode & ~0o6000 : mode, uid: 0, gid: 0 });
          }
          // Nothing else but the directories on the way.
          const files = [...listed.values()].filter((e) => e.type === "file");
          expect(files.length).toBe(Object.keys(tree).length);
          // The destination directory is created 0755 root, not with the source directory's mode.
          expect(listed.get(base)).toMatchObject({ type: "dir", mode: 0o755, uid: 0, gid: 0 });
        }),
        { numRuns: 150 },
      );
    });
  }
});
