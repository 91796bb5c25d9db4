/** FromPlatformFlagConstDisallowed (src/check/docker/rules/from-platform-flag-const-disallowed.ts). */
import { describe, expect, it } from "vitest";
import { linesOf, replaysRecordedCases } from "./rule-spec.js";

describe("FromPlatformFlagConstDisallowed", () => {
  it("reports a constant --platform", () => {
    expect(linesOf("FromPlatformFlagConstDisallowed", ["FROM --platform=linux/arm64 scratch AS a"])).toEqual([1]);
  });
  it("not when the stage name contains the OS or architecture, nor with a variable", () => {
    expect(linesOf("FromPlatformFlagConstDisallowed", ["FROM --platform=linux/arm64 scratch AS build-arm64", "FROM --platform=linux/arm64 scratch AS linux-b", "FROM --platform=$BUILDPLATFORM scratch AS c"])).toEqual([]);
  });
  replaysRecordedCases("FromPlatformFlagConstDisallowed");
});
