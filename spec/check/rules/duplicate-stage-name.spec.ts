/** DuplicateStageName (src/check/docker/rules/duplicate-stage-name.ts). */
import { describe, expect, it } from "vitest";
import { linesOf, replaysRecordedCases } from "./rule-spec.js";

describe("DuplicateStageName", () => {
  it("reports each later use of a name, case-insensitively", () => {
    expect(linesOf("DuplicateStageName", ["FROM scratch AS a", "FROM scratch AS A", "FROM scratch AS b", "FROM scratch AS a"])).toEqual([2, 4]);
  });
  it("ignores unnamed stages", () => {
    expect(linesOf("DuplicateStageName", ["FROM scratch", "FROM scratch"])).toEqual([]);
  });
  replaysRecordedCases("DuplicateStageName");
});
