/**
 * Records the COPY/ADD differential's base-image cases for machines without an engine: the base image
 * `oracle/copy-base` as the simulator is told it (`copy-base-image.json`, with what `docker export`
 * lists of a container of it), and `--runs` generated cases per builder on it (seed `--seed`), each
 * built with its builder, with what the engine gave (`copy-base-generated.json`; the exported files are
 * stored as their difference from the base image's own export, to keep the file small).
 *
 * Run: `node --import tsx spec/fs/copy/record-base.ts [--runs N] [--seed S]` with DOCKER, DOCKER_HOST
 * and DOCKER_CONFIG set. Not part of `npm test`; `base-image.spec.ts` replays the recording.
 *
 * @module
 */
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { detectEngine, detectEngineFailure } from "../../oracle/engine.js";
import { COPY_BASE_REF, GENERATED_FIXTURE, liveCopyBase, toDelta, writeCopyBase, type RecordedBaseCase } from "./base-image.js";
import { checkCopyCase, COPY_BUILDERS, generateCopyCases } from "./differential.js";
import { renderCase } from "../../oracle/generators/context.js";
import { buildAndExport } from "./harness.js";

async function main(argv: readonly string[]): Promise<void> {
  let runs = 20;
  let seed = 1;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--runs") runs = Number(argv[++i]);
    else if (argv[i] === "--seed") seed = Number(argv[++i]);
    else throw new Error(`unknown argument ${String(argv[i])}`);
  }
  const engine = await detectEngine();
  if (engine === null) throw new Error(detectEngineFailure);
  const base = await liveCopyBase(engine);
  const plain = await buildAndExport(engine, "buildkit", `FROM ${COPY_BASE_REF}\n`, {}, ["/"], { baseHistory: base.history });
  if (!plain.ok) throw new Error(`a container of ${COPY_BASE_REF}: ${plain.error}`);
  writeCopyBase({ ...base, export: plain.files });
  const cases: RecordedBaseCase[] = [];
  for (const builder of COPY_BUILDERS) {
    const gen = generateCopyCases(builder, runs, seed, { base: COPY_BASE_REF });
    for (const [i, g] of gen.entries()) {
      const c = await checkCopyCase(engine, renderCase(g), builder, `base-${seed}-${i}`, base);
      const raw = c.fixture.results[builder];
      cases.push({ builder, index: i, rendered: c.rendered, result: raw.ok ? { ...raw, files: toDelta(raw.files, plain.files) } : raw });
      process.stderr.write(`${builder} #${i}: ${raw.ok ? "built" : "failed"}, ${c.comparison.divergences.length} divergence(s)\n`);
    }
  }
  writeFileSync(GENERATED_FIXTURE, JSON.stringify({ engine: engine.serverVersion, recordedAt: new Date().toISOString().slice(0, 10), seed, runs, cases }, null, 0).replace(/\},\{"builder"/g, '},\n{"builder"') + "\n");
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  });
}
