// Stages: names, --target, duplicates, unreachable stages, dependencies, COPY --from. Source:
// docs/semantics/docker-28.5.md F (`doc`) and builds on Docker Engine 28.5.2 run while writing this
// spec (`verified`). L = classic builder (builds every stage up to the target, in order),
// B = BuildKit (builds only what the target needs).
import { describe, expect, it } from "vitest";
import { BUILDERS, configOf, errorOf, imageWith, labelsOf, resolverWith, sim } from "../helpers/simulate.js";

describe("stage names are case-insensitive (doc F)", () => {
  const text = "FROM sim/busybox AS builder\nLABEL s=1\nFROM Builder\nLABEL c=1\n";
  it("FROM Builder after AS builder: L uses the stage, B parses it as an image reference", () => {
    expect(labelsOf(text, { builder: "legacy" })).toEqual({ s: "1", c: "1" });
    expect(errorOf(text, "buildkit")).toBe('failed to parse stage name "Builder": invalid reference format: repository name (library/Builder) must be lowercase');
  });
  it.each(BUILDERS)("AS Mixed, then FROM mixed (%s)", (builder) => {
    expect(labelsOf("FROM sim/busybox AS Mixed\nLABEL s=1\nFROM mixed\nLABEL c=1\n", { builder })).toEqual({ s: "1", c: "1" });
  });
  it.each(BUILDERS)("COPY --from=BUILDER finds stage builder (%s)", (builder) => {
    const s = sim("FROM sim/busybox AS builder\nLABEL s=1\nFROM sim/busybox\nCOPY --from=BUILDER /bin/sh /x\n", { builder });
    expect(s.error).toBeNull();
    expect(s.evaluation.stages.map((st) => st.label)).toEqual(["builder", "1"]);
  });
  it.each(BUILDERS)("--target ONE selects stage one (%s)", (builder) => {
    expect(labelsOf("FROM sim/busybox AS one\nLABEL a=1\nFROM sim/busybox AS two\nLABEL b=2\n", { builder, target: "ONE" })).toEqual({ a: "1" });
  });
});

describe("--target (doc F, verified)", () => {
  const text = "FROM sim/busybox AS one\nLABEL a=1\nFROM sim/busybox AS two\nLABEL b=2\n";
  it("an unknown target: B suggests a stage name, L does not", () => {
    expect(errorOf(text, "legacy", { target: "nope" })).toBe('target stage "nope" could not be found');
    expect(errorOf(text, "buildkit", { target: "nope" })).toBe('target stage "nope" could not be found (did you mean one?)');
  });
  it.each(BUILDERS)("the default target is the last stage (%s)", (builder) => {
    expect(labelsOf(text, { builder })).toEqual({ b: "2" });
  });
});

describe("duplicate stage names (doc F)", () => {
  const text = "FROM sim/busybox AS dup\nLABEL s=1\nFROM sim/busybox AS dup\nLABEL s=2\nFROM dup\nCOPY --from=dup /bin/sh /x\n";
  it("L fails when the second stage starts; B takes the last definition", () => {
    expect(errorOf(text, "legacy")).toBe("dup stage name already used");
    expect(labelsOf(text, { builder: "buildkit" })).toEqual({ s: "2" });
  });
  it("a name reused after FROM <stage>: L fails, B builds", () => {
    const t = "FROM sim/busybox AS a\nFROM a AS b\nFROM b AS a\nLABEL x=1\n";
    expect(errorOf(t, "legacy")).toBe("a stage name already used");
    expect(errorOf(t, "buildkit")).toBeNull();
  });
});

