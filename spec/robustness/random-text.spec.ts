/**
 * Robustness on random text (issue 2, scope item 11; needs no corpus): fast-check properties
 * over arbitrary unicode strings (lone surrogates, NUL and control characters included), over
 * strings dense in the characters Dockerfile parsing treats specially, and over a grammar-ish
 * arbitrary of Dockerfiles (grammar.ts: random keywords, flags, shell/JSON arguments, variable
 * modifiers, continuations, heredocs, directives, line endings). `simulate` must not throw, its
 * work must stay within check.ts's bounds (linear in the input; no time limit), every diagnostic
 * range must lie within the text, and the JSON report must serialise.
 *
 * A failure prints fast-check's seed and path, the shrunk counterexample, and a reproducer
 * minimised further by delta debugging. Fixed seeds; more runs with
 *
 *     FUZZ_RUNS=20000 FUZZ_SEED=$RANDOM npx vitest run spec/robustness/random-text.spec.ts
 *
 * @module
 */
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { BARE_VARIANTS, VARIANTS } from "./check.js";
import { checkProperty, fuzzRuns, fuzzSeed, fuzzTimeout } from "./fuzz.js";
import { dockerfileArb } from "./grammar.js";
import { applyMutations, mutationArb, SPECIAL_FRAGMENTS } from "./mutate.js";
import { Sandbox } from "./sandbox.js";

const id = (s: string) => s;

describe("random text", () => {
  const sandbox = new Sandbox();
  afterAll(() => sandbox.close());

  const RUNS_UNICODE = 1_000;
  it(
    `keeps the contract on ${fuzzRuns(RUNS_UNICODE)} arbitrary unicode strings with both builders`,
    async () => {
      const arb = fc.string({ unit: "binary", maxLength: 400 });
      const failure = await checkProperty(sandbox, arb, id, { seed: fuzzSeed(0x5eed_0021), numRuns: fuzzRuns(RUNS_UNICODE), variants: BARE_VARIANTS });
      expect(failure, failure ?? "").toBeNull();
    },
    fuzzTimeout(RUNS_UNICODE, 30_000),
  );

  const RUNS_SPECIAL = 1_000;
  it(
    `keeps the contract on ${fuzzRuns(RUNS_SPECIAL)} strings dense in special characters after a FROM, with all variants`,
    async () => {
      const arb = fc
        .tuple(
          fc.constantFrom("", "FROM alpine\n", "FROM scratch AS b\nRUN ", "# escape=`\nFROM x\nENV ", "FROM x\nCOPY ", "FROM x\nHEALTHCHECK ", "FROM x\nONBUILD "),
          fc.array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...SPECIAL_FRAGMENTS) }, { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 3 }) }), { maxLength: 40 }),
        )
        .map(([head, parts]) => head + parts.join(""));
      const failure = await checkProperty(sandbox, arb, id, { seed: fuzzSeed(0x5eed_0022), numRuns: fuzzRuns(RUNS_SPECIAL) });
      expect(failure, failure ?? "").toBeNull();
    },
    fuzzTimeout(RUNS_SPECIAL, 30_000),
  );

  const RUNS_GRAMMAR = 1_500;
  it(
    `keeps the contract on ${fuzzRuns(RUNS_GRAMMAR)} grammar-generated Dockerfiles with all ${VARIANTS.length} variants`,
    async () => {
      const failure = await checkProperty(sandbox, dockerfileArb, id, { seed: fuzzSeed(0x5eed_0023), numRuns: fuzzRuns(RUNS_GRAMMAR) });
      expect(failure, failure ?? "").toBeNull();
    },
    fuzzTimeout(RUNS_GRAMMAR, 30_000),
  );

  const RUNS_GRAMMAR_MUTATED = 800;
  it(
    `keeps the contract on ${fuzzRuns(RUNS_GRAMMAR_MUTATED)} mutated grammar-generated Dockerfiles with both builders`,
    async () => {
      const arb = fc.tuple(dockerfileArb, fc.array(mutationArb, { minLength: 1, maxLength: 6 }));
      const failure = await checkProperty(sandbox, arb, ([t, ms]) => applyMutations(t, ms), { seed: fuzzSeed(0x5eed_0024), numRuns: fuzzRuns(RUNS_GRAMMAR_MUTATED), variants: BARE_VARIANTS });
      expect(failure, failure ?? "").toBeNull();
    },
    fuzzTimeout(RUNS_GRAMMAR_MUTATED, 30_000),
  );
});
