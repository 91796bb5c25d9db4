/**
 * The fuzz property of issue 17 in `npm test`: generated and mutated Dockerfiles never make
 * `simulate`, the JSON report or `lintDockerfile` throw, keep the contract of
 * spec/robustness/check.ts with both builders, and stay within the work bounds: the simulator's
 * work counter (`Evaluation.work`) at most {@link WORK_PER_CHAR} units per input character, and the
 * report at most {@link OUTPUT_PER_CHAR} bytes per input character (no wall-clock limit). The long campaign is
 * `npm run fuzz -- --runs N` (spec/robustness/campaign.ts), whose findings
 * spec/regressions/fuzz-findings.spec.ts replays.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { campaignArb, campaignProblem } from "../robustness/campaign.js";
import { OUTPUT_PER_CHAR, WORK_PER_CHAR } from "../robustness/check.js";
import { fuzzRuns, fuzzSeed } from "../robustness/fuzz.js";

describe("fuzzed Dockerfiles", () => {
  it(`never throw, keep the contract and stay under ${WORK_PER_CHAR} units of work and ${OUTPUT_PER_CHAR} report bytes per input character`, () => {
    fc.assert(
      fc.property(campaignArb, (text) => {
        expect(campaignProblem(text, true, false)).toBeNull();
      }),
      { numRuns: fuzzRuns(300), seed: fuzzSeed(17) },
    );
  }, 120_000);

  it("the work bound can fail: work past it is a finding", () => {
    // 13 doublings of a 16-character value: the expansion work (and the report) grow far faster than the text.
    const text = "FROM scratch\nENV a=xxxxxxxxxxxxxxxx\n" + "ENV a=$a$a\n".repeat(13);
    expect(campaignProblem(text, false, false)).toMatch(/^\[work\] \(buildkit\) \d+ units of work/);
  });
});
