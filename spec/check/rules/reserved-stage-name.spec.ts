/** ReservedStageName (src/check/docker/rules/reserved-stage-name.ts). */
import { describe, expect, it } from "vitest";
import { linesOf, replaysRecordedCases } from "./rule-spec.js";

describe("ReservedStageName", () => {
  it("reports a stage named context or scratch (any case)", () => {
    expect(linesOf("ReservedStageName", ["FROM scratch AS context", "FROM scratch AS Scratch", "FROM scratch AS ctx"])).toEqual([1, 2]);
  });
  replaysRecordedCases("ReservedStageName");
});
