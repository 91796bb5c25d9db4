/**
 * The ENTRYPOINT × CMD matrix (`matrix-cases.ts`) built on a real engine with both builders and compared,
 * cell by cell, with the simulator: build success or error, the image's Entrypoint, Cmd and Shell, and for
 * every `docker create` override ok/error, Path, Args, Env, WorkingDir and User.
 *
 * Skipped without an engine (fails with `ORACLE_REQUIRED=1`). Prints one agreement line per builder plus
 * every disagreement. Also checks that the recorded fixtures (`spec/fixtures/engine-28.5/matrix.json`) still
 * match what this engine does, when it is the engine they were recorded with.
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { BaseImageResolver } from "../../src/image/base-image.js";
import { ensureBaseImages, type OracleBuilder } from "../oracle/engine.js";
import { oracleSuite } from "../oracle/suite.js";
import {
  BASE_KINDS,
  buildMatrix,
  compareCase,
  describeDisagreement,
  matrixCases,
  observedFromOracle,
  resolverFromInspect,
  sameObserved,
  simulateCase,
  summarize,
  type BaseKind,
  type Cell,
  type MatrixFixture,
  type Observed,
} from "./matrix-cases.js";

const BUILDERS: readonly OracleBuilder[] = ["buildkit", "legacy"];
const FIXTURE = new URL("../fixtures/engine-28.5/matrix.json", import.meta.url);

await oracleSuite("ENTRYPOINT × CMD matrix: simulator vs real builds", (engine) => {
  const cases = matrixCases();
  const byId = new Map(cases.map((c) => [c.id, c] as const));
  const observed = new Map<OracleBuilder, Observed[]>();
  const cells = new Map<OracleBuilder, Cell[]>();
  let resolver: BaseImageResolver;

  beforeAll(async () => {
    resolver = resolverFromInspect(await ensureBaseImages(engine));
    // Both builders at once: BuildKit's builds are short, the legacy ones mostly wait on the daemon.
    await Promise.all(
      BUILDERS.map(async (builder) => {
        const t = performance.now();
        const results = await buildMatrix(engine, cases, builder);
        observed.set(builder, results.map(observedFromOracle));
        console.log(`${builder}: ${cases.length} builds in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      }),
    );
    for (const builder of BUILDERS) {
      const obs = observed.get(builder)!;
      cells.set(
        builder,
        cases.flatMap((c, i) => compareCase(c, builder, obs[i]!, simulateCase(c, builder, resolver))),
      );
    }
  }, 900_000);

  afterAll(() => {
    for (const builder of BUILDERS) {
      const list = cells.get(builder);
      if (list) console.log(summarize(builder, list));
    }
  });

  for (const builder of BUILDERS) {
    for (const base of Object.keys(BASE_KINDS) as BaseKind[]) {
      it(`${builder}, base ${base}: the simulator agrees with the engine on every cell`, () => {
        const mine = (cells.get(builder) ?? []).filter((c) => byId.get(c.case)!.base === base);
        expect(mine.length).toBeGreaterThan(0);
        const bad = mine.filter((c) => !c.agree).map((d) => describeDisagreement(byId.get(d.case)!, d));
        expect(bad, `${bad.length} of ${mine.length} cells disagree`).toEqual([]);
      });
    }
  }

  it("the recorded fixtures match what this engine does (when recorded with the same engine version)", (ctx) => {
    const fixture = JSON.parse(readFileSync(FIXTURE, "utf8")) as MatrixFixture;
    if (fixture.engine !== engine.serverVersion) {
      ctx.skip(`fixtures recorded with ${fixture.engine}, this engine is ${engine.serverVersion}`);
      return;
    }
    const recorded = new Map(fixture.cases.map((c) => [c.id, c] as const));
    const stale: string[] = [];
    cases.forEach((c, i) => {
      const r = recorded.get(c.id);
      if (!r) return void stale.push(`${c.id}: not recorded (re-run spec/matrix/record-matrix.ts)`);
      for (const builder of BUILDERS) {
        const now = observed.get(builder)![i]!;
        if (!sameObserved(now, r[builder])) {
          stale.push(`${builder} ${c.id}: recorded ${JSON.stringify(r[builder])}, engine now ${JSON.stringify(now)}`);
        }
      }
    });
    expect(stale).toEqual([]);
  });
});
