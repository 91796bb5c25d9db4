/**
 * Records Docker 28.5's `--call=check` findings for the hand-written cases below and for generated ones into
 * `spec/fixtures/engine-28.5/checks.json`, so that engine-free machines still check the checker against real
 * results. Run: `node --import tsx spec/check/record-checks.ts [GENERATED=150] [SEED=101]` with an engine.
 *
 * @module
 */
import { writeFileSync } from "node:fs";
import { detectEngine, detectEngineFailure } from "../oracle/engine.js";
import { generateCheckCases } from "./check-generator.js";
import { observeEngineChecks, type CheckCase } from "./check-oracle.js";
import { CHECK_FIXTURES_FILE, HAND_CASES, type CheckFixture } from "./check-fixtures.js";

const engine = await detectEngine();
if (engine === null) {
  console.error(`no engine: ${detectEngineFailure}`);
  process.exit(1);
}
const generated = Number(process.argv[2] ?? 150);
const seed = Number(process.argv[3] ?? 101);
const cases: { name: string; c: CheckCase }[] = [
  ...Object.entries(HAND_CASES).map(([name, c]) => ({ name, c })),
  ...generateCheckCases(generated, seed).map((c, k) => ({ name: `generated seed ${seed} #${k}`, c })),
];
const out: CheckFixture[] = [];
for (const { name, c } of cases) {
  const observed = await observeEngineChecks(engine, c);
  out.push({ name, case: c, engine: observed });
}
writeFileSync(CHECK_FIXTURES_FILE, JSON.stringify({ engine: engine.serverVersion, recorded: out.length, fixtures: out }, null, 1) + "\n");
console.log(`recorded ${out.length} cases on ${engine.serverVersion}`);
