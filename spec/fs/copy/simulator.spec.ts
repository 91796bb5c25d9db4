/**
 * The simulator's files, history, layers and errors for COPY, ADD and WORKDIR, checked against the
 * real builds recorded in `spec/fixtures/engine-28.5/copy-add.json` (both builders of Docker 28.5;
 * re-record with `node --import tsx spec/fs/copy/record.ts`). No Docker needed.
 *
 * A case may agree with part of it explicitly unknowable (a URL the recording engine could not
 * reach, an image whose files the simulator was not given): those parts are listed, never guessed.
 */
import { describe, expect, it } from "vitest";
import { COPY_CASES } from "./cases.js";
import { compareCase, loadCopyFixture } from "./compare.js";
import { divergenceIdOf } from "../../oracle/known-warnings.js";

const fixture = loadCopyFixture();
const known = new Map(COPY_CASES.flatMap((c) => (c.knownDivergence === undefined ? [] : [[c.id, c.knownDivergence] as const])));

describe(`COPY/ADD/WORKDIR vs recorded real builds (engine ${fixture.engine})`, () => {
  for (const c of fixture.cases) {
    for (const builder of ["buildkit", "legacy"] as const) {
      const k = known.get(c.id);
      if (k !== undefined && (k.builder === builder || k.builder === "both")) {
        // A known divergence (docs/semantics/copy-add.md): it must still diverge (else the rule is now
        // followed: drop the mark), and the simulator must warn that a real build may differ here.
        it(`${c.id} [${builder}] still diverges, with a simulator/known-divergence warning (${k.divergence}): ${c.title}`, () => {
          const r = compareCase(c, builder);
          expect(r.divergences.length).toBeGreaterThan(0);
          expect(r.knownDivergence.map(divergenceIdOf)).toContain(k.divergence);
        });
        continue;
      }
      it(`${c.id} [${builder}]: ${c.title}`, () => {
        const r = compareCase(c, builder);
        expect(r.divergences.map((d) => `${d.category}: engine ${JSON.stringify(d.engine)}\n  simulator ${JSON.stringify(d.simulator)}`)).toEqual([]);
      });
    }
  }

  it("warns of a known divergence only on the cases marked with it, for their builder", () => {
    const warned = fixture.cases.flatMap((c) => (["buildkit", "legacy"] as const).filter((b) => compareCase(c, b).knownDivergence.length > 0).map((b) => `${c.id} [${b}]`));
    const marked = [...known].flatMap(([id, k]) => (k.builder === "both" ? ["buildkit", "legacy"] : [k.builder]).map((b) => `${id} [${b}]`));
    expect(warned.sort()).toEqual(marked.sort());
  });

  it("says what it cannot know only where the recording could not know either, or lacked the image's files", () => {
    const unknowable = fixture.cases.flatMap((c) => (["buildkit", "legacy"] as const).flatMap((b) => compareCase(c, b).unknowable.map((u) => `${c.id} [${b}] ${u}`)));
    for (const u of unknowable) expect(u).toMatch(/no network|does not know|unknown to the simulator|simulator does not have|depend on whether files changed/);
    // Most cases are fully known: FROM scratch with a given context leaves nothing to guess.
    expect(unknowable.length).toBeLessThan(fixture.cases.length / 5);
  });
});
