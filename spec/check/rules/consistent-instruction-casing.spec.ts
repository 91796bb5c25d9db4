/** ConsistentInstructionCasing (src/check/docker/rules/consistent-instruction-casing.ts). */
import { describe, expect, it } from "vitest";
import { findingsOf, linesOf, replaysRecordedCases } from "./rule-spec.js";

describe("ConsistentInstructionCasing", () => {
  it("reports the keywords not in the majority's case", () => {
    expect(linesOf("ConsistentInstructionCasing", ["FROM scratch", "env A=1", "ENV B=2"])).toEqual([2]);
    expect(linesOf("ConsistentInstructionCasing", ["from scratch", "ENV A=1", "env B=2"])).toEqual([2]);
  });
  it("a tie counts as upper case; a mixed-case keyword counts for neither side but is reported", () => {
    expect(findingsOf("ConsistentInstructionCasing", ["FROM scratch", "env A=1"]).map((f) => f.line)).toEqual([2]);
    expect(linesOf("ConsistentInstructionCasing", ["FROM scratch", "Env A=1", "ENV B=2"])).toEqual([2]);
  });
  it("reports nothing when all keywords share a case", () => {
    expect(linesOf("ConsistentInstructionCasing", ["from scratch", "env A=1"])).toEqual([]);
  });
  replaysRecordedCases("ConsistentInstructionCasing");
});