describe("FROM references (doc F)", () => {
  it.each(BUILDERS)("FROM a AS a with no earlier stage a is the image a:latest (%s)", (builder) => {
    const s = sim("FROM a AS a\nLABEL x=1\n", { builder, resolver: resolverWith(imageWith("docker.io/library/a:latest", {})) });
    expect(s.error).toBeNull();
    expect(s.stage?.base).toMatchObject({ kind: "image", image: { ref: "docker.io/library/a:latest" } });
  });
  it.each(BUILDERS)("FROM 0 is the image 0:latest, not stage 0 (%s)", (builder) => {
    const s = sim("FROM sim/busybox\nLABEL s=1\nFROM 0\nLABEL x=1\n", { builder, resolver: resolverWith(imageWith("docker.io/library/0:latest", {})) });
    expect(s.error).toBeNull();
    expect(s.stage?.base).toMatchObject({ kind: "image", image: { ref: "docker.io/library/0:latest" } });
  });
  it.each(BUILDERS)("FROM $UNSET (%s)", (builder) => {
    expect(errorOf("FROM $UNSET\n", builder)).toBe("base name ($UNSET) should not be blank");
  });
  it("FROM sim/busybox:$UNSET", () => {
    expect(errorOf("FROM sim/busybox:$UNSET\n", "legacy")).toBe("invalid reference format");
    expect(errorOf("FROM sim/busybox:$UNSET\n", "buildkit")).toBe('failed to parse stage name "sim/busybox:": invalid reference format');
  });
  it.each(BUILDERS)("a chain of FROM <stage> (verified, %s)", (builder) => {
    expect(labelsOf("FROM sim/busybox AS a\nLABEL a=1\nFROM sim/busybox AS c\nFROM c AS c2\nFROM c2\nLABEL x=1\n", { builder })).toEqual({ x: "1" });
  });
});

describe("BuildKit parses every stage's base name, needed or not (D1, verified on 28.5.2)", () => {
  it("an invalid name in a stage the target does not need fails BuildKit; the classic builder matches the stage", () => {
    const text = "FROM sim/busybox AS base\nFROM Base\nFROM sim/busybox\n";
    expect(errorOf(text, "buildkit")).toBe('failed to parse stage name "Base": invalid reference format: repository name (library/Base) must be lowercase');
    expect(errorOf(text, "legacy")).toBeNull();
  });
  it("a name matching no stage fails both builders, the classic one as it builds the stage", () => {
    const text = "FROM sim/busybox AS base\nFROM NotThere\nFROM sim/busybox\n";
    expect(errorOf(text, "buildkit")).toBe('failed to parse stage name "NotThere": invalid reference format: repository name (library/NotThere) must be lowercase');
    expect(errorOf(text, "legacy")).toBe("invalid reference format: repository name (library/NotThere) must be lowercase");
  });
  it("BuildKit: before any instruction is converted (an earlier stage's bad EXPOSE comes later)", () => {
    expect(errorOf("FROM sim/busybox\nEXPOSE notaport\nFROM Bad\n", "buildkit")).toBe('failed to parse stage name "Bad": invalid reference format: repository name (library/Bad) must be lowercase');
  });
  it("BuildKit: with --target on an earlier stage too", () => {
    expect(errorOf("FROM sim/busybox AS a\nFROM X\n", "buildkit", { target: "a" })).toContain('failed to parse stage name "X"');
    expect(errorOf("FROM sim/busybox AS a\nFROM X\n", "legacy", { target: "a" })).toBeNull();
  });
});

