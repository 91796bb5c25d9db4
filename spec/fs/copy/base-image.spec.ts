/**
 * The COPY/ADD differential on a base image with files (issue 16, point 5): `oracle/copy-base`
 * (`spec/oracle/base-images.ts`) has `/etc/passwd` and `/etc/group` with named users and groups, and
 * directories (one setgid), files and symlinks where generated destinations and WORKDIRs land. The
 * simulator is told the image as the engine exports it; the generated cases run live in
 * `differential.spec.ts` (both builders, `COPY_ORACLE_RUNS` each).
 *
 * Without an engine: the recorded cases (`record-base.ts`: the image, and 50 generated cases per builder
 * with what the engine gave) are replayed against the simulator, and the generator is checked. With an
 * engine: the engine's image is the recorded one (else the recording is stale: re-record).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { oracleSuite } from "../../oracle/suite.js";
import { BASE_TAGS, COPY_BASE_PATHS, copyCaseArb, renderCase, type CopyTag } from "../../oracle/generators/context.js";
import { COPY_BASE_REF, liveCopyBase, recordedBaseCases, recordedCopyBase } from "./base-image.js";
import { assembleCheck, COPY_BUILDERS, describeCopyDivergence } from "./differential.js";

const base = recordedCopyBase();

describe("COPY/ADD cases on a base image with files, recorded on Docker 28.5 (no engine needed)", () => {
  const recorded = recordedBaseCases(base);

  it("the recording holds the base image's files and export, and cases for both builders, some built and some failing", () => {
    expect(base.engine).toMatch(/^28\.5\./);
    expect(base.image.files?.complete).toBe(true);
    expect(base.export?.length).toBeGreaterThan(0);
    for (const b of COPY_BUILDERS) {
      const mine = recorded.cases.filter((c) => c.builder === b);
      expect(mine.length, b).toBe(recorded.runs);
      expect(mine.some((c) => c.result.ok) && mine.some((c) => !c.result.ok), b).toBe(true);
    }
  });

  it("the generator's picture of the base image (COPY_BASE_PATHS) is what the image has", () => {
    const entries = base.image.files!.entries;
    for (const d of COPY_BASE_PATHS.dirs) expect(entries[d]?.type, d).toBe("dir");
    for (const f of COPY_BASE_PATHS.files) expect(entries[f]?.type, f).toBe("file");
    for (const [l, target] of Object.entries(COPY_BASE_PATHS.symlinks)) expect(entries[l], l).toMatchObject({ type: "symlink", target });
    expect(entries["/w"]).toMatchObject({ mode: 0o2750, uid: 1001, gid: 2000 });
  });

  for (const c of recorded.cases) {
    it(`${c.builder} #${c.index}: the simulator agrees with the recorded build (${c.result.ok ? "built" : "failed"})`, () => {
      const check = assembleCheck(c.rendered, c.builder, c.result, `base-${recorded.seed}-${c.index}`, base);
      expect(check.comparison.divergences.flatMap(describeCopyDivergence), c.rendered.dockerfile).toEqual([]);
    });
  }

  it("a recorded result the simulator does not match is a divergence (the replay can fail)", () => {
    const built = recorded.cases.find((c) => c.result.ok && c.result.files.some((f) => f.path === "/w"))!;
    expect(built).toBeDefined();
    const r = structuredClone(built.result) as Extract<typeof built.result, { ok: true }>;
    r.files.find((f) => f.path === "/w")!.gid = 0;
    expect(assembleCheck(built.rendered, built.builder, r, "mutated", base).comparison.divergences.map((d) => d.category)).toEqual(["files"]);
  });

  it("generated base-image cases start FROM the base image, write over and into what it has, and need no network", () => {
    for (const b of COPY_BUILDERS) {
      const samples = fc.sample(copyCaseArb(b, { base: COPY_BASE_REF }), { numRuns: 300, seed: 5 }).map(renderCase);
      const seen = new Set<CopyTag>(samples.flatMap((c) => c.tags as CopyTag[]));
      expect(BASE_TAGS.filter((t) => !seen.has(t)), b).toEqual([]);
      for (const c of samples) {
        const froms = c.dockerfile.split("\n").filter((l) => l.startsWith("FROM "));
        expect(froms[froms.length - 1], c.dockerfile).toBe(`FROM ${COPY_BASE_REF}`);
        expect(c.dockerfile).not.toMatch(/:\/\//);
      }
      // --chown names mostly resolve from the base image's own /etc/passwd (no copy of the context's).
      expect(samples.filter((c) => c.tags.includes("base-chown-name")).length, b).toBeGreaterThan(20);
    }
  });
});

await oracleSuite("COPY/ADD base image oracle/copy-base: the engine's is the recorded one", (engine) => {
  it("has the recorded config, layers, history length and files", async () => {
    const live = await liveCopyBase(engine);
    expect(live.history).toBe(base.history);
    expect(live.image.layers).toBe(base.image.layers);
    expect(live.image.config).toEqual(base.image.config);
    expect(live.image.files).toEqual(base.image.files);
  }, 300_000);
});
