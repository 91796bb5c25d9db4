/**
 * The rules the generated differential campaign found (docs/semantics/copy-add.md §13), as
 * properties over generated names, depths and contents — each case family recorded in
 * `spec/fixtures/engine-28.5/copy-add.json` (`gen-*`) generalised. No Docker needed.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { memoryContext, type TreeDescription } from "../../../src/fs/context/memory-context.js";
import { listFiles } from "../../../src/fs/vfs/list-tree.js";
import { simulate, type Simulation } from "../../../src/simulate.js";
import { ustar } from "./archives.js";

const BUILDERS = ["buildkit", "legacy"] as const;
type B = (typeof BUILDERS)[number];

function run(dockerfile: string, tree: TreeDescription, builder: B): Simulation {
  return simulate(dockerfile, { builder, context: (b) => memoryContext(tree, { builder: b }) });
}

function entry(sim: Simulation, path: string): Record<string, unknown> | undefined {
  return listFiles(sim.stage!.files, path).entries.find((e) => e.path === path) as Record<string, unknown> | undefined;
}

const name = fc.constantFrom("x", "n1", "file.txt", "lnk", "q");
const segs = fc.array(fc.constantFrom("a", "b", "c"), { minLength: 1, maxLength: 3 });
const content = fc.string({ minLength: 1, maxLength: 8 });
const tar = (members: Parameters<typeof ustar>[0]): { content: Uint8Array } => ({ content: new Uint8Array(ustar(members)) });

describe("§13.14: a file copied to dir/ where dir/<name> is a symlink replaces the link", () => {
  for (const builder of BUILDERS) {
    it(`${builder}: the link becomes the file (dangling or not), its target is untouched; named directly, the link is written through`, () => {
      fc.assert(
        fc.property(name, fc.boolean(), content, (n, dangling, text) => {
          const tree: TreeDescription = { [`pre/${n}`]: { symlink: "t" }, ...(dangling ? {} : { "pre/t": "T\n" }), [n]: text };
          const into = run(`FROM scratch\nCOPY pre/ /dst/\nCOPY ${n} /dst/\n`, tree, builder);
          expect(into.error).toBeNull();
          expect(entry(into, `/dst/${n}`)).toMatchObject({ type: "file", size: new TextEncoder().encode(text).length });
          if (dangling) expect(entry(into, "/dst/t")).toBeUndefined();
          else expect(entry(into, "/dst/t")).toMatchObject({ type: "file", size: 2 });
          // The destination as written names the link: written through (docs/semantics/copy-add.md §1.5).
          const named = run(`FROM scratch\nCOPY pre/ /dst/\nCOPY ${n} /dst/${n}\n`, tree, builder);
          expect(named.error).toBeNull();
          expect(entry(named, `/dst/${n}`)).toMatchObject({ type: "symlink", target: "t" });
          expect(entry(named, "/dst/t")).toMatchObject({ type: "file", size: new TextEncoder().encode(text).length });
        }),
        { numRuns: 40 },
      );
    });
  }
});

describe("§13.13: a file copied to dir/ where dir/<name> is a directory", () => {
  it("classic: the directory, contents and all, is replaced by the file; BuildKit refuses", () => {
    fc.assert(
      fc.property(name, segs, (n, inner) => {
        const tree: TreeDescription = { [`pre/${n}/${inner.join("/")}`]: "in\n", [n]: "S\n" };
        const df = `FROM scratch\nCOPY pre/ /dst/\nCOPY ${n} /dst/\n`;
        const c = run(df, tree, "legacy");
        expect(c.error).toBeNull();
        expect(entry(c, `/dst/${n}`)).toMatchObject({ type: "file", size: 2 });
        expect(listFiles(c.stage!.files, "/dst").entries.map((e) => e.path)).toEqual(["/dst", `/dst/${n}`]);
        expect(run(df, tree, "buildkit").error?.message).toBe(`cannot replace to directory <rootfs>/dst/${n} with file`);
      }),
      { numRuns: 30 },
    );
  });
});

describe("§13.11 / §13.15 / §13.20: a path onto or below an existing file", () => {
  it("BuildKit: a directory source onto a file fails in mkdir with a trailing slash, in the merge without", () => {
    const tree = { "a.txt": "A\n", "sub/x": "X\n" };
    expect(run("FROM scratch\nCOPY a.txt /dst\nCOPY sub /dst/\n", tree, "buildkit").error?.message).toBe("mkdir /dst: not a directory");
    expect(run("FROM scratch\nCOPY a.txt /dst\nCOPY sub /dst\n", tree, "buildkit").error?.message).toBe("cannot copy to non-directory: <rootfs>/dst");
  });

  for (const builder of BUILDERS) {
    it(`${builder}: WORKDIR and an ADDed archive's destination below a file fail to lstat the component below the file`, () => {
      fc.assert(
        fc.property(segs, segs, (at, below) => {
          const file = "/" + at.join("/");
          const tree = { "a.txt": "A\n", "t.tar": tar([{ name: "m", type: "file", content: "m\n", mode: 0o644 }]) };
          const want = `lstat ${builder === "buildkit" ? "" : "<rootfs>"}${file}/${below[0]}: not a directory`;
          const wd = run(`FROM scratch\nCOPY a.txt ${file}\nWORKDIR ${file}/${below.join("/")}\n`, tree, builder);
          expect(wd.error?.message).toBe(want);
          const add = run(`FROM scratch\nCOPY a.txt ${file}\nADD t.tar ${file}/${below.join("/")}\n`, tree, builder);
          expect(add.error?.message).toBe(builder === "buildkit" ? want : `failed to copy files: ${want}`);
          // A WORKDIR that *is* the file keeps its own message (docs/semantics/copy-add.md §1.6).
          expect(run(`FROM scratch\nCOPY a.txt ${file}\nWORKDIR ${file}\n`, tree, builder).error?.message).toBe(builder === "buildkit" ? `mkdir ${file}: not a directory` : `Cannot mkdir: ${file} is not a directory`);
        }),
        { numRuns: 30 },
      );
    });
  }
});

describe("§13.12: ADD of an archive whose member lies below an existing file", () => {
  for (const builder of BUILDERS) {
    it(`${builder}: the *at call of the member (or statat of a deeper one's parent) fails, relative to the destination`, () => {
      const cases = [
        [{ name: "sub/x", type: "file", content: "x\n", mode: 0o644 }, "openat sub/x"],
        [{ name: "sub/x/", type: "dir", mode: 0o755 }, "mkdirat sub/x"],
        [{ name: "sub/x", type: "symlink", target: "c.txt", mode: 0o777 }, "symlinkat c.txt sub/x"],
        [{ name: "sub/x/y/z", type: "file", content: "z\n", mode: 0o644 }, "statat sub/x"],
      ] as const;
      for (const [member, op] of cases) {
        const sim = run("FROM scratch\nCOPY a.txt /d/sub\nADD t.tar /d/\n", { "a.txt": "A\n", "t.tar": tar([member]) }, builder);
        expect(sim.error?.message).toBe(`${builder === "legacy" ? "failed to copy files: " : ""}${op}: not a directory`);
      }
      // A directory entry first replaces the file (both builders).
      const ok = run("FROM scratch\nCOPY a.txt /d/sub\nADD t.tar /d/\n", { "a.txt": "A\n", "t.tar": tar([{ name: "sub/", type: "dir", mode: 0o700 }, { name: "sub/x", type: "file", content: "x\n", mode: 0o644 }]) }, builder);
      expect(ok.error).toBeNull();
    });
  }
});

describe("§13.7 / §13.8 / §13.10: sources through loops, files and dangling links", () => {
  it("a symlink loop of any length, named or on the path: BuildKit too many links, classic forbidden path", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.boolean(), (len, through) => {
        const tree: TreeDescription = { "a.txt": "A\n", ...Object.fromEntries(Array.from({ length: len }, (_, k) => [`l${k}`, { symlink: `l${(k + 1) % len}` }])) };
        const src = through ? "l0/x" : "l0";
        expect(run(`FROM scratch\nCOPY ${src} /dst/\n`, tree, "buildkit").error?.message).toBe("failed to compute cache key: failed to calculate checksum of ref <ref>: too many links");
        expect(run(`FROM scratch\nCOPY ${src} /dst/\n`, tree, "legacy").error?.message).toBe(`COPY failed: forbidden path outside the build context: ${src} ()`);
      }),
      { numRuns: 20 },
    );
  });

  it("a symlink through a file: classic forbidden path, BuildKit not found", () => {
    const tree = { "a.txt": "A\n", lnk: { symlink: "a.txt/b" } };
    expect(run("FROM scratch\nCOPY lnk /dst/\n", tree, "legacy").error?.message).toBe("COPY failed: forbidden path outside the build context: lnk ()");
    expect(run("FROM scratch\nCOPY lnk /dst/\n", tree, "buildkit").error?.message).toBe('failed to compute cache key: failed to calculate checksum of ref <ref>: "/lnk": not found');
  });

  it("a wildcard matching a dangling symlink fails as if the link were named, beside other matches or not", () => {
    fc.assert(
      fc.property(fc.boolean(), (withFile) => {
        const tree: TreeDescription = { "sub/dangling": { symlink: "nowhere" }, ...(withFile ? { "sub/a.txt": "A\n" } : { "x.txt": "X\n" }) };
        expect(run("FROM scratch\nCOPY sub/* /dst/\n", tree, "buildkit").error?.message).toBe('failed to compute cache key: failed to calculate checksum of ref <ref>: "/sub/dangling": not found');
        expect(run("FROM scratch\nCOPY sub/* /dst/\n", tree, "legacy").error?.message).toBe("COPY failed: file not found in build context or excluded by .dockerignore: stat sub/dangling: file does not exist");
      }),
    );
  });
});

describe("§13.9 / §13.21: the classic dir: hash leaves out links its resolution fails on", () => {
  it("a directory with a looping link or a link through a file hashes as without it", () => {
    fc.assert(
      fc.property(fc.constantFrom<TreeDescription[string]>({ symlink: "bad" }, { symlink: "../f.txt/x" }, { symlink: "../f.txt/x/y" }), content, (bad, text) => {
        const base: TreeDescription = { "f.txt": "F\n", "sub/g.txt": text };
        const hash = (t: TreeDescription): string => run("FROM scratch\nCOPY sub /dst/\n", t, "legacy").stage!.history[0]!.created_by;
        expect(hash({ ...base, "sub/bad": bad })).toBe(hash(base));
      }),
      { numRuns: 20 },
    );
  });

  it("a link to the context root is hashed as its own path, not as the root", () => {
    const a = run("FROM scratch\nCOPY sub /dst/\n", { "sub/f.txt": "F\n", "sub/root": { symlink: "/" } }, "legacy").stage!.history[0]!.created_by;
    const b = run("FROM scratch\nCOPY sub /dst/\n", { "sub/f.txt": "F\n", "sub/root": { symlink: ".." } }, "legacy").stage!.history[0]!.created_by;
    expect(a).toBe(b);
  });
});

describe("§13.16 / §13.18 / §13.19: COPY --from and ADD --chown", () => {
  it("BuildKit: a --from wildcard under a directory the stage lacks fails to lstat it; classic finds no source", () => {
    const df = "FROM scratch AS s\nCOPY a.txt /a.txt\nFROM scratch\nCOPY --from=s /dst/* /x/\n";
    expect(run(df, { "a.txt": "A\n" }, "buildkit").error?.message).toBe("lstat /dst: no such file or directory");
    expect(run(df, { "a.txt": "A\n" }, "legacy").error?.message).toBe("COPY failed: no source files were specified");
  });

  it("--chown with -1: BuildKit makes it 0, classic leaves the id unchanged", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60000 }), fc.integer({ min: 1, max: 60000 }), (uid, gid) => {
        const df = `FROM scratch AS s\nCOPY --chown=${uid}:${gid} a.txt /a.txt\nFROM scratch\nCOPY --from=s --chown=-1:0 /a.txt /x\nCOPY --from=s --chown=0:-1 /a.txt /y\n`;
        const bk = run(df, { "a.txt": "A\n" }, "buildkit");
        expect([entry(bk, "/x"), entry(bk, "/y")].map((e) => [e?.uid, e?.gid])).toEqual([[0, 0], [0, 0]]);
        const c = run(df, { "a.txt": "A\n" }, "legacy");
        expect([entry(c, "/x"), entry(c, "/y")].map((e) => [e?.uid, e?.gid])).toEqual([[uid, 0], [0, gid]]);
      }),
      { numRuns: 20 },
    );
  });

  it("BuildKit: ADD --chown=-1:0 of an archive makes the entries and the created destination 0:0 (generated, seed 7)", () => {
    const tree = { "t.tar": tar([{ name: "m", type: "file", content: "", mode: 0o644, uid: 7, gid: 8 }]) };
    const sim = run("FROM scratch\nADD --chown=-1:0 t.tar /dst/sub/\n", tree, "buildkit");
    expect(["/dst", "/dst/sub", "/dst/sub/m"].map((p) => [entry(sim, p)?.uid, entry(sim, p)?.gid])).toEqual([[0, 0], [0, 0], [0, 0]]);
  });

  it("BuildKit: ADD --chown of an archive into an existing directory keeps its owner; a created one gets the --chown owner", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 5000 }), (owner, chown) => {
        const tree = { "a.txt": "A\n", "t.tar": tar([{ name: "m", type: "file", content: "m\n", mode: 0o644 }]) };
        const existing = run(`FROM scratch\nCOPY --chown=${owner}:${owner} a.txt /dst/\nADD --chown=${chown}:${chown} t.tar /dst/\n`, tree, "buildkit");
        expect(entry(existing, "/dst")).toMatchObject({ uid: owner, gid: owner });
        expect(entry(existing, "/dst/m")).toMatchObject({ uid: chown, gid: chown });
        const created = run(`FROM scratch\nCOPY a.txt /a.txt\nADD --chown=${chown}:${chown} t.tar /dst/\n`, tree, "buildkit");
        expect(entry(created, "/dst")).toMatchObject({ uid: chown, gid: chown });
      }),
      { numRuns: 20 },
    );
  });
});

describe("§13.1 / §13.4 / §13.5 / §13.6 / §13.17: BuildKit's order — cache keys of the whole graph, then execution", () => {
  // Earlier instructions failing while executing, with what a build stopping there says.
  const execErrors = [
    ["COPY --chown=alice a.txt /dst/\n", "invalid user index: -1"],
    ["COPY a.txt /dst\nCOPY a.txt /dst/x\n", "mkdir /dst: not a directory"],
    ["COPY a.txt /w\nWORKDIR /w/x\n", "lstat /w/x: not a directory"],
  ] as const;

  it("each of those execution errors is what BuildKit reports when nothing is missing", () => {
    for (const [first, err] of execErrors) expect(run(`FROM scratch\n${first}COPY a.txt /z\n`, tree, "buildkit").error?.message).toBe(err);
  });
  const tree = { "a.txt": "A\n", "sub/x": "X\n" };

  it("a missing source of a later instruction is reported before an earlier execution error (BuildKit); classic stops at the first", () => {
    fc.assert(
      fc.property(fc.constantFrom(...execErrors), fc.constantFrom("missing", "sub/missing", "nodir/x"), fc.boolean(), ([first], missing, viaStage) => {
        const df = viaStage ? `FROM scratch AS s\nCOPY a.txt /a\nFROM scratch\n${first}COPY --from=s /${missing} /\n` : `FROM scratch\n${first}COPY ${missing} /\n`;
        expect(run(df, tree, "buildkit").error?.message).toBe(`failed to compute cache key: failed to calculate checksum of ref <ref>: "/${missing}": not found`);
        expect(run(df, tree, "legacy").error?.message).not.toMatch(/not found|does not exist/);
      }),
      { numRuns: 30 },
    );
  });

  it("--exclude with a missing source: an execution error (lstat), after an earlier --chown failure", () => {
    expect(run("FROM scratch\nCOPY a.txt /a.txt\nCOPY --exclude=*.md sub/missing /dst/\n", tree, "buildkit").error?.message).toBe("lstat /sub/missing: no such file or directory");
    expect(run("FROM scratch\nCOPY --chown=alice --exclude=*.md missing /dst/\n", tree, "buildkit").error?.message).toBe("invalid user index: -1");
  });

  it("sources are copied in order: an earlier source's failure comes before a later wildcard's missing directory", () => {
    expect(run("FROM scratch\nCOPY a.txt /out\nCOPY sub nodir/* /out\n", tree, "buildkit").error?.message).toBe("cannot copy to non-directory: <rootfs>/out");
    expect(run("FROM scratch\nCOPY a.txt /out\nCOPY nodir/* sub /out\n", tree, "buildkit").error?.message).toBe("lstat /nodir: no such file or directory");
  });

  it("a missing source below another source of the same COPY is not checksummed: lstat at copy time", () => {
    fc.assert(
      fc.property(segs, (below) => {
        const p = `sub/${below.join("/")}/missing`;
        expect(run(`FROM scratch\nCOPY sub ${p} /\n`, tree, "buildkit").error?.message).toBe(`lstat /${p}: no such file or directory`);
        expect(run(`FROM scratch\nCOPY ${p} /\n`, tree, "buildkit").error?.message).toBe(`failed to compute cache key: failed to calculate checksum of ref <ref>: "/${p}": not found`);
      }),
      { numRuns: 10 },
    );
  });

  it("COPY --from a stage that is the current stage's own state: a missing path is an lstat error; another state gives not found", () => {
    expect(run("FROM scratch AS s\nUSER 1000\nFROM scratch\nCOPY --from=s /x /\n", tree, "buildkit").error?.message).toBe("lstat /x: no such file or directory");
    expect(run("FROM scratch AS s\nCOPY a.txt /a.txt\nFROM scratch\nCOPY a.txt /a.txt\nCOPY --from=s /dst /dst/\n", tree, "buildkit").error?.message).toBe("lstat /dst: no such file or directory");
    expect(run("FROM scratch AS s\nCOPY a.txt /a.txt\nFROM scratch\nCOPY a.txt /b.txt\nCOPY --from=s /dst /dst/\n", tree, "buildkit").error?.message).toBe('failed to compute cache key: failed to calculate checksum of ref <ref>: "/dst": not found');
  });
});

describe("known divergences warn exactly where they apply", () => {
  const warnings = (sim: Simulation): string[] => sim.diagnostics.filter((d) => d.code === "simulator/known-divergence").map((d) => `${d.builder ?? "both"} ${d.severity}`);

  it("BuildKit: a COPY --from of a failed stage in a stage that failed earlier (concurrent stages)", () => {
    const tree = { "d.md": "D\n", "sub/x.txt": "X\n" };
    const df = "FROM scratch AS s\nCOPY sub/ /\nCOPY sub /x.txt\nFROM scratch\nCOPY --chown=alice:nogroup d.md /top/\nCOPY --from=s / /dst/\n";
    expect(warnings(run(df, tree, "buildkit"))).toEqual(["buildkit warning"]);
    expect(warnings(run(df, tree, "legacy"))).toEqual([]);
    // Without the earlier failure of the final stage, nothing to warn of.
    expect(warnings(run(df.replace("--chown=alice:nogroup ", ""), tree, "buildkit"))).toEqual([]);
  });
});

describe("§9.6: classic, a layer right after a COPY/ADD that changed nothing cannot be exported", () => {
  const fails = "failed to export image: failed to create image: failed to get layer sha256:<digest>: layer does not exist";
  const steps = ["ENV X=1\n", "WORKDIR /w\n", "LABEL l=1\n", "USER 5\n", "FROM scratch\n"];

  it("fails exactly when the layer-adding COPY/ADD directly follows the no-change one (BuildKit never)", () => {
    fc.assert(
      fc.property(fc.constantFrom("COPY", "ADD"), fc.constantFrom("COPY", "ADD"), fc.option(fc.constantFrom(...steps), { nil: undefined }), (k1, k2, between) => {
        const df = `FROM scratch\nCOPY a.txt /c.txt\n${k1} a.txt /c.txt\n${between ?? ""}${k2} b.txt /d.txt\n`;
        const tree = { "a.txt": "A\n", "b.txt": "B\n" };
        expect(run(df, tree, "legacy").error?.message ?? null).toBe(between === undefined ? fails : null);
        expect(run(df, tree, "buildkit").error).toBeNull();
      }),
      { numRuns: 40 },
    );
  });

  it("a following COPY that changes nothing either is fine", () => {
    expect(run("FROM scratch\nCOPY a.txt /c.txt\nCOPY a.txt /c.txt\nCOPY a.txt /c.txt\n", { "a.txt": "A\n" }, "legacy").error).toBeNull();
  });
});

describe("hard links survive COPY --from (generated, seed 23)", () => {
  for (const builder of BUILDERS) {
    it(`${builder}: a file linked at several paths in the stage stays linked in the copy, with or without --chown`, () => {
      fc.assert(
        fc.property(fc.uniqueArray(fc.constantFrom("a/x", "b/y", "c", "d/e/f"), { minLength: 2, maxLength: 4 }), fc.boolean(), (paths, chown) => {
          const [first, ...rest] = paths;
          const members = [{ name: first!, type: "file" as const, content: "m\n", mode: 0o644 }, ...rest.map((p) => ({ name: p, type: "hardlink" as const, target: first!, mode: 0o644 }))];
          const sim = run(`FROM scratch AS s\nADD t.tar /\nFROM scratch\nCOPY --from=s ${chown ? "--chown=1:2 " : ""}/ /dst/\n`, { "t.tar": tar(members) }, builder);
          expect(sim.error).toBeNull();
          // The export names the first path (in listing order) and links the others to it.
          const listed = new Map(listFiles(sim.stage!.files, "/dst").entries.map((e) => [e.path, e as unknown as Record<string, unknown>]));
          const [head, ...others] = [...paths].sort();
          expect(listed.get(`/dst/${head!}`)?.hardlink).toBeUndefined();
          for (const p of others) expect(listed.get(`/dst/${p}`)).toMatchObject({ hardlink: `/dst/${head!}`, uid: chown ? 1 : 0 });
        }),
        { numRuns: 20 },
      );
    });
  }
});
