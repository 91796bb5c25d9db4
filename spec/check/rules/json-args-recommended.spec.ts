/** JSONArgsRecommended (src/check/docker/rules/json-args-recommended.ts). */
import { describe, expect, it } from "vitest";
import { checkDocker } from "../../../src/check/index.js";
import { linesOf, replaysRecordedCases } from "./rule-spec.js";

describe("JSONArgsRecommended", () => {
  it("reports a shell-form CMD or ENTRYPOINT, not the exec form", () => {
    expect(linesOf("JSONArgsRecommended", ["FROM scratch", "CMD echo a", "ENTRYPOINT echo b", "CMD [\"a\"]"])).toEqual([2, 3]);
  });
  it("not after an explicit SHELL in the stage or a stage it is built on", () => {
    expect(linesOf("JSONArgsRecommended", ["FROM scratch AS a", 'SHELL ["/bin/sh", "-c"]', "FROM a", "CMD echo a"])).toEqual([]);
  });
  it("is undecided on an unknown base image (its SHELL is unknown)", () => {
    const r = checkDocker("FROM example/unknown\nCMD echo a\n", { dockerignore: null });
    expect(r.warnings.filter((w) => w.rule === "JSONArgsRecommended")).toEqual([]);
    expect(r.undecided.filter((u) => u.rule === "JSONArgsRecommended").map((u) => u.lines.start)).toEqual([2]);
  });
  replaysRecordedCases("JSONArgsRecommended");
});
