import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_BUDGETS } from "../../src/core/budget.js";
import { expandWord } from "../../src/expand/index.js";
import { simulate, type Simulation } from "../../src/simulate.js";

const envOf = (sim: Simulation) => (sim.stage?.config.Env ?? []).map((e) => `${e.key}=${e.value}`);

const BUILDERS = ["buildkit", "legacy"] as const;
const nested = (depth: number) => "${a:-".repeat(depth) + "x" + "}".repeat(depth);
const budgetNotices = (text: string, options = {}) => {
  const out: string[][] = [];
  for (const builder of BUILDERS) {
    const sim = simulate(text, { builder, ...options });
    expect(sim.error).toBeNull();
    out.push(sim.diagnostics.filter((d) => d.code === "budget/exceeded").map((d) => d.message));
  }
  return out;
};

describe("a budget that runs out gives an explicit unknown, never a predicted failure", () => {
  it("${a:-${a:-…}} nested 2,000 deep (Docker builds it): expansionDepth, no build error", () => {
    for (const notices of budgetNotices(`FROM scratch\nENV b=${nested(2000)}\n`)) {
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatch(/^the expansionDepth budget \(1000\) was exceeded/);
    }
  });

  it("the depth budget is configurable, and below it the value is exact", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 60 }), (depth, budget) => {
        const sim = simulate(`FROM scratch\nENV b=${nested(depth)}\n`, { budgets: { expansionDepth: budget } });
        const hit = sim.diagnostics.some((d) => d.code === "budget/exceeded" && d.message.includes("expansionDepth"));
        expect(hit).toBe(depth > budget);
        expect(sim.error).toBeNull();
        if (!hit) expect(envOf(sim)).toContain("b=x");
        else expect(envOf(sim).some((e) => e.startsWith("b="))).toBe(false);
      }),
      { numRuns: 60 },
    );
  });

  it("ENV a=$a$a 26 times (a 280-byte file): expansionLength, and the stage stops there", () => {
    const text = "FROM scratch\nENV a=x\n" + "ENV a=$a$a\n".repeat(26);
    for (const notices of budgetNotices(text)) {
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatch(/^the expansionLength budget \(8388608\) was exceeded/);
    }
    const small = simulate("FROM scratch\nENV a=x\n" + "ENV a=$a$a\n".repeat(6), { budgets: { expansionLength: 100 } });
    expect(envOf(small)).toContain(`a=${"x".repeat(64)}`);
    expect(small.diagnostics.filter((d) => d.code === "budget/exceeded")).toHaveLength(0);
    const hit = simulate("FROM scratch\nENV a=x\n" + "ENV a=$a$a\n".repeat(7) + "CMD y\n", { budgets: { expansionLength: 100 } });
    expect(hit.diagnostics.filter((d) => d.code === "budget/exceeded")).toHaveLength(1);
    expect(hit.stage?.config.Cmd.value).toBeNull(); // nothing after the budget is presented as known
  });

  it("a plain-text pattern costs the value's length: ${a%%$a} with a 64k value is exact and within patternWork", () => {
    const text = "FROM scratch\nENV a=x\n" + "ENV a=$a$a\n".repeat(16) + "ENV b=${a%%$a}c\n";
    for (const builder of BUILDERS) {
      const sim = simulate(text, { builder });
      expect(envOf(sim)).toContain("b=c");
      expect(sim.diagnostics.filter((d) => d.code === "budget/exceeded")).toHaveLength(0);
    }
    const lookup = (n: string) => (n === "v" ? "ab".repeat(40_000) : undefined);
    expect(expandWord("${v#ab}", lookup, { escape: "\\" })).toMatchObject({ ok: true, value: "ab".repeat(39_999) });
    expect(expandWord("${v//ab/c}", lookup, { escape: "\\" })).toMatchObject({ ok: true, value: "c".repeat(40_000) });
    // A wildcard pattern costs pattern × value: over the budget it is unknown.
    const r = expandWord("${v%%a*b}", lookup, { escape: "\\", budgets: { patternWork: 1000 } });
    expect(r).toMatchObject({ ok: false, budget: { budget: "patternWork", limit: 1000 } });
    expect(DEFAULT_BUDGETS.patternWork).toBeGreaterThan(1000);
  });
});
