/**
 * The simulator's work counter (`Evaluation.work`, src/core/budget.ts `WorkMeter`): each kind of
 * work is counted where it is done, and the count grows linearly with repeated instructions (the
 * bound the fuzz property puts on it is linear in the input's length).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { workTotal } from "../../src/core/budget.js";
import { simulate } from "../../src/simulate.js";
import { fuzzRuns, fuzzSeed } from "../robustness/fuzz.js";

const workOf = (text: string, builder: "buildkit" | "legacy" = "buildkit") => simulate(text, { builder }).evaluation.work;

describe("the work counter", () => {
  it("counts instructions, expansion, pattern steps and file changes where they happen", () => {
    const plain = workOf("FROM scratch\nCMD [\"x\"]\n");
    expect(plain.instructions).toBe(1);
    expect(plain.pattern).toBe(0);
    expect(plain.files).toBe(0);
    const pattern = workOf("FROM scratch\nENV a=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\nENV b=${a%%*a}\n");
    expect(pattern.instructions).toBe(2);
    expect(pattern.pattern).toBeGreaterThan(30);
    const files = workOf("FROM scratch\nCOPY <<A <<B /d/\nx\nA\ny\nB\n");
    expect(files.files).toBeGreaterThanOrEqual(2);
    // 13 doublings of 16 characters: the last expansion alone builds 16 * 2^13 characters.
    const doubling = workOf("FROM scratch\nENV a=xxxxxxxxxxxxxxxx\n" + "ENV a=$a$a\n".repeat(13));
    expect(doubling.expansion).toBeGreaterThanOrEqual(16 * 2 ** 13);
  });

  it("is the same for every run of one input (deterministic, unlike time)", () => {
    const text = "FROM alpine AS a\nARG V=1\nENV P=/x:${V}\nWORKDIR rel\nCOPY <<E /f\n$P\nE\nFROM a\nRUN echo ${P#/}\n";
    expect(workOf(text)).toEqual(workOf(text));
  });

  it("grows linearly with repeated instructions, with both builders", () => {
    const lines = [
      "LABEL k=${v:-some-default-value}\n",
      "ENV b=${a%%x*}\n",
      "EXPOSE 80/tcp 443\n",
      'CMD ["/bin/app", "--flag"]\n',
      "ARG X=${a:+y}\n",
      "USER 1000:1000\n",
    ];
    fc.assert(
      fc.property(fc.constantFrom(...lines), fc.integer({ min: 1, max: 60 }), fc.constantFrom("buildkit" as const, "legacy" as const), (line, k, builder) => {
        const head = "FROM scratch\nENV a=xyxyxyxyxy\n";
        const base = workTotal(workOf(head, builder));
        const one = workTotal(workOf(head + line, builder)) - base;
        expect(one).toBeGreaterThan(0);
        expect(workTotal(workOf(head + line.repeat(k), builder))).toBe(base + k * one);
      }),
      { numRuns: fuzzRuns(60), seed: fuzzSeed(17) },
    );
  });
});
