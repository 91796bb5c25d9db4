/** UndefinedArgInFrom (src/check/docker/rules/undefined-arg-in-from.ts). */
import { describe, expect, it } from "vitest";
import { findingsOf, linesOf, replaysRecordedCases } from "./rule-spec.js";

describe("UndefinedArgInFrom", () => {
  it("reports a variable in FROM that no global ARG declares, with a suggestion", () => {
    const f = findingsOf("UndefinedArgInFrom", ["ARG VERSION=1", "FROM scratch AS a", "FROM alpine:$VERSON"]);
    expect(f.map((x) => x.line)).toEqual([3]);
    expect(f[0]!.detail).toContain("VERSION");
  });
  it("accepts a declared ARG without a value, an automatic platform ARG, and checks --platform too", () => {
    expect(linesOf("UndefinedArgInFrom", ["ARG V", "FROM alpine:${V:-3}", "FROM --platform=$BUILDPLATFORM scratch AS b", "FROM --platform=$NOPE scratch AS c"])).toEqual([4]);
  });
  replaysRecordedCases("UndefinedArgInFrom");
});
