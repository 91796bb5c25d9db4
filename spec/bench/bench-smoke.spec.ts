/**
 * Keeps the benchmark's code paths (bench/**) compiling and working on three small inputs.
 * No timing assertions: speed is measured by `npm run bench` only.
 */
import { describe, expect, it } from "vitest";
import { verdictOf, type AdversarialPoint } from "../../bench/adversarial.js";
import { measureTool } from "../../bench/corpus.js";
import { METADATA_DOCKERFILES } from "../../bench/docker.js";
import { runSeries, SERIES, timeSimulate } from "../../bench/scaling.js";
import { growthExponent, percentile } from "../../bench/stats.js";
import { TOOL_NAMES } from "../../bench/tools.js";
import { measureDistribution } from "../../bench/worst-case.js";
import { simulate } from "../../src/simulate.js";

const INPUTS = [
  'FROM busybox\nENV A=1\nCMD ["echo", "$A"]\n',
  "FROM alpine AS build\nRUN echo hi > /x\nFROM scratch\nCOPY --from=build /x /\nENTRYPOINT [\"/x\"]\n",
  "# syntax=docker/dockerfile:1\nFROM busybox\nRUN <<EOF\necho heredoc\nEOF\n",
];

describe("bench smoke", () => {
  it.each(TOOL_NAMES)("measures %s over three inputs without a throw", (tool) => {
    const f = measureTool(tool, ["a", "b", "c"], INPUTS);
    expect(f.files).toBe(3);
    expect(f.threw).toBe(0);
    expect(f.slowest).toHaveLength(3);
    expect(Number.isFinite(f.p99Us)).toBe(true);
  });

  it("generates every scaling series and fits an exponent on its small sizes", () => {
    for (const series of SERIES) {
      const r = runSeries(series, "legacy", 100, 0);
      expect(r.points.length).toBeGreaterThan(0);
      for (const p of r.points) {
        expect(p.ms === null || p.ms >= 0).toBe(true);
        expect(p.ms === null ? p.meanCpuMs === null && p.reps === 0 : p.meanCpuMs! >= 0 && p.reps >= 3).toBe(true);
      }
      expect(Number.isFinite(r.meanCpuExponent) || r.points.filter((p) => p.ms !== null).length < 2).toBe(true);
      const sim = simulate(series.generate(3), { builder: "buildkit" });
      expect(sim.error).toBeNull();
    }
  });

  it("times a text with at least three timed runs after the warm-up, even with no time budget", () => {
    const t = timeSimulate(INPUTS[0]!, "buildkit", 0);
    expect(t.reps).toBe(3);
    expect(t.ms).toBeGreaterThan(0);
    expect(t.meanCpuMs).toBeGreaterThanOrEqual(0);
    expect(timeSimulate(INPUTS[0]!, "legacy", 0, 200, 5).reps).toBe(5);
  });

  it("fits known exponents and percentiles", () => {
    expect(growthExponent([1, 10, 100].map((x) => ({ x, y: 3 * x })))).toBeCloseTo(1, 6);
    expect(growthExponent([1, 10, 100].map((x) => ({ x, y: x * x })))).toBeCloseTo(2, 6);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4], 100)).toBe(4);
  });

  it("simulates the metadata-only Dockerfiles built against the engine without an error", () => {
    for (const { text } of METADATA_DOCKERFILES) expect(simulate(text, { builder: "buildkit" }).error).toBeNull();
  });

  it("measures the worst-case distribution as the minimum of the repetitions per file", () => {
    const d = measureDistribution("simulate-buildkit", ["a", "b", "c"], INPUTS, 2);
    expect(d).toMatchObject({ files: 3, repetitions: 2 });
    expect(d.slowest.map((s) => s.file).sort()).toEqual(["a", "b", "c"]);
    for (const s of d.slowest) expect(s.worstRunUs).toBeGreaterThanOrEqual(s.us);
    expect(d.maxOverP99).toBeGreaterThanOrEqual(1);
  });

  it("judges adversarial points against 2 s and 500 MB, a budget hit being an explicit unknown", () => {
    const p: AdversarialPoint = { case: "x", builder: "buildkit", size: 1, ms: 100, cpuMs: 90, maxRssMb: 100, budgets: [], error: null };
    expect(verdictOf(p)).toBe("ok");
    expect(verdictOf({ ...p, ms: 3000 })).toBe("OVER");
    expect(verdictOf({ ...p, maxRssMb: 600 })).toBe("OVER");
    expect(verdictOf({ ...p, ms: 3000, budgets: ["the patternWork budget (50000000)"] })).toBe("budget");
    expect(verdictOf({ ...p, ms: null, failure: "exit 137" })).toBe("FAILED");
  });
});
