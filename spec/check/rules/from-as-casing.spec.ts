/** FromAsCasing (src/check/docker/rules/from-as-casing.ts). */
import { describe, expect, it } from "vitest";
import { linesOf, replaysRecordedCases } from "./rule-spec.js";

describe("FromAsCasing", () => {
  it("reports an AS whose case differs from an all-lower or all-upper FROM", () => {
    expect(linesOf("FromAsCasing", ["FROM scratch as a", "from scratch AS b", "FROM scratch AS c", "from scratch as d"])).toEqual([1, 2]);
  });
  it("does not check a mixed-case FROM keyword", () => {
    expect(linesOf("FromAsCasing", ["From scratch as a", "FroM scratch AS b"])).toEqual([]);
  });
  replaysRecordedCases("FromAsCasing");
});
