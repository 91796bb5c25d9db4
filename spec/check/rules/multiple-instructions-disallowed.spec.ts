/** MultipleInstructionsDisallowed (src/check/docker/rules/multiple-instructions-disallowed.ts). */
import { describe, expect, it } from "vitest";
import { linesOf, replaysRecordedCases } from "./rule-spec.js";

describe("MultipleInstructionsDisallowed", () => {
  it("reports each CMD, ENTRYPOINT or HEALTHCHECK that a later one of the same stage overrides, at the earlier one", () => {
    expect(linesOf("MultipleInstructionsDisallowed", ["FROM scratch", 'CMD ["a"]', 'ENTRYPOINT ["b"]', 'CMD ["c"]', "HEALTHCHECK NONE", "HEALTHCHECK NONE", 'CMD ["d"]'])).toEqual([2, 5, 4]);
  });
  it("counts per stage", () => {
    expect(linesOf("MultipleInstructionsDisallowed", ["FROM scratch AS a", 'CMD ["a"]', "FROM a", 'CMD ["b"]'])).toEqual([]);
  });
  replaysRecordedCases("MultipleInstructionsDisallowed");
});
