/**
 * Robustness under mutation (issue 2, scope item 11): fast-check properties over real corpus
 * Dockerfiles edited by random mutations (mutate.ts: line deletion/duplication/swaps/joins/
 * splits, insertion of `\`, backtick, quotes, `$`, `${`, brackets, `<<`, `#`, CR, NUL, unicode,
 * truncation, escape directives, keyword swaps, line endings). For every mutant and builder
 * variant, `simulate` must not throw, its work must stay within check.ts's bounds (linear in the
 * input; no time limit), every diagnostic range must lie within the mutated text, and the JSON
 * report must serialise.
 *
 * A failure prints fast-check's seed and path, the shrunk mutant, and a reproducer minimised
 * further by delta debugging. Fixed seeds; more runs with
 *
 *     FUZZ_RUNS=20000 FUZZ_SEED=$RANDOM npx vitest run spec/robustness/mutations.spec.ts
 *
 * Skipped, with the reason in the title, when the corpus is absent.
 *
 * @module
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CORPUS_SKIP_REASON, corpusDir, interestingCorpusFiles, readCorpusFile, sampleCorpus } from "../helpers/corpus.js";
import { BARE_VARIANTS, VARIANTS } from "./check.js";
import { checkProperty, fuzzRuns, fuzzSeed, fuzzTimeout } from "./fuzz.js";
import { applyMutations, mutationArb } from "./mutate.js";
import { Sandbox } from "./sandbox.js";

/** Corpus files mutated: a fixed sample plus the rare-feature files, at most this many chars each. */
const POOL_SAMPLE = 300;
const POOL_MAX_CHARS = 6_000;

const dir = corpusDir();
if (dir === null) console.warn(`mutated corpus files: ${CORPUS_SKIP_REASON}`);

describe.skipIf(dir === null)(dir === null ? `mutated corpus files [${CORPUS_SKIP_REASON}]` : "mutated corpus files", () => {
  const sandbox = new Sandbox();
  /** The pool, shortest first so that fast-check shrinks towards short files. */
  let pool: string[] = [];

  beforeAll(async () => {
    const names = sampleCorpus(POOL_SAMPLE, 11, interestingCorpusFiles(4, 11));
    const texts = names.map(readCorpusFile).filter((t) => t.length <= POOL_MAX_CHARS);
    // Files that already break the contract unmutated are the corpus spec's business.
    for (const t of texts) if ((await sandbox.check({ text: t }, BARE_VARIANTS)).problem === null) pool.push(t);
    pool = pool.sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  }, 120_000);
  afterAll(() => sandbox.close());

  const mutantArb = () => fc.tuple(fc.nat({ max: pool.length - 1 }), fc.array(mutationArb, { minLength: 1, maxLength: 8 }));
  const mutant = ([i, ms]: [number, Parameters<typeof applyMutations>[1]]) => applyMutations(pool[i]!, ms);

  const RUNS_ALL = 600;
  it(
    `keeps the contract on ${fuzzRuns(RUNS_ALL)} mutants with all ${VARIANTS.length} variants`,
    async () => {
      expect(pool.length).toBeGreaterThan(100);
      const failure = await checkProperty(sandbox, mutantArb(), mutant, { seed: fuzzSeed(0x5eed_0011), numRuns: fuzzRuns(RUNS_ALL) });
      expect(failure, failure ?? "").toBeNull();
    },
    fuzzTimeout(RUNS_ALL, 60_000),
  );

  const RUNS_HEAVY = 800;
  it(
    `keeps the contract on ${fuzzRuns(RUNS_HEAVY)} heavily mutated files (up to 30 edits) with both builders`,
    async () => {
      const arb = fc.tuple(fc.nat({ max: pool.length - 1 }), fc.array(mutationArb, { minLength: 5, maxLength: 30 }));
      const failure = await checkProperty(sandbox, arb, mutant, { seed: fuzzSeed(0x5eed_0012), numRuns: fuzzRuns(RUNS_HEAVY), variants: BARE_VARIANTS });
      expect(failure, failure ?? "").toBeNull();
    },
    fuzzTimeout(RUNS_HEAVY, 60_000),
  );
});
