/** WorkdirRelativePath (src/check/docker/rules/workdir-relative-path.ts). */
import { describe, expect, it } from "vitest";
import { linesOf, replaysRecordedCases } from "./rule-spec.js";

describe("WorkdirRelativePath", () => {
  it("reports a relative WORKDIR before any WORKDIR of the stage", () => {
    expect(linesOf("WorkdirRelativePath", ["FROM scratch", "WORKDIR app", "WORKDIR sub"])).toEqual([2]);
  });
  it("not after an absolute WORKDIR, inherited from a parent stage too", () => {
    expect(linesOf("WorkdirRelativePath", ["FROM scratch AS a", "WORKDIR /app", "WORKDIR sub", "FROM a", "WORKDIR more"])).toEqual([]);
  });
  replaysRecordedCases("WorkdirRelativePath");
});
