/**
 * The adversarial cases of issue 17 (bench/adversarial-cases.ts), each at the smallest size of its
 * series: simulated with both builders without a throw, within the work budget (most of these
 * inputs are made to cost more than their length: that is what the budgets are for), and where a
 * budget stops one, an explicit unknown, never a build error.
 * The bench (`npm run bench`, bench/adversarial.ts) measures the same cases' time and memory at
 * every size in fresh processes; the size series with work-counter bounds are in
 * budgets.spec.ts, path-work-budgets.spec.ts and work-counter.spec.ts.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_BUDGETS, workTotal } from "../../src/core/budget.js";
import { simulate } from "../../src/simulate.js";
import { ADVERSARIAL_CASES } from "../../bench/adversarial-cases.js";

describe("the adversarial cases at their smallest size", () => {
  for (const c of ADVERSARIAL_CASES) {
    it(`${c.name}: ${c.description}`, async () => {
      const size = Math.min(...c.sizes);
      const input = c.input(size);
      const prepared = input.prepare === undefined ? {} : await input.prepare();
      for (const builder of c.builders) {
        const sim = simulate(input.text, { builder, ...input.options, ...prepared });
        const work = workTotal(sim.evaluation.work);
        // The budget is checked before each instruction: past it by at most one instruction's work.
        expect(work, JSON.stringify(sim.evaluation.work)).toBeLessThanOrEqual(DEFAULT_BUDGETS.work + 2 * DEFAULT_BUDGETS.expansionLength);
        const budgets = sim.diagnostics.filter((d) => d.code === "budget/exceeded");
        // A budget never turns into a predicted failure.
        if (budgets.length > 0) expect(sim.error?.message ?? "").not.toMatch(/budget/);
        for (const b of budgets) expect(b.message).toMatch(/^the \w+ budget \(\d+\) was exceeded .*unknown/);
      }
    });
  }
});
