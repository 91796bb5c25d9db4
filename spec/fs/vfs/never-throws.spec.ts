import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { memoryContext, type TreeDescription } from "../../../src/fs/context/memory-context.js";
import { listFiles } from "../../../src/fs/vfs/list-tree.js";
import { simulate } from "../../../src/simulate.js";

const archives = join(import.meta.dirname, "..", "archive", "fixtures");
const archive = (name: string): Uint8Array => new Uint8Array(readFileSync(join(archives, name)));

const name = fc.constantFrom("a", "b", "x.tar", "d", ".", "..", "*", "a*", "[", "-");
const path = fc.array(name, { minLength: 1, maxLength: 3 }).map((p) => p.join("/"));
/** Contexts with every entry type, symlink loops and escapes, archives, odd modes. */
const context = fc.dictionary(
  fc.array(fc.constantFrom("a", "b", "x.tar", "d"), { minLength: 1, maxLength: 3 }).map((p) => p.join("/")),
  fc.oneof(
    fc.string({ maxLength: 4 }),
    fc.record({ content: fc.string({ maxLength: 4 }), mode: fc.integer({ min: 0, max: 0o7777 }) }),
    fc.record({ symlink: fc.oneof(path, path.map((p) => "/" + p), fc.constant("../../..")) }),
    fc.constantFrom(archive("plain.tar"), archive("noext"), archive("fake.tar.gz"), archive("badsum.tar"), archive("tar-xz.bin")),
  ),
  { maxKeys: 8 },
);
const flag = fc.constantFrom("", "--chown=1:2 ", "--chown=app ", "--chown=-1:x ", "--chmod=0755 ", "--chmod=u+x ", "--chmod=9 ", "--from=0 ", "--exclude=a ", "--link ");
const instruction = fc.oneof(
  fc.tuple(fc.constantFrom("COPY", "ADD"), flag, fc.array(path, { minLength: 1, maxLength: 3 }), fc.oneof(path, path.map((p) => "/" + p + "/"), fc.constant("."))).map(([k, f, s, d]) => `${k} ${f}${s.join(" ")} ${d}`),
  path.map((p) => `WORKDIR /${p}`),
  fc.constantFrom("RUN true", "USER app", "USER 1000", "FROM scratch AS next"),
);

describe("the virtual filesystem never throws and always terminates", () => {
  it("on generated contexts and COPY/ADD/WORKDIR/RUN/USER lines, with both builders", () => {
    fc.assert(
      fc.property(context, fc.array(instruction, { maxLength: 6 }), (tree, lines) => {
        let ctxTree: TreeDescription;
        try {
          ctxTree = tree as TreeDescription;
          memoryContext(ctxTree);
        } catch {
          return; // a malformed description (a file used as a directory) is the caller's error
        }
        for (const builder of ["buildkit", "legacy"] as const) {
          const sim = simulate(`FROM scratch\n${lines.join("\n")}\n`, { builder, context: (b) => memoryContext(ctxTree, { builder: b }) });
          expect(sim.stage === null || listFiles(sim.stage.files, "/").entries.length >= 1).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });
});
