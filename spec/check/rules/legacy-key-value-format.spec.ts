/** LegacyKeyValueFormat (src/check/docker/rules/legacy-key-value-format.ts). */
import { describe, expect, it } from "vitest";
import { linesOf, replaysRecordedCases } from "./rule-spec.js";

describe("LegacyKeyValueFormat", () => {
  it("reports ENV and LABEL in the whitespace form, not key=value", () => {
    expect(linesOf("LegacyKeyValueFormat", ["FROM scratch", "ENV A 1", "ENV B=2", "LABEL c 3", "LABEL d=4"])).toEqual([2, 4]);
  });
  replaysRecordedCases("LegacyKeyValueFormat");
});
