/**
 * COPY/ADD/WORKDIR differential test in `npm test`: `COPY_ORACLE_RUNS` (default 20) generated cases per
 * builder (`spec/oracle/generators/context.ts`: files, directories, symlinks, archives in every compression
 * under honest and misleading names, `.dockerignore` with exceptions, destination forms, `--chown`
 * numeric and by name with /etc/passwd copied in first, `--chmod` for BuildKit, `--from` an earlier
 * stage, wildcards) are built for real with BuildKit and the classic builder and compared with the
 * simulator (build outcome and error, history, layer count, every exported file) by the rules of
 * `compare.ts`. The seed is fixed (`COPY_ORACLE_SEED`, default 1), so the suite is deterministic;
 * `node --import tsx spec/fs/copy/differential.ts --runs N --seed S` explores more. A divergence fails
 * the test with its reproducer, shrunk by fast-check with real builds (capped: 25 builds each, 3
 * divergences per builder).
 *
 * The same number of cases per builder run again on a base image with files (`oracle/copy-base`,
 * `base-image.ts`: named users and groups, existing directories, a setgid one, files and symlinks where
 * the destinations land), which the simulator is told as the engine exports it: `--chown` names from the
 * image's `/etc/passwd`, WORKDIR on existing directories, COPY/ADD over and into existing paths.
 *
 * The engine part is skipped without an engine (it fails with `ORACLE_REQUIRED=1`); the generator checks
 * need no engine.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { oracleSuite } from "../../oracle/suite.js";
import { copyCaseArb, renderCase, renderContext, TAGS, type CopyTag } from "../../oracle/generators/context.js";
import { gunzipSync } from "node:zlib";
import { memoryContext } from "../../../src/fs/context/memory-context.js";
import { listFiles } from "../../../src/fs/vfs/list-tree.js";
import { simulate } from "../../../src/simulate.js";
import { fixtureTree } from "./compare.js";
import { assembleCheck, COPY_BUILDERS, describeRunDivergence, fixtureContext, formatCopyReport, generateCopyCases, runCopyDifferential, signature } from "./differential.js";
import { listTar, type BuildResult, type ExportedFile } from "./harness.js";
import { COPY_BASE_REF, liveCopyBase, type CopyBase } from "./base-image.js";

const runs = Number.parseInt(process.env.COPY_ORACLE_RUNS ?? "20", 10);
const seed = Number.parseInt(process.env.COPY_ORACLE_SEED ?? "1", 10);

await oracleSuite("COPY/ADD differential: generated contexts, simulator vs real builds", (engine) => {
  for (const builder of COPY_BUILDERS) {
    it(
      `${runs} generated case(s) with ${builder} (seed ${seed}) agree on build, history, layers and files`,
      async () => {
        const r = await runCopyDifferential(engine, { runs, seed, builders: [builder], concurrency: 3, maxShrinkBuilds: 25, maxShrunk: 3 });
        console.log(formatCopyReport(r));
        expect(r.builders[builder]!.cases).toBe(runs);
        expect(r.divergences.map(describeRunDivergence)).toEqual([]);
      },
      // Generous: a loaded 2-core machine builds ~40 cases/min; shrinking adds up to 75 builds.
      Math.max(10, runs) * 20_000 + 75 * 10_000,
    );
  }
  let base: Promise<CopyBase> | undefined;
  for (const builder of COPY_BUILDERS) {
    it(
      `${runs} generated case(s) on the base image ${COPY_BASE_REF} (its files as the engine exports them) with ${builder} (seed ${seed}) agree on build, history, layers and files`,
      async () => {
        base ??= liveCopyBase(engine);
        const r = await runCopyDifferential(engine, { runs, seed, builders: [builder], concurrency: 3, maxShrinkBuilds: 25, maxShrunk: 3, base: await base });
        console.log(formatCopyReport(r));
        expect(r.base).toBe(COPY_BASE_REF);
        expect(r.builders[builder]!.cases).toBe(runs);
        expect(r.divergences.map(describeRunDivergence)).toEqual([]);
      },
      Math.max(10, runs) * 20_000 + 75 * 10_000,
    );
  }
});

describe("COPY/ADD case generators (no engine needed)", () => {
  const samples = Object.fromEntries(COPY_BUILDERS.map((b) => [b, fc.sample(copyCaseArb(b), { numRuns: 300, seed: 5 }).map(renderCase)]));

  it("put heredoc sources in CI's cases (COPY_ORACLE_RUNS=100, seed 1) for both builders", () => {
    for (const b of COPY_BUILDERS) {
      const n = generateCopyCases(b, 100, 1).filter((g) => renderCase(g).tags.includes("heredoc")).length;
      console.log(`generated COPY/ADD cases with heredocs in CI's run (COPY_ORACLE_RUNS=100, seed 1), ${b}: ${n} of 100`);
      expect(n, b).toBeGreaterThan(10);
    }
  });

  it("cover every feature tag in 300 cases per builder (--chmod only for BuildKit)", () => {
    for (const b of COPY_BUILDERS) {
      const seen = new Set<CopyTag>(samples[b]!.flatMap((c) => c.tags as CopyTag[]));
      const want = TAGS.filter((t) => b === "buildkit" || !t.startsWith("chmod"));
      expect(want.filter((t) => !seen.has(t)), b).toEqual([]);
      if (b === "legacy") expect(samples[b]!.filter((c) => c.dockerfile.includes("--chmod"))).toEqual([]);
    }
  });

  it("never need the network: no URL, --from only names an earlier stage, FROM scratch only", () => {
    for (const c of Object.values(samples).flat()) {
      expect(c.dockerfile).not.toMatch(/:\/\//);
      const froms = [...c.dockerfile.matchAll(/--from=(\S+)/g)].map((m) => m[1]);
      for (const f of froms) expect(["s", "0"]).toContain(f);
      if (froms.length > 0) expect(c.dockerfile.startsWith("FROM scratch AS s\n")).toBe(true);
      for (const line of c.dockerfile.split("\n").filter((l) => l.startsWith("FROM "))) expect(line).toMatch(/^FROM scratch( AS s)?$/);
    }
  });

  it("make contexts the harness can write: relative paths, nothing under a file, archives that are what they say", () => {
    for (const c of Object.values(samples).flat()) {
      const keys = Object.keys(c.context);
      for (const k of keys) {
        expect(k === "" || k.startsWith("/") || k.split("/").includes(".."), k).toBe(false);
        const parent = k.split("/").slice(0, -1);
        for (let i = 1; i <= parent.length; i++) {
          const v = c.context[parent.slice(0, i).join("/")];
          expect(v === undefined || (typeof v === "object" && "dir" in v), `${k} under a non-directory`).toBe(true);
        }
      }
      expect("Dockerfile" in c.context).toBe(false);
    }
    // A gzip-compressed tar archive really is one: its members are listed back.
    const g = fc.sample(copyCaseArb("buildkit"), { numRuns: 200, seed: 9 }).find((x) =>
      x.archives.some((a) => a.members !== null && a.members.length > 0 && renderContext(x)[a.name] !== undefined && !a.honest && a.compress === "gzip"),
    );
    expect(g).toBeDefined();
    const a = g!.archives.find((x) => x.members !== null && x.members.length > 0 && !x.honest && x.compress === "gzip")!;
    const bytes = fixtureContext(renderContext(g!))[a.name]!;
    expect(typeof bytes === "object" && "base64" in bytes).toBe(true);
    const listed = listTar(gunzipSync(Buffer.from((bytes as { base64: string }).base64, "base64"))).map((e) => e.path);
    expect(listed).toEqual(a.members!.map((m) => "/" + m.name.replace(/\/$/, "")));
  });
});

describe("COPY/ADD differential comparison (no engine needed)", () => {
  const rendered = {
    builder: "buildkit" as const,
    dockerfile: "FROM scratch\nCOPY etc/ /etc/\nCOPY --chown=alice:root a /dst/\nWORKDIR /w\nADD t.tar.gz /x/\nCOPY lnk /l/\n",
    context: {
      "etc/passwd": "root:x:0:0:root:/root:/bin/sh\nalice:x:1001:1002::/:/bin/sh\n",
      "etc/group": "root:x:0:\n",
      a: { content: "A\n", mode: 0o4755 },
      lnk: { symlink: "a" },
      "t.tar.gz": { archive: { tar: [{ name: "d/f", type: "file" as const, content: "f\n", mode: 0o600, uid: 7, gid: 8 }], compress: "gzip" as const } },
    },
    tags: [],
  };
  const initLayer: ExportedFile[] = [
    { path: "/.dockerenv", type: "file", mode: 0o755, uid: 0, gid: 0, size: 0, sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
    { path: "/dev", type: "dir", mode: 0o755, uid: 0, gid: 0 },
    { path: "/etc", type: "dir", mode: 0o755, uid: 0, gid: 0 },
    { path: "/etc/hosts", type: "file", mode: 0o755, uid: 0, gid: 0, size: 0, sha256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
    { path: "/proc", type: "dir", mode: 0o755, uid: 0, gid: 0 },
  ];
  /** What an engine that agreed with the simulator would have exported (plus the init layer). */
  const agreeing = (builder: "buildkit" | "legacy"): Extract<BuildResult, { ok: true }> => {
    const context = fixtureContext(rendered.context);
    const tree = fixtureTree({ id: "x", title: "x", dockerfile: rendered.dockerfile, context: { ...context, Dockerfile: { content: rendered.dockerfile, mode: 0o644 } }, paths: [], results: {} as never });
    const sim = simulate(rendered.dockerfile, { builder, context: () => memoryContext(tree, { builder: builder }) });
    expect(sim.error).toBeNull();
    const files = listFiles(sim.stage!.files, "/").entries.flatMap((e): ExportedFile[] => {
      if (e.path === "/" || e.type === "unknown" || e.path === "/etc") return [];
      const base = { path: e.path, mode: e.mode, uid: e.uid, gid: e.gid };
      if (e.type === "file") return [{ ...base, type: "file", size: e.size!, sha256: e.sha256!, ...(e.hardlink === undefined ? {} : { hardlink: e.hardlink }) }];
      if (e.type === "symlink") return [{ ...base, type: "symlink", target: e.target }];
      return [{ ...base, type: "dir" }];
    });
    return { ok: true, history: sim.stage!.history.map((h) => ({ created_by: h.created_by, empty_layer: h.empty_layer })), layers: sim.stage!.layers!, files: [...files, ...initLayer].sort((x, y) => (x.path < y.path ? -1 : 1)) };
  };

  for (const builder of COPY_BUILDERS) {
    it(`${builder}: an agreeing engine result agrees (init layer ignored); each kind of difference is a divergence`, () => {
      const ok = agreeing(builder);
      const same = assembleCheck({ ...rendered, builder }, builder, ok);
      expect(same.comparison.divergences).toEqual([]);
      expect(same.fixture.paths).toEqual(["/dst", "/etc/group", "/etc/passwd", "/l", "/w", "/x"]);
      const mutate = (f: (r: Extract<BuildResult, { ok: true }>) => void): string[] => {
        const r = structuredClone(ok);
        f(r);
        return assembleCheck({ ...rendered, builder }, builder, r).comparison.divergences.map(signature);
      };
      expect(mutate((r) => (r.files.find((f) => f.path === "/x/d/f")!.mode = 0o644))).toEqual(["files: mode differ"]);
      expect(mutate((r) => (r.files.find((f) => f.path === "/etc/passwd")!.uid = 5))).toEqual(["files: uid differ"]);
      expect(mutate((r) => r.files.push({ path: "/zz", type: "dir", mode: 0o755, uid: 0, gid: 0 }))).toEqual(["files: engine-only entry"]);
      expect(mutate((r) => (r.files = r.files.filter((f) => f.path !== "/l/lnk")))).toEqual(["files: simulator-only entry"]);
      expect(mutate((r) => (r.history[1]!.created_by += " "))).toEqual(["history: created_by"]);
      expect(mutate((r) => (r.layers += 1))).toEqual(["layers"]);
      expect(assembleCheck({ ...rendered, builder }, builder, { ok: false, error: "boom" }).comparison.divergences.map(signature)).toEqual(["build: engine error boom / sim ok"]);
    });
  }

  it("BuildKit: another missing source than the simulator's first is unknowable only when the simulator also finds it missing", () => {
    const nf = (p: string): string => `failed to compute cache key: failed to calculate checksum of ref <ref>: "${p}": not found`;
    const c = { builder: "buildkit" as const, dockerfile: "FROM scratch\nCOPY m1 /\nCOPY m2 /\n", context: { a: "A\n" }, tags: [] };
    expect(assembleCheck(c, "buildkit", { ok: false, error: nf("/m1") }).comparison.divergences).toEqual([]);
    const other = assembleCheck(c, "buildkit", { ok: false, error: nf("/m2") }).comparison;
    expect(other.divergences).toEqual([]);
    expect(other.unknowable.join()).toMatch(/one of several missing sources/);
    expect(assembleCheck(c, "buildkit", { ok: false, error: nf("/a") }).comparison.divergences.map((d) => d.category)).toEqual(["build"]);
  });

  it("a divergence is known (reported, not failing) only where the simulator warned simulator/known-divergence for that builder", () => {
    // docs/semantics/copy-add.md, known divergence 1: the engine reported the final stage's own error.
    const own = { ok: false as const, error: "invalid user index: -1" };
    const dockerfile = "FROM scratch AS s\nCOPY sub/ /\nCOPY sub /x.txt\nFROM scratch\nCOPY --chown=alice:nogroup d.md /top/\nCOPY --from=s / /dst/\n";
    const warned = { builder: "buildkit" as const, dockerfile, context: { "d.md": "D\n", "sub/x.txt": "X\n" }, tags: [] };
    const k = assembleCheck(warned, "buildkit", own);
    expect(k.comparison.divergences).toEqual([]);
    expect(k.known.map((d) => d.category)).toEqual(["build"]);
    expect(k.comparison.knownDivergence.join()).toMatch(/concurrently/);
    // The same engine result without the situation the simulator warns about fails.
    const unwarned = { ...warned, dockerfile: dockerfile.replace("COPY --from=s / /dst/\n", "") };
    const u = assembleCheck(unwarned, "buildkit", { ok: false, error: "cannot copy to non-directory: <rootfs>/x.txt" });
    expect(u.known).toEqual([]);
    expect(u.comparison.divergences.map((d) => d.category)).toEqual(["build"]);
    // A warning for the other builder does not count.
    expect(assembleCheck({ ...warned, builder: "legacy" }, "legacy", own).known).toEqual([]);
  });

});
