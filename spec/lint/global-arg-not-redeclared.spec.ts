import { describe, expect, it } from "vitest";
import { variableReferences } from "../../src/lint/variable-references.js";
import { ruleCases } from "./rule-cases.js";

// docs/semantics section C.3: a global ARG is invisible in a stage until redeclared (both builders).
ruleCases("lint/global-arg-not-redeclared", [
  { name: "LABEL reads a global ARG", dockerfile: "ARG V=1\nFROM sim/busybox\nLABEL v=$V\n", lines: [3], mentions: ["$V is a global ARG (line 1)", 'add "ARG V" after the FROM on line 2'] },
  { name: "RUN reads a global ARG, reported once per stage", dockerfile: "ARG V=1\nFROM sim/busybox\nRUN echo ${V}\nRUN echo $V\n", lines: [3] },
  { name: "each stage on its own", dockerfile: "ARG V=1\nFROM sim/busybox AS a\nARG V\nFROM sim/busybox\nENV X=$V\n", lines: [5] },
  { name: "an automatic platform ARG (BuildKit)", dockerfile: "FROM sim/busybox\nRUN echo $TARGETARCH\n", lines: [2], mentions: ["automatic platform ARG"] },
], [
  { name: "redeclared with a bare ARG", dockerfile: "ARG V=1\nFROM sim/busybox\nARG V\nLABEL v=$V\n" },
  { name: "used only in FROM", dockerfile: "ARG TAG=latest\nFROM sim/busybox:$TAG\nLABEL a=b\n" },
  { name: "single-quoted, so not expanded", dockerfile: "ARG V=1\nFROM sim/busybox\nRUN echo '$V'\n" },
  { name: "set by ENV in the stage", dockerfile: "ARG V=1\nFROM sim/busybox\nENV V=2\nLABEL v=$V\n" },
  { name: "CMD expands at run time, in the container", dockerfile: "ARG V=1\nFROM sim/busybox\nCMD echo $V\n" },
  { name: "inherited from a parent stage's ARG (BuildKit)", dockerfile: "ARG V=1\nFROM sim/busybox AS a\nARG V\nFROM a\nLABEL v=$V\n" },
  { name: "the classic builder has no automatic platform ARGs to forget", dockerfile: "FROM sim/busybox\nRUN echo $TARGETARCH\n", options: { builder: "legacy" } },
]);

describe("variableReferences", () => {
  it("finds $A and ${B}, skipping escapes and single quotes outside double quotes", () => {
    expect(variableReferences(`a=$A b='$X' c="\${B:-x}" d=\\$Y e="it's $C"`, "\\").map((r) => r.name)).toEqual(["A", "B", "C"]);
  });
  it("honours another escape token", () => {
    expect(variableReferences("`$A $B", "`").map((r) => r.name)).toEqual(["B"]);
  });
});
