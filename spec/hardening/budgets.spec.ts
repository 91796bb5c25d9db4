import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_BUDGETS } from "../../src/core/budget.js";
import { expandWord } from "../../src/expand/index.js";
import { toInspectConfig } from "../../src/image/config.js";
import { portSpanSize } from "../../src/image/exposed-ports.js";
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

describe("configEntries: EXPOSE ranges and what stage chains take over", () => {
  const exposeChain = (n: number) => {
    const lines = ["FROM scratch AS s0", "EXPOSE 0-65535"];
    for (let i = 1; i < n; i++) lines.push(`FROM s${i - 1} AS s${i}`, "EXPOSE 0-65535");
    return lines.join("\n") + "\n";
  };
  const varChain = (n: number) => {
    const lines = ["FROM scratch AS s0", "ENV v0=x"];
    for (let i = 1; i < n; i++) lines.push(`FROM s${i - 1} AS s${i}`, `ENV v${i}=x`);
    return lines.join("\n") + "\n";
  };
  const entries = (sim: Simulation) => sim.evaluation.stages.reduce((n, s) => n + s.config.Env.length + s.config.ExposedPorts.length, 0);
  const ports = (sim: Simulation) => sim.evaluation.stages.reduce((n, s) => n + s.config.ExposedPorts.reduce((m, p) => m + portSpanSize(p), 0), 0);

  it("a 100-stage EXPOSE 0-65535 chain stops at the budget: notices name it, no build error, the ports listed stay within it", () => {
    for (const builder of BUILDERS) {
      const sim = simulate(exposeChain(100), { builder });
      expect(sim.error).toBeNull();
      const notices = sim.diagnostics.filter((d) => d.code === "budget/exceeded");
      // Three full ranges fit in the default budget; every later stage stops at its own EXPOSE.
      expect(notices).toHaveLength(97);
      expect(notices.every((d) => d.message.startsWith(`the configEntries budget (${DEFAULT_BUDGETS.configEntries}) was exceeded adding 65536 exposed ports`))).toBe(true);
      expect(notices.map((d) => d.range?.start.line)).toEqual(Array.from({ length: 97 }, (_, k) => 2 * (k + 3) + 1));
      // Each stage holds the spans it took over and listed: three, one per full range.
      expect(sim.evaluation.stages.map((s) => s.config.ExposedPorts.length)).toEqual(Array.from({ length: 100 }, (_, k) => Math.min(k + 1, 3)));
      expect(ports(sim)).toBeLessThanOrEqual(100 * DEFAULT_BUDGETS.configEntries);
      expect(Object.keys(toInspectConfig(sim.stage!.config).ExposedPorts ?? {})).toHaveLength(65_536);
    }
  });

  it("a FROM chain adding a variable per stage: past the budget a stage starts on an unknown base, and the work stays linear in the chain", () => {
    const budget = 5_000;
    for (const builder of BUILDERS) {
      for (const n of [400, 800]) {
        const sim = simulate(varChain(n), { builder, budgets: { configEntries: budget } });
        expect(sim.error).toBeNull();
        expect(sim.diagnostics.some((d) => d.code === "budget/exceeded" && d.message.includes("configEntries"))).toBe(true);
        const last = sim.evaluation.stages[n - 1]!;
        expect(last.unknownBase).toBe(true);
        expect(last.config.Env.some((e) => e.key === `v${n - 1}`)).toBe(true);
        // Without the budget the stages would hold n²/2 entries; within it, at most the free part per stage plus the budget.
        expect(entries(sim)).toBeLessThanOrEqual(n * (128 + 2) + budget);
      }
    }
  });

  it("property: below the budget it changes nothing (any chain of up to 40 stages with a few variables and ports)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 3 }), fc.constantFrom(...BUILDERS), (n, perStage, builder) => {
        const lines = ["FROM scratch AS s0", "EXPOSE 80-90"];
        for (let i = 1; i < n; i++) {
          lines.push(`FROM s${i - 1} AS s${i}`);
          for (let k = 0; k < perStage; k++) lines.push(`ENV v${i}_${k}=x`, `EXPOSE ${1000 + i * 10 + k}`);
        }
        const text = lines.join("\n") + "\n";
        const limited = simulate(text, { builder });
        const unlimited = simulate(text, { builder, budgets: { configEntries: Number.POSITIVE_INFINITY } });
        expect(limited.diagnostics.some((d) => d.code === "budget/exceeded")).toBe(false);
        expect(limited.stage?.config).toEqual(unlimited.stage?.config);
      }),
      { numRuns: 40 },
    );
  });
});
