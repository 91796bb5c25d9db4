/**
 * The `--json` report's history and layer count where the classic builder's answer depends on
 * whether a step changed files: the report says so per entry and gives the range of layer counts.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toJsonReport } from "../../src/report/json-report.js";
import { simulate } from "../../src/simulate.js";
import { layersView } from "../../src/session/views.js";

const step = fc.constantFrom("COPY x /x", "WORKDIR /w", "ENV A=1", "LABEL l=1", "RUN true", "USER 1");

describe("toJsonReport: layers that depend on file changes", () => {
  it("flags exactly the entries the simulator cannot decide, and layersMin = layers minus those counted as layers", () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 8 }), fc.constantFrom("buildkit" as const, "legacy" as const), (steps, builder) => {
        // FROM scratch: the base has 0 layers, so the layer count is known; COPY from an unknown context and RUN are undecidable for the classic builder.
        const sim = simulate(`FROM busybox AS b\nFROM scratch\n${steps.join("\n")}\n`, { builder });
        const r = toJsonReport(sim);
        const flagged = r.history.filter((h) => h.layer_depends_on_changes === true);
        expect(flagged.length).toBe(sim.stage!.history.filter((h) => h.layerDependsOnChanges === true).length);
        if (builder === "buildkit") expect(flagged).toEqual([]);
        if (flagged.length === 0) expect("layersMin" in r).toBe(false);
        else expect(r.layersMin).toBe(r.layers! - flagged.filter((h) => !h.empty_layer).length);
        for (const h of r.history) expect(Object.keys(h).every((k) => ["created_by", "empty_layer", "comment", "layer_depends_on_changes"].includes(k))).toBe(true);
      }),
    );
  });
  it("a classic COPY of files nobody supplied is flagged, and the layers view gives the range", () => {
    const sim = simulate("FROM scratch\nCOPY x /x\nENV A=1\n", { builder: "legacy" });
    const r = toJsonReport(sim);
    expect(r.history[0]).toEqual(expect.objectContaining({ empty_layer: false, layer_depends_on_changes: true }));
    expect([r.layers, r.layersMin]).toEqual([1, 0]);
    expect(layersView(sim)).toContain("1 of them only if their step changes a file (classic builder), so 0 to 1");
  });
});
