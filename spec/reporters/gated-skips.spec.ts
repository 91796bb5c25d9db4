import { describe, expect, it } from "vitest";
import type { TestModule } from "vitest/node";
import { gatedSkips, renderGatedSkips, skipReason } from "./gated-skips.js";

/** A stand-in for vitest's TestModule: suites (with a title) holding tests in a given state. */
function moduleOf(file: string, suites: { name: string; states: ("skipped" | "passed")[] }[]): TestModule {
  const tests = suites.flatMap((s) => {
    const suite = { type: "suite", name: s.name, parent: { type: "module" } };
    return s.states.map((state) => ({ parent: suite, result: () => ({ state }) }));
  });
  return { relativeModuleId: file, children: { allTests: function* () { yield* tests; } } } as unknown as TestModule;
}

describe("the gated-skips reporter (issue 18 point 13)", () => {
  it("reads the reason from a skipped suite's title", () => {
    expect(skipReason("ENTRYPOINT × CMD matrix [skipped: no Docker Engine answers at unix:///x.sock]")).toBe("no Docker Engine answers at unix:///x.sock");
    expect(skipReason("a suite")).toBeNull();
  });

  it("counts every skipped check under a reason, per file, and ignores skips without one", () => {
    const reason = "no Docker Engine answers at unix:///x.sock";
    const skips = gatedSkips([
      moduleOf("spec/matrix/matrix.oracle.spec.ts", [{ name: `matrix [skipped: ${reason}]`, states: ["skipped", "skipped", "skipped"] }]),
      moduleOf("spec/oracle/engine.spec.ts", [{ name: `engine [skipped: ${reason}]`, states: ["skipped"] }, { name: "plain", states: ["skipped", "passed"] }]),
    ]);
    expect([...skips.keys()]).toEqual([reason]);
    expect(skips.get(reason)!.count).toBe(4);
    expect(renderGatedSkips(skips)).toBe(`\n Checks that did not run:\n   4 checks in spec/matrix/matrix.oracle.spec.ts, spec/oracle/engine.spec.ts: ${reason}\n`);
  });

  it("prints nothing when every gated check ran", () => {
    expect(renderGatedSkips(gatedSkips([moduleOf("a.spec.ts", [{ name: "x", states: ["passed"] }])]))).toBe("");
  });
});
