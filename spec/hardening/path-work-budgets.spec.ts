/**
 * The pathLength and work budgets (src/core/budget.ts): relative WORKDIRs and ever-growing
 * `ENV PATH=$PATH:…` lines cost what their whole path or value costs at every step, so their work
 * is bounded per instruction by the pathLength budget and in total by the work budget; each hit is
 * an explicit unknown (a `budget/exceeded` notice naming it), never a predicted failure.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_BUDGETS, PATH_WORK_PER_CHAR, workTotal } from "../../src/core/budget.js";
import { utf8Length } from "../../src/docker/go-path.js";
import { resolveWorkdir } from "../../src/evaluate/apply/apply-workdir.js";
import { simulate, type Simulation } from "../../src/simulate.js";
import { fuzzRuns, fuzzSeed } from "../robustness/fuzz.js";

const BUILDERS = ["buildkit", "legacy"] as const;
const notices = (sim: Simulation) => sim.diagnostics.filter((d) => d.code === "budget/exceeded").map((d) => d.message);
const relative = (n: number, name = "a") => "FROM scratch\n" + `WORKDIR ${name}\n`.repeat(n);

describe("pathLength: a WORKDIR longer than Linux allows with the daemon's storage path before it", () => {
  it("2,000 relative WORKDIRs (bench: 8,000) stop at the budget with a notice naming it and what Docker does, never a build error", () => {
    for (const builder of BUILDERS) {
      const sim = simulate(relative(2_000), { builder });
      expect(sim.error).toBeNull();
      const found = notices(sim);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(/^the pathLength budget \(3840\) was exceeded by a 3842-byte working directory: .*unknown.*file name too long.*PATH_MAX of 4096 bytes/);
      // The stage stopped at the WORKDIR that went over: what it holds is the last path within the budget.
      expect(sim.stage?.config.WorkingDir.value).toBe("/a".repeat(1_920));
      expect(sim.evaluation.work.instructions).toBe(1_921);
    }
  });

  it("counts UTF-8 bytes, as the kernel does", () => {
    expect(utf8Length("/é€𝄞a")).toBe(1 + 2 + 3 + 4 + 1);
    const sim = simulate("FROM scratch\nWORKDIR /" + "é".repeat(20) + "\n", { budgets: { pathLength: 30 } });
    expect(notices(sim)).toHaveLength(1);
    expect(notices(sim)[0]).toContain("by a 41-byte working directory");
  });

  it("property: a notice exactly when a resolved working directory is over the budget; below it the same answer as without a budget", () => {
    const arg = fc.constantFrom("a", "bb", ".", "..", "c/d", "/", "/x/y", "./e", "f/../g");
    fc.assert(
      fc.property(fc.array(arg, { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 24 }), fc.constantFrom(...BUILDERS), (args, budget, builder) => {
        const text = "FROM scratch\n" + args.map((a) => `WORKDIR ${a}\n`).join("");
        let dir = "";
        let over = false;
        for (const a of args) {
          const r = resolveWorkdir(builder, dir, a);
          if (!r.ok) return; // the classic builder's empty WORKDIR (not generated)
          if (utf8Length(r.path) > budget) {
            over = true;
            break;
          }
          dir = r.path;
        }
        const limited = simulate(text, { builder, budgets: { pathLength: budget } });
        expect(limited.error).toBeNull();
        expect(notices(limited).some((m) => m.includes("pathLength"))).toBe(over);
        if (!over) expect(limited.stage?.config).toEqual(simulate(text, { builder }).stage?.config);
        else expect(utf8Length(limited.stage?.config.WorkingDir.value ?? "")).toBeLessThanOrEqual(budget);
      }),
      { numRuns: fuzzRuns(80), seed: fuzzSeed(1717) },
    );
  });
});

describe("the work relative WORKDIRs cost", () => {
  const work = (text: string, builder: "buildkit" | "legacy") => workTotal(simulate(text, { builder }).evaluation.work);

  it("is charged per character of each resolved path, and bounded per WORKDIR by the pathLength budget", () => {
    for (const builder of BUILDERS) {
      const one = work(relative(1), builder);
      const two = work(relative(2), builder);
      // "/a" then "/a/a": 2 + 4 characters of path.
      expect(two - one).toBeGreaterThanOrEqual(PATH_WORK_PER_CHAR * 4);
      // Each WORKDIR costs at most its path (within the budget) plus a small constant: linear in the number of WORKDIRs.
      const perWorkdir = PATH_WORK_PER_CHAR * DEFAULT_BUDGETS.pathLength + 64;
      for (const n of [100, 1_000, 2_500]) expect(work(relative(n), builder)).toBeLessThanOrEqual(n * perWorkdir);
    }
  });

  it("stops growing at the budget: twice the WORKDIRs past it cost no more (work(2N) <= 2.2 work(N))", () => {
    for (const builder of BUILDERS) {
      for (const n of [2_000]) {
        const a = work(relative(n), builder);
        const b = work(relative(2 * n), builder);
        expect(b).toBeLessThanOrEqual(2.2 * a);
        expect(b).toBe(a); // both stopped at the same WORKDIR
      }
    }
  });

  it("a WORKDIR . repeated at a deep directory stops at the work budget (each one walks the whole path)", () => {
    const text = "FROM scratch\nWORKDIR /" + "a/".repeat(500) + "\n" + "WORKDIR .\n".repeat(400) + "CMD x\n";
    for (const builder of BUILDERS) {
      const budget = 2_000_000;
      const sim = simulate(text, { builder, budgets: { work: budget } });
      expect(sim.error).toBeNull();
      const found = notices(sim);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(/^the work budget \(2000000\) was exceeded before this WORKDIR: /);
      expect(sim.stage?.config.Cmd.value).toBeNull(); // nothing after the budget is presented as known
      // The check is made before each instruction: one WORKDIR past the budget at most.
      expect(workTotal(sim.evaluation.work)).toBeLessThanOrEqual(budget + PATH_WORK_PER_CHAR * 1_001 + 64);
      expect(simulate(text, { builder }).stage?.config.Cmd.value).toEqual(["/bin/sh", "-c", "x"]);
    }
  });
});

describe("work: a long file of ever-growing ENV PATH=$PATH:… lines", () => {
  it("stops at the work budget in every later stage too, with one notice per stopped stage", () => {
    const text = "FROM scratch AS a\n" + "ENV PATH=$PATH:/x\n".repeat(400) + "FROM a\nENV b=1\n";
    for (const builder of BUILDERS) {
      const sim = simulate(text, { builder, budgets: { work: 100_000 } });
      expect(sim.error).toBeNull();
      const found = notices(sim);
      expect(found).toHaveLength(2);
      expect(found.every((m) => m.startsWith("the work budget (100000) was exceeded before this ENV"))).toBe(true);
      expect(sim.stage?.config.Env.some((e) => e.key === "b")).toBe(false);
    }
  });

  it("property: below the work budget it changes nothing", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 30 }), fc.constantFrom(...BUILDERS), (envs, workdirs, builder) => {
        const text = "FROM scratch\n" + "ENV PATH=$PATH:/x\nWORKDIR d\n".repeat(Math.min(envs, workdirs)) + "ENV PATH=$PATH:/y\n".repeat(Math.max(0, envs - workdirs));
        const sim = simulate(text, { builder });
        expect(notices(sim)).toEqual([]);
        expect(workTotal(sim.evaluation.work)).toBeLessThan(DEFAULT_BUDGETS.work);
        const unlimited = simulate(text, { builder, budgets: { work: Number.POSITIVE_INFINITY } });
        expect(sim.stage?.config).toEqual(unlimited.stage?.config);
      }),
      { numRuns: fuzzRuns(40), seed: fuzzSeed(1718) },
    );
  });
});
