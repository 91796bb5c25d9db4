/**
 * Directories made in a setgid directory of a base image (docs/semantics/copy-add.md §4.5, recorded on
 * Docker 28.5: base-setgid-copy-workdir, base-setgid-add-archive; found by the COPY/ADD differential on
 * a base image with files). The recorded cases fix a few depths and owners; these properties check the
 * rule at any depth, with and without an owner, for both builders.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { memoryContext } from "../../../src/fs/context/memory-context.js";
import { listFiles } from "../../../src/fs/vfs/list-tree.js";
import { mapResolver, SCRATCH, type BaseImage } from "../../../src/image/base-image.js";
import { simulate } from "../../../src/simulate.js";
import { makeArchive } from "../copy/archives.js";

const REF = "docker.io/example/setgid:1";
const IMAGE: BaseImage = {
  ...SCRATCH,
  ref: REF,
  layers: 1,
  files: {
    complete: true,
    entries: {
      "/w": { type: "dir", mode: 0o2750, uid: 1001, gid: 2000 },
      "/etc/passwd": { type: "file", content: "root:x:0:0::/root:/bin/sh\nbob:x:1003:1004::/:/bin/sh\n" },
      "/etc/group": { type: "file", content: "root:x:0:\nbob:x:3000:\n" },
    },
  },
};
const resolver = mapResolver({ [REF]: IMAGE });
const segment = fc.constantFrom("a", "b", "c");
const builderArb = fc.constantFrom("buildkit" as const, "legacy" as const);

function dirs(text: string, builder: "buildkit" | "legacy", context: Parameters<typeof memoryContext>[0]): Map<string, { mode: number; uid: number; gid: number }> {
  const sim = simulate(text, { builder, resolver, context: () => memoryContext(context, { builder }) });
  expect(sim.error).toBeNull();
  return new Map(listFiles(sim.stage!.files, "/w").entries.flatMap((e) => (e.type === "dir" ? [[e.path, { mode: e.mode, uid: e.uid, gid: e.gid }] as const] : [])));
}

describe("directories made in a setgid directory", () => {
  it("COPY: every directory it makes has the bit; the group is the setgid directory's unless the builder chowns (classic: always; BuildKit: with --chown)", () => {
    fc.assert(
      fc.property(builderArb, fc.array(segment, { minLength: 1, maxLength: 4 }), fc.boolean(), (builder, path, chown) => {
        const made = dirs(`FROM ${REF}\nCOPY ${chown ? "--chown=bob " : ""}f /w/${path.join("/")}/f\n`, builder, { f: "F\n" });
        const want = chown ? (builder === "buildkit" ? { uid: 1003, gid: 1004 } : { uid: 1003, gid: 3000 }) : builder === "buildkit" ? { uid: 0, gid: 2000 } : { uid: 0, gid: 0 };
        for (let i = 1; i <= path.length; i++) {
          const p = `/w/${path.slice(0, i).join("/")}`;
          expect(made.get(p), p).toEqual({ mode: 0o2755, ...want });
        }
      }),
      { numRuns: 60 },
    );
  });

  it("WORKDIR: the bit on every directory it makes; BuildKit leaves the setgid directory's group without a USER, the classic builder makes them 0:0", () => {
    fc.assert(
      fc.property(builderArb, fc.array(segment, { minLength: 1, maxLength: 4 }), (builder, path) => {
        const made = dirs(`FROM ${REF}\nWORKDIR /w/${path.join("/")}\n`, builder, {});
        for (let i = 1; i <= path.length; i++) expect(made.get(`/w/${path.slice(0, i).join("/")}`)).toEqual({ mode: 0o2755, uid: 0, gid: builder === "buildkit" ? 2000 : 0 });
      }),
      { numRuns: 40 },
    );
  });

  it("ADD of an archive: an implied parent right in the setgid directory takes its group but not the bit, so the levels below are 0:0", () => {
    fc.assert(
      fc.property(builderArb, fc.array(segment, { minLength: 1, maxLength: 3 }), (builder, path) => {
        const tar = makeArchive({ tar: [{ name: `${path.join("/")}/m`, type: "file", content: "m\n", mode: 0o644, uid: 7, gid: 8 }] });
        const made = dirs(`FROM ${REF}\nADD t.tar /w/\n`, builder, { "t.tar": { content: new Uint8Array(tar) } });
        for (let i = 1; i <= path.length; i++) expect(made.get(`/w/${path.slice(0, i).join("/")}`)).toEqual({ mode: 0o755, uid: 0, gid: i === 1 ? 2000 : 0 });
      }),
      { numRuns: 40 },
    );
  });
});
