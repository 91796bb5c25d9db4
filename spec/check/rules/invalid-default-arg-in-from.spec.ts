/** InvalidDefaultArgInFrom (src/check/docker/rules/invalid-default-arg-in-from.ts). */
import { describe, expect, it } from "vitest";
import { linesOf, replaysRecordedCases } from "./rule-spec.js";

describe("InvalidDefaultArgInFrom", () => {
  it("reports a base name that is empty or invalid with the global ARGs' defaults", () => {
    expect(linesOf("InvalidDefaultArgInFrom", ["ARG TAG", "FROM alpine:${TAG}"])).toEqual([2]);
    expect(linesOf("InvalidDefaultArgInFrom", ["ARG IMAGE=", "FROM ${IMAGE}"])).toEqual([2]);
  });
  it("not when the default gives a valid name, whatever the build arguments", () => {
    expect(linesOf("InvalidDefaultArgInFrom", ["ARG TAG=3", "FROM alpine:${TAG}"], { buildArgs: { TAG: "" } })).toEqual([]);
  });
  replaysRecordedCases("InvalidDefaultArgInFrom");
});
