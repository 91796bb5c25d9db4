/** RedundantTargetPlatform (src/check/docker/rules/redundant-target-platform.ts). */
import { describe, expect, it } from "vitest";
import { linesOf, replaysRecordedCases } from "./rule-spec.js";

describe("RedundantTargetPlatform", () => {
  it("reports --platform=$TARGETPLATFORM alone, in both forms", () => {
    expect(linesOf("RedundantTargetPlatform", ["FROM --platform=$TARGETPLATFORM scratch AS a", "FROM --platform=${TARGETPLATFORM} scratch AS b"])).toEqual([1, 2]);
  });
  it("not with another variable or text beside it, nor $BUILDPLATFORM", () => {
    expect(linesOf("RedundantTargetPlatform", ["FROM --platform=$BUILDPLATFORM scratch AS a", "FROM --platform=${TARGETOS}/${TARGETARCH} scratch AS b"])).toEqual([]);
  });
  replaysRecordedCases("RedundantTargetPlatform");
});
