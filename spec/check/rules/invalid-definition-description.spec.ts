/** InvalidDefinitionDescription (src/check/docker/rules/invalid-definition-description.ts). */
import { describe, expect, it } from "vitest";
import { linesOf, replaysRecordedCases } from "./rule-spec.js";

const on = "# check=experimental=InvalidDefinitionDescription";

describe("InvalidDefinitionDescription", () => {
  it("reports a comment right above a named FROM or an ARG that does not start with its name", () => {
    expect(linesOf("InvalidDefinitionDescription", [on, "# the version", "ARG VERSION=1", "# the build stage", "FROM scratch AS build"])).toEqual([3, 5]);
  });
  it("accepts the name first, and a comment separated by an empty comment", () => {
    expect(linesOf("InvalidDefinitionDescription", [on, "# VERSION to build", "ARG VERSION=1", "# note", "#", "FROM scratch AS build"])).toEqual([]);
  });
  it("a blank line does not separate the comment (verified on 28.5: reported at the ARG)", () => {
    expect(linesOf("InvalidDefinitionDescription", [on, "FROM scratch", "# x", "", "ARG B"])).toEqual([5]);
  });
  replaysRecordedCases("InvalidDefinitionDescription");
});
