/**
 * The docs page "What will my container run?" shows the ENTRYPOINT × CMD table the simulator computes at
 * site build (`docs/site/matrix-table.ts`). Every cell it shows, for both builders, must equal what Docker
 * Engine 28.5 did with the same Dockerfile and `docker run` (recorded by `spec/matrix/record-docs-matrix.ts`).
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ALL_FORMS, BUILDERS, RUN_NAMES, RUNS, cellDockerfile, matrixTable } from "../../docs/site/matrix-table.js";
import type { DocsMatrixFixture } from "../matrix/record-docs-matrix.js";

const fixture = JSON.parse(readFileSync(new URL("../fixtures/engine-28.5/matrix-docs.json", import.meta.url), "utf8")) as DocsMatrixFixture;
const table = matrixTable();

describe("the ENTRYPOINT × CMD page against real builds on 28.5", () => {
  it("was recorded on Docker Engine 28.5 with the page's Dockerfiles and docker run variants", () => {
    expect(fixture.engine).toMatch(/^28\.5\./);
    expect(fixture.cells.map((c) => c.dockerfile)).toEqual(ALL_FORMS.flatMap((e) => ALL_FORMS.map((c) => cellDockerfile(e, c))));
    for (const c of fixture.cells) expect(c.runs.map((r) => r.name)).toEqual(RUN_NAMES);
    for (const c of fixture.cells) for (const r of c.runs) expect(r.overrides).toEqual(JSON.parse(JSON.stringify(RUNS[r.name as keyof typeof RUNS])));
    // The base the page simulates on is the recorded one: no Entrypoint, no Cmd.
    expect(fixture.base.Config).toMatchObject({ Entrypoint: null, Cmd: null });
  });

  it("has every cell of the page (5 × 5 forms)", () => {
    expect(table.map((c) => c.dockerfile)).toEqual(fixture.cells.map((c) => c.dockerfile));
  });

  for (const builder of BUILDERS) {
    it(`${builder}: every cell's config and argv equal the real build's`, () => {
      let checked = 0;
      table.forEach((cell, i) => {
        const real = fixture.cells[i]![builder];
        const where = `${builder} ENTRYPOINT=${cell.entrypoint} CMD=${cell.cmd}`;
        expect(real.build, where).toEqual({ ok: true });
        expect(cell.config[builder], where).toEqual({ Entrypoint: real.config!.Entrypoint, Cmd: real.config!.Cmd });
        RUN_NAMES.forEach((name, k) => {
          const r = real.runs![k]!;
          expect(cell.runs[builder][name], `${where} ${name}`).toEqual(r.ok ? { ok: true, argv: [r.path, ...r.args] } : { ok: false, error: r.error });
          checked += 1;
        });
      });
      expect(checked).toBe(25 * RUN_NAMES.length);
    });
  }

  it("marks exactly the cells where the real builders differed", () => {
    fixture.cells.forEach((c, i) => {
      const differ = JSON.stringify([c.buildkit.config, c.buildkit.runs]) !== JSON.stringify([c.legacy.config, c.legacy.runs]);
      expect(table[i]!.buildersDiffer, c.dockerfile).toBe(differ);
    });
    expect(table.some((c) => c.buildersDiffer)).toBe(true);
  });
});
