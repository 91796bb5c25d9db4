/** StageNameCasing (src/check/docker/rules/stage-name-casing.ts). */
import { describe, expect, it } from "vitest";
import { linesOf, replaysRecordedCases } from "./rule-spec.js";

describe("StageNameCasing", () => {
  it("reports a stage name that is not all lower case, at its FROM", () => {
    expect(linesOf("StageNameCasing", ["FROM scratch AS Build", "FROM scratch AS BUILD2", "FROM scratch AS ok"])).toEqual([1, 2]);
  });
  it("ignores an unnamed stage and a lower-case name", () => {
    expect(linesOf("StageNameCasing", ["FROM scratch", "FROM scratch AS build-1"])).toEqual([]);
  });
  replaysRecordedCases("StageNameCasing");
});
