import { describe, expect, it } from "vitest";
import { lintDockerfile } from "../../src/lint/lint-dockerfile.js";
import { simulate } from "../../src/simulate.js";
import { resolverWith } from "../helpers/simulate.js";
import { findingsOf, ruleCases } from "./rule-cases.js";

ruleCases("lint/builders-disagree", [
  // docs/semantics C.2: ARG a=1 b=$a gives b=1 in BuildKit, b="" in the classic builder.
  { name: "sequential ARG defaults", dockerfile: "FROM sim/busybox\nARG a=1 b=$a\nLABEL b=$b\n", lines: [3], mentions: ['Labels.b: BuildKit gives "1", the classic builder gives (unset)'] },
  // docs/semantics F: FROM Builder works in the classic builder, fails in BuildKit.
  { name: "one builder fails", dockerfile: "FROM sim/busybox AS builder\nFROM Builder\nCMD [\"x\"]\n", lines: [2], mentions: ["BuildKit fails this build", "the classic builder builds it"] },
  // docs/semantics A.1: bare CMD is ["/bin/sh","-c"] (classic) vs ["/bin/sh","-c",""] (BuildKit).
  { name: "bare CMD, from the classic builder's side", dockerfile: "FROM sim/busybox\nCMD\n", options: { builder: "legacy" }, lines: [2, null], mentions: ["Cmd: the classic builder gives", "docker run starts"] },
], [
  { name: "a plain Dockerfile", dockerfile: 'FROM sim/busybox\nENV A=1\nWORKDIR /srv\nCMD ["x"]\n' },
  { name: "FROM scratch: WorkingDir / vs unset runs in / either way", dockerfile: 'FROM scratch\nCOPY a /a\nCMD ["/a"]\n' },
]);

describe("lint/builders-disagree with build args", () => {
  it("re-runs the other builder with the same options", () => {
    // docs/semantics C.2: ENV V=env + ARG V + --build-arg V=ba: classic "env", BuildKit "ba" for expansion.
    const f = findingsOf("lint/builders-disagree", "FROM sim/busybox\nENV V=env\nARG V\nLABEL l=$V\n", { buildArgs: { V: "ba" } });
    expect(f.map((x) => x.message)).toEqual(['Builders disagree: Labels.l: BuildKit gives "ba", the classic builder gives "env"']);
  });
});

describe("lint/builders-disagree without options (issue 18 point 10)", () => {
  it("reuses the simulation's own options, run options included", () => {
    // A README-style call: the simulation ran with run args and nothing else is passed to lintDockerfile.
    const sim = simulate('FROM scratch\nENTRYPOINT ["/app"]\n', { resolver: resolverWith(), run: { args: ["--help"] } });
    expect(lintDockerfile(sim).filter((f) => f.code === "lint/builders-disagree")).toEqual([]);
  });

  it("still finds a real disagreement, with the build args the simulation had", () => {
    const sim = simulate("FROM sim/busybox\nENV V=env\nARG V\nLABEL l=$V\n", { resolver: resolverWith(), buildArgs: { V: "ba" } });
    expect(lintDockerfile(sim).filter((f) => f.code === "lint/builders-disagree").map((f) => f.message)).toEqual(['Builders disagree: Labels.l: BuildKit gives "ba", the classic builder gives "env"']);
  });
});
