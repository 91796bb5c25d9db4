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
import type { Builder } from "../../src/core/builder.js";
import { memoryContext, type TreeValue } from "../../src/fs/context/memory-context.js";
import { mapResolver, type BaseImage } from "../../src/image/base-image.js";
import { lintDockerfile } from "../../src/lint/lint-dockerfile.js";
import { simulate } from "../../src/simulate.js";
import { campaignArb, campaignProblem } from "../robustness/campaign.js";
import { checkVariant, describeProblem, OUTPUT_PER_CHAR, WORK_PER_CHAR } from "../robustness/check.js";
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

  /** A context entry name (no `.`/`..`, no slash: the tree stays well-formed). */
  const nameArb = fc.stringMatching(/^[A-Za-z0-9._ -]{1,8}$/).filter((n) => n !== "." && n !== "..");
  const valueArb: fc.Arbitrary<TreeValue> = fc.oneof(
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.constant({ dir: true } as const),
    fc.record({ symlink: fc.oneof(fc.constantFrom("/", "..", "../..", "a", "/etc/passwd"), fc.string({ maxLength: 12 })) }),
    fc.record({ content: fc.string({ maxLength: 20 }), mode: fc.integer({ min: 0, max: 0o7777 }) }),
  );
  const contextArb = fc.tuple(fc.dictionary(nameArb, valueArb, { maxKeys: 6 }), fc.option(fc.string({ maxLength: 40 }), { nil: undefined }));
  const wordsArb = fc.option(fc.array(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("${A", "$PATH", "/bin/sh", "-c", "echo ${A:-x}", "")), { maxLength: 4 }), { nil: undefined });
  const imageArb: fc.Arbitrary<BaseImage> = fc
    .record({
      Env: fc.array(fc.oneof(fc.tuple(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,5}$/), fc.string({ maxLength: 12 })).map(([k, v]) => `${k}=${v}`), fc.string({ maxLength: 8 })), { maxLength: 4 }),
      Entrypoint: wordsArb,
      Cmd: wordsArb,
      Shell: wordsArb,
      WorkingDir: fc.option(fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom("/app", "rel/dir", "${A}")), { nil: undefined }),
      User: fc.option(fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom("1000:1000", "nobody", "0")), { nil: undefined }),
    })
    .map((c) => ({ ref: "docker.io/library/fuzzed:latest", known: true, source: "inspect" as const, config: JSON.parse(JSON.stringify(c)) as BaseImage["config"], author: "", layers: 1, os: "linux" }));

  it(`with generated image configs and build contexts: no throw, and the contract and work bounds hold`, () => {
    fc.assert(
      fc.property(imageArb, contextArb, campaignArb, fc.constantFrom<Builder>("buildkit", "legacy"), (image, [tree, ignore], body, builder) => {
        const text = `FROM fuzzed AS base\nCOPY . /ctx/\nADD ${Object.keys(tree)[0] ?? "a"}* /x/\n${body}`;
        const description = ignore === undefined ? tree : { ...tree, ".dockerignore": ignore };
        const options = { builder, resolver: mapResolver({ [image.ref]: image }), context: memoryContext(description, { builder }) };
        const problem = checkVariant(text, { name: builder, options });
        expect(problem === null ? null : describeProblem(problem)).toBeNull();
        expect(() => lintDockerfile(simulate(text, options))).not.toThrow();
      }),
      { numRuns: fuzzRuns(150), seed: fuzzSeed(1717) },
    );
  }, 120_000);
});
