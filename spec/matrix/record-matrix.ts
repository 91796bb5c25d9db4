/**
 * Re-records `spec/fixtures/engine-28.5/matrix.json`: builds every case of the ENTRYPOINT × CMD matrix
 * (`matrix-cases.ts`) on a real engine with both builders and writes what the engine did, together with the
 * base images' inspect JSON (so the fixtures spec can simulate without Docker) and the engine's version.
 *
 *     npx tsx spec/matrix/record-matrix.ts [output.json]
 *
 * Uses the engine `detectEngine()` finds (`DOCKER`, `DOCKER_HOST`, `DOCKER_CONFIG`). Refuses to write when
 * the engine is not 28.5.x (the fixtures are named after it).
 *
 * @module
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { detectEngine, detectEngineFailure, ensureBaseImages, type OracleBuilder } from "../oracle/engine.js";
import { BASE_REFS, buildMatrix, isTransient, matrixCases, observedFromOracle, trimInspect, type MatrixFixture, type Observed } from "./matrix-cases.js";

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? `${here}/../fixtures/engine-28.5/matrix.json`);

const engine = await detectEngine();
if (!engine) {
  console.error(detectEngineFailure);
  process.exit(2);
}
if (!engine.serverVersion.startsWith("28.5.")) {
  console.error(`engine ${engine.serverVersion} is not 28.5.x; refusing to overwrite the 28.5 fixtures`);
  process.exit(2);
}
const baseJson = await ensureBaseImages(engine);
const cases = matrixCases();
const results: Partial<Record<OracleBuilder, Observed[]>> = {};
for (const builder of ["buildkit", "legacy"] as const) {
  const t = performance.now();
  const built = await buildMatrix(engine, cases, builder);
  const stuck = built.flatMap((r, i) => (isTransient(r) ? [cases[i]!.id] : []));
  if (stuck.length > 0) {
    console.error(`${builder}: still failing for harness reasons after retries, not writing: ${stuck.join(", ")}`);
    process.exit(1);
  }
  results[builder] = built.map(observedFromOracle);
  console.log(`${builder}: ${cases.length} builds in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
const fixture: MatrixFixture = {
  engine: engine.serverVersion,
  recordedAt: new Date().toISOString(),
  bases: Object.fromEntries(
    BASE_REFS.map((ref) => {
      const json = baseJson.get(ref);
      if (json === undefined) throw new Error(`base image ${ref} is missing`);
      return [ref, trimInspect(json)];
    }),
  ),
  cases: cases.map((c, i) => ({
    id: c.id,
    dockerfile: c.dockerfile,
    runs: c.runs.map((r) => ({ kind: r.kind, overrides: r.overrides })),
    buildkit: results.buildkit![i]!,
    legacy: results.legacy![i]!,
  })),
};
await mkdir(dirname(out), { recursive: true });
await writeFile(out, JSON.stringify(fixture, null, 1) + "\n");
console.log(`wrote ${out} (${fixture.cases.length} cases, engine ${fixture.engine})`);
