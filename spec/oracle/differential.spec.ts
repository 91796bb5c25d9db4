/**
 * Differential oracle in `npm test`: a small number of generated cases (`ORACLE_RUNS`, default 24 per
 * builder; `ORACLE_SEED`, default 4, so the suite is deterministic — `npm run test:oracle` explores other
 * seeds) are simulated and built for real with BuildKit and the legacy builder, and compared category by
 * category. A divergence fails the test with its shrunk reproducer (shrinking is capped here: 10 builds
 * each, 3 divergences per builder). Fixtures are written only with `ORACLE_WRITE_FIXTURES=1`.
 *
 * Skipped without an engine (fails with `ORACLE_REQUIRED=1`).
 */
import { expect, it } from "vitest";
import { BUILDERS, runDifferential } from "./differential.js";
import { oracleSuite } from "./suite.js";
import { describeDivergence, formatReport } from "./report.js";

const runs = Number.parseInt(process.env.ORACLE_RUNS ?? "24", 10);
const seed = Number.parseInt(process.env.ORACLE_SEED ?? "4", 10);

await oracleSuite("differential oracle: generated Dockerfiles, simulator vs real builds", (engine) => {
  it(
    `${runs} generated case(s) per builder (seed ${seed}) agree in every category`,
    async () => {
      const result = await runDifferential(engine, {
        runs,
        seed,
        builders: BUILDERS,
        concurrency: 4,
        maxShrinkBuilds: 10,
        maxShrunk: 3,
        ...(process.env.ORACLE_WRITE_FIXTURES === "1" ? {} : { fixturesDir: null }),
      });
      console.log(formatReport(result));
      expect(result.divergences.map(describeDivergence)).toEqual([]);
    },
    // Generous: legacy builds on a loaded 2-core machine run at ~30 cases/min.
    Math.max(10, runs) * 30_000,
  );
});
