/** NoEmptyContinuation (src/check/docker/rules/no-empty-continuation.ts). */
import { describe, expect, it } from "vitest";
import { linesOf, replaysRecordedCases } from "./rule-spec.js";

describe("NoEmptyContinuation", () => {
  it("reports a blank line inside a continued instruction, at the instruction's last line", () => {
    expect(linesOf("NoEmptyContinuation", ["FROM scratch", "ENV A=1 \\", "", "  B=2"])).toEqual([4]);
  });
  it("ignores a comment line inside a continuation and blank lines between instructions", () => {
    expect(linesOf("NoEmptyContinuation", ["FROM scratch", "ENV A=1 \\", "# c", "  B=2", "", "ENV C=3"])).toEqual([]);
  });
  replaysRecordedCases("NoEmptyContinuation");
});
