/**
 * Records `spec/fixtures/engine-28.5/matrix-docs.json`: the cells of the docs page "What will my container
 * run?" (`docs/site/matrix-table.ts`) built on a real engine with both builders, each image created with the
 * page's three `docker run` variants. `spec/docs/matrix-page.spec.ts` checks the page against it.
 *
 *     npx tsx spec/matrix/record-docs-matrix.ts [output.json]
 *
 * Refuses to write when the engine is not 28.5.x.
 *
 * @module
 */
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ALL_FORMS, BUILDERS, RUNS, RUN_NAMES, cellDockerfile } from "../../docs/site/matrix-table.js";
import { buildCases, detectEngine, detectEngineFailure, ensureBaseImages, type RunOverrides } from "../oracle/engine.js";
import { observedFromOracle, trimInspect, type Observed } from "./matrix-cases.js";

/** The shape of `matrix-docs.json`. */
export interface DocsMatrixFixture {
  engine: string;
  recordedAt: string;
  base: Record<string, unknown>;
  cells: { entrypoint: string; cmd: string; dockerfile: string; runs: { name: string; overrides: RunOverrides }[]; buildkit: Observed; legacy: Observed }[];
}

const here = dirname(fileURLToPath(import.meta.url));
const out = resolve(process.argv[2] ?? `${here}/../fixtures/engine-28.5/matrix-docs.json`);
const engine = await detectEngine();
if (!engine) {
  console.error(detectEngineFailure);
  process.exit(2);
}
if (!engine.serverVersion.startsWith("28.5.")) {
  console.error(`engine ${engine.serverVersion} is not 28.5.x; refusing to write 28.5 fixtures`);
  process.exit(2);
}
const bases = await ensureBaseImages(engine);
const overrides = RUN_NAMES.map((name): RunOverrides => {
  const o = RUNS[name];
  return { ...("entrypoint" in o ? { entrypoint: o.entrypoint } : {}), ...("args" in o ? { args: [...o.args] } : {}) };
});
const cells = ALL_FORMS.flatMap((entrypoint) => ALL_FORMS.map((cmd) => ({ entrypoint, cmd, dockerfile: cellDockerfile(entrypoint, cmd) })));
const observed: Record<string, Observed[]> = {};
for (const builder of BUILDERS) {
  const results = await buildCases(engine, cells.map((c) => ({ dockerfile: c.dockerfile, runs: overrides })), builder, { concurrency: 2 });
  observed[builder] = results.map(observedFromOracle);
}
const fixture: DocsMatrixFixture = {
  engine: engine.serverVersion,
  recordedAt: new Date().toISOString(),
  base: trimInspect(bases.get("oracle/busybox:latest")),
  cells: cells.map((c, i) => ({
    ...c,
    runs: RUN_NAMES.map((name, k) => ({ name, overrides: overrides[k]! })),
    buildkit: observed.buildkit![i]!,
    legacy: observed.legacy![i]!,
  })),
};
await mkdir(dirname(out), { recursive: true });
await writeFile(out, JSON.stringify(fixture, null, 1) + "\n");
console.log(`wrote ${out} (${fixture.cells.length} cells, engine ${fixture.engine})`);
