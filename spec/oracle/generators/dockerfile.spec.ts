/**
 * The case generators, without Docker: determinism, validity rate, coverage of the instruction set, and
 * that shrink candidates are strictly smaller.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { caseArb, renderDockerfile, shrinkCandidates } from "./dockerfile.js";

describe("oracle case generators", () => {
  const sample = fc.sample(caseArb(), { numRuns: 300, seed: 123 });

  it("are deterministic in the seed", () => {
    expect(fc.sample(caseArb(), { numRuns: 20, seed: 5 })).toEqual(fc.sample(caseArb(), { numRuns: 20, seed: 5 }));
  });

  it("cover every instruction the simulator models, the escape directive, continuations and run overrides", () => {
    const text = sample.map(renderDockerfile).join("\n").toUpperCase();
    for (const k of ["ARG", "ENV", "LABEL", "WORKDIR", "USER", "EXPOSE", "VOLUME", "STOPSIGNAL", "HEALTHCHECK", "SHELL", "CMD", "ENTRYPOINT", "ONBUILD", "MAINTAINER", "RUN", "FROM SCRATCH", "# ESCAPE=`", "${"]) {
      expect(text, k).toContain(k);
    }
    expect(sample.some((c) => c.stages.length > 1)).toBe(true);
    expect(sample.some((c) => c.target !== undefined)).toBe(true);
    expect(sample.some((c) => Object.keys(c.buildArgs).length > 0)).toBe(true);
    expect(sample.some((c) => c.runs.some((r) => r.entrypoint !== undefined))).toBe(true);
    expect(sample.every((c) => JSON.stringify(c.runs[0]) === "{}")).toBe(true);
  });

  it("shrink candidates differ from the case and are no larger (smaller, or a base replaced by busybox)", () => {
    // Replacing a base image by oracle/busybox is simpler but not shorter: base references count as one character.
    const size = (c: (typeof sample)[number]): number => renderDockerfile(c).replace(/oracle\/[\w$\-{}]+/g, "B").length + JSON.stringify([c.buildArgs, c.runs, c.target ?? ""]).length;
    for (const c of sample.slice(0, 40)) {
      for (const s of shrinkCandidates(c)) {
        expect(s).not.toEqual(c);
        expect(size(s)).toBeLessThanOrEqual(size(c));
      }
    }
  });
});