describe("classic builder: a stage with no instruction is its base's image (D6, D7, verified on 28.5.2)", () => {
  it("FROM <stage> alone keeps the stage's Author; an instruction drops it; BuildKit keeps it always", () => {
    const text = "FROM sim/busybox AS b\nMAINTAINER x\nFROM b\n";
    expect(configOf(text, { builder: "legacy" }).Author).toBe("x");
    expect(configOf(text + "FROM b AS c\nFROM c\n", { builder: "legacy" }).Author).toBe("x");
    expect(configOf(text + "ENV A=1\n", { builder: "legacy" }).Author).toBe("");
    expect(configOf(text + "ONBUILD ENV A=1\n", { builder: "legacy" }).Author).toBe("");
    for (const t of [text, text + "ENV A=1\n"]) expect(configOf(t, { builder: "buildkit" }).Author).toBe("x");
  });
  it("FROM <known image> alone is that image as is: its Author, and no default PATH added", () => {
    const img = imageWith("docker.io/t/author:1", { Env: null }, { author: "me" });
    const c = configOf("FROM t/author:1\n", { builder: "legacy", resolver: resolverWith(img) });
    expect({ Author: c.Author, Env: c.Env }).toEqual({ Author: "me", Env: null });
  });
  const noImage = "No image was generated. Is your Dockerfile empty?";
  it.each([
    ["FROM scratch\n", noImage],
    ["FROM scratch AS a\nFROM a\n", noImage],
    ["FROM scratch AS a\nFROM a AS b\nFROM b\n", noImage],
    ["FROM scratch AS a\nFROM sim/busybox AS b\nFROM a\n", noImage],
    ["FROM scratch AS a\nLABEL x=y\nFROM a\n", null],
    ["FROM scratch AS a\nFROM a\nLABEL x=y\n", null],
    ["FROM sim/busybox AS a\nFROM scratch\nFROM a\n", null],
    ["FROM scratch AS a\nFROM sim/busybox\n", null],
  ])("%j (classic)", (text, error) => {
    expect(errorOf(text, "legacy")).toBe(error);
    expect(errorOf(text, "buildkit")).toBeNull();
  });
});

describe("unreachable stages (doc F)", () => {
  const text = "FROM sim/busybox AS unused\nEXPOSE notaport\nFROM sim/busybox\nLABEL a=1\n";
  it("L builds every stage and fails; B skips the stage", () => {
    expect(errorOf(text, "legacy")).toBe("Invalid containerPort: notaport");
    expect(errorOf(text, "buildkit")).toBeNull();
    expect(configOf(text, { builder: "buildkit" }).Labels).toEqual({ a: "1" });
  });
  it("with --target, L stops at the target", () => {
    const t = "FROM sim/busybox AS one\nLABEL a=1\nFROM sim/busybox\nEXPOSE notaport\n";
    expect(errorOf(t, "legacy", { target: "one" })).toBeNull();
  });
});

describe("stage dependencies and COPY --from (doc F, verified)", () => {
  it("a dependency cycle: B reports it", () => {
    const text = "FROM sim/busybox AS a\nCOPY --from=b /bin/sh /x\nFROM sim/busybox AS b\nCOPY --from=a /bin/sh /y\n";
    expect(errorOf(text, "buildkit")).toBe("circular dependency detected on stage: a");
  });
  it("COPY --from its own stage: B reports a cycle", () => {
    expect(errorOf("FROM sim/busybox AS a\nCOPY --from=a /bin/sh /x\n", "buildkit")).toBe("circular dependency detected on stage: a");
  });
  it("COPY --from a later stage: B refuses; L takes the name as an image", () => {
    const text = "FROM sim/busybox AS a\nCOPY --from=b /bin/sh /x\nFROM sim/busybox AS b\nLABEL b=1\n";
    expect(errorOf(text, "buildkit", { target: "a" })).toBe('cannot copy from stage "b", it needs to be defined before current stage "a"');
    expect(errorOf(text, "legacy", { target: "a", resolver: resolverWith(imageWith("docker.io/library/b:latest", {})) })).toBeNull();
  });
  it("COPY --from an index out of range", () => {
    const text = "FROM sim/busybox\nLABEL a=1\nFROM sim/busybox\nCOPY --from=0 /bin/sh /x\nCOPY --from=5 /bin/sh /y\n";
    expect(errorOf(text, "legacy")).toBe("invalid from flag value 5: index out of bounds");
    expect(errorOf(text, "buildkit")).toBe("invalid stage index 5");
  });
  it("COPY --from=$S (doc F)", () => {
    const text = "FROM sim/busybox\nARG S=x\nCOPY --from=$S /bin/sh /x\n";
    expect(errorOf(text, "legacy")).toBe("invalid from flag value $S: invalid reference format: repository name (library/$S) must be lowercase");
    expect(errorOf(text, "buildkit")).toBe("variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround");
  });
});
