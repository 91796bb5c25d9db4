/**
 * A budget that stopped the simulation of the image (src/report/budget-stop.ts): the JSON report
 * and the text headline say the run is unknown instead of stating a command or a refusal.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { explainRun } from "../../src/explain/explain-run.js";
import { renderExplanation } from "../../src/explain/render-text.js";
import { budgetStopOf } from "../../src/report/budget-stop.js";
import { toJsonReport } from "../../src/report/json-report.js";
import { simulate } from "../../src/simulate.js";

const BUILDERS = ["buildkit", "legacy"] as const;
const deep = "FROM scratch AS a\n" + "WORKDIR abcd\n".repeat(5) + 'CMD ["x"]\n';

describe("a budget that stopped the image's simulation", () => {
  it("makes the run unknown in the JSON report and the headline, never 'docker run fails'", () => {
    for (const builder of BUILDERS) {
      const sim = simulate(deep, { builder, budgets: { pathLength: 12 } });
      const report = toJsonReport(sim);
      expect(report.incomplete).toMatch(/^the pathLength budget \(12\) was exceeded/);
      expect(report.run).toMatchObject({ error: "no command specified", incomplete: report.incomplete });
      const text = renderExplanation(explainRun(sim));
      expect(text).toContain("docker run: unknown: a budget stopped the simulation of this image");
      expect(text).not.toMatch(/^docker run fails/m);
      // Without the budget the CMD is reached.
      expect(toJsonReport(simulate(deep, { builder })).run).toMatchObject({ path: "x" });
    }
  });

  it("also when it stopped a stage the image is built FROM", () => {
    for (const builder of BUILDERS) {
      const sim = simulate(deep + "FROM a\nENV b=1\n", { builder, budgets: { pathLength: 12 } });
      expect(budgetStopOf(sim)).toMatch(/pathLength/);
    }
  });

  it("also when the instruction that exceeded the budget is the stage's last (its step is recorded)", () => {
    for (const builder of BUILDERS) {
      const sim = simulate("FROM scratch\nWORKDIR ab\nWORKDIR ab\n", { builder, budgets: { pathLength: 4 } });
      expect(budgetStopOf(sim)).toMatch(/pathLength/);
      expect(toJsonReport(sim).incomplete).toMatch(/pathLength/);
    }
  });

  it("also when taking over the stage it is built FROM exceeded the configEntries budget (the stage starts on an unknown base)", () => {
    for (const builder of BUILDERS) {
      const text = "FROM scratch AS a\n" + Array.from({ length: 400 }, (_, k) => `ENV v${k}=${k}\n`).join("") + 'FROM a\nCMD ["x"]\n';
      const sim = simulate(text, { builder, budgets: { configEntries: 250 } });
      expect(sim.diagnostics.filter((d) => d.code === "budget/exceeded").map((d) => d.message).join("\n")).toMatch(/taking over the config and variables of stage a/);
      expect(budgetStopOf(sim)).toMatch(/configEntries/);
      expect(toJsonReport(sim).incomplete).toMatch(/configEntries/);
      // Within the budget, nothing is incomplete.
      expect(toJsonReport(simulate(text, { builder })).incomplete).toBeUndefined();
    }
  });

  it("not when the stopped stage is one the image does not depend on (the classic builder builds it too)", () => {
    const text = "FROM scratch AS a\nENV a=x\n" + "ENV a=$a$a\n".repeat(8) + 'FROM scratch\nCMD ["y"]\n';
    const sim = simulate(text, { builder: "legacy", budgets: { expansionLength: 100 } });
    expect(sim.diagnostics.some((d) => d.code === "budget/exceeded")).toBe(true);
    expect(budgetStopOf(sim)).toBeNull();
    expect(toJsonReport(sim).run).toMatchObject({ path: "y" });
    expect(toJsonReport(sim).incomplete).toBeUndefined();
  });

  it("property: incomplete exactly when the pathLength budget is hit, in the target's chain", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 1, max: 40 }), fc.constantFrom(...BUILDERS), (n, budget, builder) => {
        const text = "FROM scratch\n" + "WORKDIR ab\n".repeat(n) + 'CMD ["x"]\n';
        const report = toJsonReport(simulate(text, { builder, budgets: { pathLength: budget } }));
        const over = 3 * n > budget; // "/ab" per WORKDIR
        expect(report.incomplete !== undefined).toBe(over);
        if (!over) expect(report.run).toMatchObject({ path: "x" });
      }),
      { numRuns: 60 },
    );
  });
});
