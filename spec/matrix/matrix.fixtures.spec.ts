/**
 * The ENTRYPOINT × CMD matrix against results recorded from real builds on Docker Engine 28.5
 * (`spec/fixtures/engine-28.5/matrix.json`, written by `npx tsx spec/matrix/record-matrix.ts`). Runs without
 * Docker: the base images come from the inspect JSON recorded with the cases.
 *
 * Expected values are the engine's, never the simulator's: a few anchor cells are also checked against
 * `docs/semantics/docker-28.5.md` so a fixture not produced by a real engine is caught.
 */
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import {
  BASE_KINDS,
  CMD_FORMS,
  ENTRYPOINT_FORMS,
  RUN_OVERRIDES,
  compareCase,
  describeDisagreement,
  matrixCases,
  resolverFromInspect,
  simulateCase,
  summarize,
  type BaseKind,
  type Cell,
  type MatrixFixture,
  type Observed,
} from "./matrix-cases.js";

const BUILDERS = ["buildkit", "legacy"] as const;
const fixture = JSON.parse(readFileSync(new URL("../fixtures/engine-28.5/matrix.json", import.meta.url), "utf8")) as MatrixFixture;
const cases = matrixCases();
const recorded = new Map(fixture.cases.map((c) => [c.id, c] as const));
const resolver = resolverFromInspect(fixture.bases);

describe("ENTRYPOINT × CMD matrix: the recorded fixtures", () => {
  it("were recorded with Docker Engine 28.5", () => {
    expect(fixture.engine).toMatch(/^28\.5\./);
    expect(Number.isNaN(Date.parse(fixture.recordedAt))).toBe(false);
  });

  it("hold exactly the cases of the generator (else re-run spec/matrix/record-matrix.ts)", () => {
    const now = cases.map((c) => ({ id: c.id, dockerfile: c.dockerfile, runs: c.runs }));
    const then = fixture.cases.map((c) => ({ id: c.id, dockerfile: c.dockerfile, runs: c.runs }));
    expect(then).toEqual(JSON.parse(JSON.stringify(now)));
  });

  it("cover every (ENTRYPOINT, CMD, order, base) cell and every run override", () => {
    const cells = new Set(cases.map((c) => `${c.base}/${c.entrypoint}/${c.cmd}/${c.order}`));
    let expected = 0;
    for (const base of Object.keys(BASE_KINDS)) {
      for (const e of Object.keys(ENTRYPOINT_FORMS) as (keyof typeof ENTRYPOINT_FORMS)[]) {
        for (const c of Object.keys(CMD_FORMS) as (keyof typeof CMD_FORMS)[]) {
          const both = ENTRYPOINT_FORMS[e] !== null && CMD_FORMS[c] !== null;
          for (const order of both ? ["cmd-first", "entrypoint-first"] : ["single"]) {
            expected += 1;
            expect(cells.has(`${base}/${e}/${c}/${order}`), `${base}/${e}/${c}/${order}`).toBe(true);
          }
        }
      }
    }
    expect(cells.size).toBe(expected);
    expect(new Set(cases.flatMap((c) => c.runs.map((r) => r.kind)))).toEqual(new Set(Object.keys(RUN_OVERRIDES)));
    // Each builder's recorded results really carry every run kind (a failed build has no runs).
    for (const builder of BUILDERS) {
      const kinds = new Set<string>();
      for (const c of fixture.cases) if (c[builder].runs !== null) c.runs.forEach((r) => kinds.add(r.kind));
      expect(kinds, builder).toEqual(new Set(Object.keys(RUN_OVERRIDES)));
    }
  });

  it("agree with facts verified by hand in docs/semantics/docker-28.5.md", () => {
    const at = (id: string, builder: (typeof BUILDERS)[number]): Observed => {
      const c = recorded.get(id);
      if (!c) throw new Error(`no recorded case ${id}`);
      return c[builder];
    };
    // bare ENTRYPOINT: L Entrypoint=null, B ["/bin/sh","-c",""]; ENTRYPOINT resets an inherited CMD.
    expect(at("cmd-exec/E=bare/C=none/single", "legacy").config).toEqual({ Entrypoint: null, Cmd: null, Shell: null });
    expect(at("cmd-exec/E=bare/C=none/single", "buildkit").config).toEqual({ Entrypoint: ["/bin/sh", "-c", ""], Cmd: null, Shell: null });
    // bare CMD: L ["/bin/sh","-c"], B ["/bin/sh","-c",""].
    expect(at("busybox/E=none/C=bare/single", "legacy").config?.Cmd).toEqual(["/bin/sh", "-c"]);
    expect(at("busybox/E=none/C=bare/single", "buildkit").config?.Cmd).toEqual(["/bin/sh", "-c", ""]);
    // SHELL is inherited and used by shell-form CMD.
    expect(at("shell/E=none/C=shell/single", "legacy").config).toEqual({ Entrypoint: null, Cmd: ["/bin/sh", "-xc", "echo c1"], Shell: ["/bin/sh", "-xc"] });
    // No ENTRYPOINT and no CMD: docker create refuses.
    expect(at("busybox/E=none/C=none/single", "buildkit").runs?.[0]).toEqual({ ok: false, error: "no command specified" });
  });
});

describe("ENTRYPOINT × CMD matrix: simulator vs recorded real builds", () => {
  const byId = new Map(cases.map((c) => [c.id, c] as const));
  const all = new Map<string, Cell[]>();

  afterAll(() => {
    for (const builder of BUILDERS) {
      const list = [...all.entries()].filter(([k]) => k.startsWith(`${builder} `)).flatMap(([, v]) => v);
      if (list.length > 0) console.log(`[recorded ${fixture.engine}] ${summarize(builder, list)}`);
    }
  });

  for (const builder of BUILDERS) {
    for (const base of Object.keys(BASE_KINDS) as BaseKind[]) {
      it(`${builder}, base ${base}: the simulator agrees with every recorded cell`, () => {
        const cells: Cell[] = [];
        for (const c of cases.filter((x) => x.base === base)) {
          const r = recorded.get(c.id);
          if (!r) throw new Error(`${c.id} is not recorded; re-run spec/matrix/record-matrix.ts`);
          cells.push(...compareCase(c, builder, r[builder], simulateCase(c, builder, resolver)));
        }
        all.set(`${builder} ${base}`, cells);
        expect(cells.length).toBeGreaterThan(0);
        const bad = cells.filter((d) => !d.agree).map((d) => describeDisagreement(byId.get(d.case)!, d));
        expect(bad, `${bad.length} of ${cells.length} cells disagree`).toEqual([]);
      });
    }
  }
});
