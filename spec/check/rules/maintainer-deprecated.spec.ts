/** MaintainerDeprecated (src/check/docker/rules/maintainer-deprecated.ts). */
import { describe, expect, it } from "vitest";
import { linesOf, replaysRecordedCases } from "./rule-spec.js";

describe("MaintainerDeprecated", () => {
  it("reports every MAINTAINER, in any stage", () => {
    expect(linesOf("MaintainerDeprecated", ["FROM scratch", "MAINTAINER a", "FROM scratch", "maintainer b"])).toEqual([2, 4]);
  });
  replaysRecordedCases("MaintainerDeprecated");
});
