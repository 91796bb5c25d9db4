/**
 * The harness's known divergences (no Docker needed): a case that diverges where the simulator warned
 * `simulator/known-divergence` for that builder counts apart, as known, and is not a failure; without the
 * warning, or with one for the other builder only, it is a divergence.
 */
import { describe, expect, it } from "vitest";
import { classifyCase, loadFixtures, observeSimulator, simEnv, type DifferentialResult, type Verdict } from "./differential.js";
import { divergenceIdOf } from "./known-warnings.js";
import { formatKnown, formatReport } from "./report.js";

const busybox = loadFixtures().find((f) => f.fixture.bases["oracle/busybox:latest"] !== undefined)!.fixture;
const env = simEnv(busybox.bases, busybox.baseHistory);
/** After a RUN the simulator cannot know whether /etc/passwd exists; BuildKit's `USER 1000` + RUN needs it (D3). */
const RUN_THEN_USER = { dockerfile: "FROM oracle/busybox\nRUN true\nUSER 1000\nRUN true\n", runs: [{}] };

const agree: Verdict = { category: "build", agree: true, engine: { ok: true }, simulator: { ok: true } };
const disagree: Verdict = { category: "build", agree: false, engine: { ok: false, error: "x" }, simulator: { ok: true } };

describe("known divergences in the differential harness", () => {
  it("the simulator's observation carries the warnings for its builder only", () => {
    const bk = observeSimulator(RUN_THEN_USER, "buildkit", env);
    expect(bk.build).toEqual({ ok: true });
    expect(bk.known).toHaveLength(1);
    expect(bk.known[0]).toContain("unable to find user 1000: invalid argument");
    expect(divergenceIdOf(bk.known[0]!)).toBe("user-lookup-after-opaque-step");
    // The classic builder starts a numeric user whatever the files hold: no warning.
    expect(observeSimulator(RUN_THEN_USER, "legacy", env).known).toEqual([]);
  });
  it("a divergence counts as known only when the simulator warned for that builder", () => {
    expect(classifyCase([agree], { known: ["w"] })).toBe("agree");
    expect(classifyCase([agree, disagree], { known: ["w"] })).toBe("known");
    expect(classifyCase([agree, disagree], { known: [] })).toBe("diverge");
    const legacy = observeSimulator(RUN_THEN_USER, "legacy", env);
    expect(classifyCase([disagree], legacy)).toBe("diverge");
  });
  it("the report lists known divergences apart, and says there was no divergence", () => {
    const tallies = Object.fromEntries(["build"].map((c) => [c, { agree: 0, disagree: 1, skipped: 0 }]));
    const r = {
      engine: "28.5.2", seed: 4, cases: 1, wallMs: 1000, divergences: [], divergentCases: [],
      builders: { buildkit: { tallies, buildMs: 1000, shrinkMs: 0, agreedCases: 0, knownCases: 1, builtOk: 0, baked: 0, plan: { concurrency: 1, bake: 1 } } },
      knownCases: [{ builder: "buildkit", index: 0, category: "build", case: RUN_THEN_USER, disagree: [disagree], known: ["RUN at line 4 runs as user 1000: …"] }],
    } as unknown as DifferentialResult;
    const known = formatKnown(r).join("\n");
    expect(known).toContain("1 known divergence(s)");
    expect(known).toContain("[buildkit] build (1 generated case(s)), warned: RUN at line 4 runs as user 1000");
    expect(known).toContain("    | USER 1000");
    const report = formatReport({ ...r, builders: {} } as DifferentialResult);
    expect(report).toContain("No divergence.");
    expect(report).toContain("known divergence(s)");
  });
});
