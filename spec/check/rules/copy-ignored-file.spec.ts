/** CopyIgnoredFile (src/check/docker/rules/copy-ignored-file.ts). */
import { describe, expect, it } from "vitest";
import { checkDocker } from "../../../src/check/index.js";
import { linesOf, replaysRecordedCases } from "./rule-spec.js";

const lines = ["# check=experimental=CopyIgnoredFile", "FROM scratch", "COPY app.log /", "ADD keep.txt /", "COPY --from=x app.log /", "ADD https://example.com/a.log /"];

describe("CopyIgnoredFile", () => {
  it("reports a COPY or ADD context source the .dockerignore excludes (not COPY --from, not URLs)", () => {
    expect(linesOf("CopyIgnoredFile", lines, { dockerignore: "*.log\n" })).toEqual([3]);
    expect(linesOf("CopyIgnoredFile", lines, { dockerignore: null })).toEqual([]);
  });
  it("is undecided when the .dockerignore is unknown", () => {
    const r = checkDocker(lines.join("\n") + "\n");
    expect(r.undecided.filter((u) => u.rule === "CopyIgnoredFile").map((u) => u.lines.start)).toEqual([3, 4]);
  });
  replaysRecordedCases("CopyIgnoredFile");
});
