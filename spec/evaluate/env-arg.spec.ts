// ENV and ARG: scope, precedence and expansion order per builder. Source:
// docs/semantics/docker-28.5.md C.2-C.8 and G (`doc`), and builds on Docker Engine 28.5.2 run while
// writing this spec (`verified`). Values are read back through LABELs, as the verification did.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BUILDERS, DEFAULT_PATH, envOf, errorOf, historyOf, imageWith, labelsOf, onBusybox, resolverWith, type Builder, type Opts } from "../helpers/simulate.js";

interface Row {
  readonly name: string;
  readonly text: string;
  readonly opts?: Opts;
  readonly L: Record<string, string>;
  readonly B: Record<string, string>;
}

function check(rows: readonly Row[]) {
  for (const builder of BUILDERS) {
    it.each(rows)(`$name (${builder})`, (r) => {
      expect(labelsOf(r.text, { ...r.opts, builder })).toEqual(builder === "legacy" ? r.L : r.B);
    });
  }
}

const ENVBASE = imageWith("docker.io/library/envbase:latest", { Env: [`PATH=${DEFAULT_PATH}`, "V=envbase"] });
const withEnvbase = { resolver: resolverWith(ENVBASE) };

describe("ENV and ARG ordering (doc C.2)", () => {
  check([
    { name: "ARG a=1 b=$a: sequential in BuildKit only", text: onBusybox("ARG a=1 b=$a", "LABEL b=[$b]"), L: { b: "[]" }, B: { b: "[1]" } },
    { name: "ENV x=1 y=$x: never sequential", text: onBusybox("ENV x=1 y=$x", "LABEL y=[$y]"), L: { y: "[]" }, B: { y: "[]" } },
    { name: "ARG $K=1: the key is expanded by the classic builder only", text: onBusybox("ENV K=kk", "ARG $K=1", "LABEL v=[$kk]"), L: { v: "[1]" }, B: { v: "[]" } },
    { name: "ARG then ENV of the same name", text: onBusybox("ARG V=arg", "ENV V=env", "LABEL v=$V"), L: { v: "env" }, B: { v: "env" } },
    { name: "ARG then ENV, with --build-arg", text: onBusybox("ARG V=arg", "ENV V=env", "LABEL v=$V"), opts: { buildArgs: { V: "ba" } }, L: { v: "env" }, B: { v: "env" } },
    { name: "ENV then bare ARG", text: onBusybox("ENV V=env", "ARG V", "LABEL v=$V"), L: { v: "env" }, B: { v: "env" } },
    { name: "ENV then bare ARG, with --build-arg", text: onBusybox("ENV V=env", "ARG V", "LABEL v=$V"), opts: { buildArgs: { V: "ba" } }, L: { v: "env" }, B: { v: "ba" } },
    { name: "ENV then ARG with a default", text: onBusybox("ENV V=env", "ARG V=argdef", "LABEL v=$V"), L: { v: "env" }, B: { v: "argdef" } },
    { name: "ENV then ARG with a default, with --build-arg", text: onBusybox("ENV V=env", "ARG V=argdef", "LABEL v=$V"), opts: { buildArgs: { V: "ba" } }, L: { v: "env" }, B: { v: "ba" } },
    { name: "base image ENV then bare ARG", text: "FROM envbase\nARG V\nLABEL v=$V\n", opts: withEnvbase, L: { v: "envbase" }, B: { v: "envbase" } },
    { name: "base image ENV then bare ARG, with --build-arg", text: "FROM envbase\nARG V\nLABEL v=$V\n", opts: { ...withEnvbase, buildArgs: { V: "ba" } }, L: { v: "envbase" }, B: { v: "ba" } },
  ]);

  it("the config's Env keeps the ENV value whatever the ARG does (doc C.2)", () => {
    for (const builder of BUILDERS) expect(envOf(onBusybox("ENV V=env", "ARG V"), { builder, buildArgs: { V: "ba" } })).toEqual([`PATH=${DEFAULT_PATH}`, "V=env"]);
  });
});

describe("redeclared ARG (verified)", () => {
  const text = onBusybox("ARG A=1", "LABEL a1=[$A]", "ARG A", "LABEL a2=[$A]", "ARG A=3", "LABEL a3=[$A]");
  check([
    { name: "a bare redeclaration clears the value in the classic builder only", text, L: { a1: "[1]", a2: "[]", a3: "[3]" }, B: { a1: "[1]", a2: "[1]", a3: "[3]" } },
    { name: "a --build-arg wins over every default", text, opts: { buildArgs: { A: "ba" } }, L: { a1: "[ba]", a2: "[ba]", a3: "[ba]" }, B: { a1: "[ba]", a2: "[ba]", a3: "[ba]" } },
    { name: "a --build-arg is invisible until declared", text: onBusybox("LABEL x=[$X]", "ARG X", "LABEL y=[$X]"), opts: { buildArgs: { X: "ba" } }, L: { x: "[]", y: "[ba]" }, B: { x: "[]", y: "[ba]" } },
  ]);
});

describe("global ARGs (doc C.3, verified)", () => {
  const head = "ARG G=glob\nARG G2=${G}-2\n";
  check([
    { name: "invisible in a stage until redeclared", text: head + onBusybox("LABEL g=[$G]"), L: { g: "[]" }, B: { g: "[]" } },
    { name: "a bare redeclaration picks up the global value", text: head + onBusybox("ARG G G2", "LABEL g=[$G] g2=[$G2]"), L: { g: "[glob]", g2: "[glob-2]" }, B: { g: "[glob]", g2: "[glob-2]" } },
    { name: "--build-arg overrides the global and its uses", text: head + onBusybox("ARG G G2", "LABEL g2=[$G] g22=[$G2]"), opts: { buildArgs: { G: "ba" } }, L: { g2: "[ba]", g22: "[ba-2]" }, B: { g2: "[ba]", g22: "[ba-2]" } },
    { name: "each stage redeclares for itself", text: "ARG G=glob\nFROM sim/busybox\nARG G=local\nLABEL g=[$G]\nFROM sim/busybox\nARG G\nLABEL g=[$G]\n", L: { g: "[glob]" }, B: { g: "[glob]" } },
  ]);
});

describe("--build-arg values and default expansion (doc C.4)", () => {
  check([
    { name: "a --build-arg value is used raw", text: onBusybox("ARG X", "LABEL x=$X"), opts: { buildArgs: { X: `"q" $Y 's'` } }, L: { x: `"q" $Y 's'` }, B: { x: `"q" $Y 's'` } },
  ]);

  const boom = 'failed to process "${Y:?boom}": Y: boom';
  it.each(BUILDERS)("ARG X=${Y:?boom} without --build-arg fails (%s)", (builder) => {
    expect(errorOf(onBusybox("ARG X=${Y:?boom}"), builder)).toBe(boom);
  });
  it("ARG X=${Y:?boom} with --build-arg X=1: the classic builder still expands the default", () => {
    expect(errorOf(onBusybox("ARG X=${Y:?boom}", "LABEL x=$X"), "legacy", { buildArgs: { X: "1" } })).toBe(boom);
    expect(labelsOf(onBusybox("ARG X=${Y:?boom}", "LABEL x=$X"), { builder: "buildkit", buildArgs: { X: "1" } })).toEqual({ x: "1" });
  });
  it("the same for a global ARG", () => {
    const text = "ARG X=${Y:?boom}\n" + onBusybox("ARG X", "LABEL x=$X");
    expect(errorOf(text, "legacy", { buildArgs: { X: "1" } })).toBe(boom);
    expect(labelsOf(text, { builder: "buildkit", buildArgs: { X: "1" } })).toEqual({ x: "1" });
  });
  it.each(BUILDERS)("an unused global ARG X=${Y:?boom} fails (%s)", (builder) => {
    expect(errorOf("ARG X=${Y:?boom}\n" + onBusybox("LABEL a=1"), builder)).toBe(boom);
  });
});

describe("predefined proxy ARGs (doc C.5)", () => {
  const buildArgs = { HTTP_PROXY: "hp", no_proxy: "np" };
  check([
    { name: "usable undeclared in the classic builder only", text: onBusybox("LABEL e=[$HTTP_PROXY] f=[$no_proxy]"), opts: { buildArgs }, L: { e: "[hp]", f: "[np]" }, B: { e: "[]", f: "[]" } },
    { name: "usable in both once declared", text: onBusybox("ARG HTTP_PROXY", "LABEL e=[$HTTP_PROXY]"), opts: { buildArgs }, L: { e: "[hp]" }, B: { e: "[hp]" } },
  ]);
  it("RUN history: L `|0` for an undeclared proxy arg, B no prefix; B lists a declared one", () => {
    expect(historyOf(onBusybox("RUN true"), { builder: "legacy", buildArgs })).toEqual(["|0 /bin/sh -c true"]);
    expect(historyOf(onBusybox("RUN true"), { builder: "buildkit", buildArgs })).toEqual(["RUN /bin/sh -c true # buildkit"]);
    expect(historyOf(onBusybox("ARG HTTP_PROXY", "RUN true"), { builder: "buildkit", buildArgs })).toEqual(["ARG HTTP_PROXY=hp", "RUN |1 HTTP_PROXY=hp /bin/sh -c true # buildkit"]);
  });
});

describe("ARG history text (doc C.2, G)", () => {
  it("B shows the resolved values; L the expanded-against-before values", () => {
    expect(historyOf(onBusybox("ARG a=1 b=$a"), { builder: "buildkit" })).toEqual(["ARG a=1 b=1"]);
    expect(historyOf(onBusybox("ARG a=1 b=$a"), { builder: "legacy" })).toEqual(["/bin/sh -c #(nop)  ARG a=1 b="]);
    expect(historyOf(onBusybox("ARG V"), { builder: "buildkit", buildArgs: { V: "ba" } })).toEqual(["ARG V=ba"]);
    expect(historyOf(onBusybox("ARG M"), { builder: "legacy" })).toEqual(["/bin/sh -c #(nop)  ARG M"]);
  });
  it("ARG $K=1: L expands the key, B keeps it literal", () => {
    expect(historyOf(onBusybox("ENV K=kk", "ARG $K=1"), { builder: "legacy" })[1]).toBe("/bin/sh -c #(nop)  ARG kk=1");
    expect(historyOf(onBusybox("ENV K=kk", "ARG $K=1"), { builder: "buildkit" })[1]).toBe("ARG $K=1");
  });
});

describe("RUN history `|N` prefix (doc G)", () => {
  const text = onBusybox("ARG Z=1", "ARG A=2", "ARG M", "ENV A=3", "RUN true", "ARG A=4", "RUN true");
  it("BuildKit de-duplicates names, first position kept, current value", () => {
    const runs = historyOf(text, { builder: "buildkit" }).filter((h) => h.startsWith("RUN"));
    expect(runs).toEqual(["RUN |3 Z=1 A=3 M= /bin/sh -c true # buildkit", "RUN |3 Z=1 A=4 M= /bin/sh -c true # buildkit"]);
  });
  it("the classic builder lists only ARGs with a value that no ENV shadows", () => {
    const runs = historyOf(text, { builder: "legacy" }).filter((h) => !h.includes("#(nop)"));
    expect(runs).toEqual(["|1 Z=1 /bin/sh -c true", "|1 Z=1 /bin/sh -c true"]);
  });
  it("BuildKit: any sequence of re-declared ARGs lists each name once, at its first declaration, with its last value", () => {
    // BuildKit's runCommandString walks the stage's whole ARG list on each RUN, replacing a repeated
    // name's value in place; the simulator keeps that list deduplicated (a model of the rule here).
    const decl = fc.tuple(fc.constantFrom("A", "B", "C", "D"), fc.stringMatching(/^[a-z0-9]{1,4}$/));
    fc.assert(
      fc.property(fc.array(decl, { minLength: 1, maxLength: 12 }), (decls) => {
        const lines = decls.map(([k, v]) => `ARG ${k}=${v}`);
        const last = new Map<string, string>();
        for (const [k, v] of decls) last.set(k, v);
        const expected = `RUN |${last.size} ${[...last].map(([k, v]) => `${k}=${v}`).join(" ")} /bin/sh -c true # buildkit`;
        const runs = historyOf(onBusybox(...lines, "RUN true"), { builder: "buildkit" }).filter((h) => h.startsWith("RUN"));
        expect(runs).toEqual([expected]);
      }),
    );
  });
});

describe("automatic platform ARGs (doc C.6: BuildKit only)", () => {
  check([
    { name: "global scope: usable undeclared", text: 'ARG GA=$TARGETARCH\nARG GP="$BUILDPLATFORM"\n' + onBusybox("ARG GA GP", "LABEL ga=[$GA] gp=[$GP]"), L: { ga: "[]", gp: "[]" }, B: { ga: "[amd64]", gp: "[linux/amd64]" } },
    { name: "in a stage, empty until declared", text: onBusybox("LABEL a=[$TARGETARCH]"), L: { a: "[]" }, B: { a: "[]" } },
    { name: "a global bare ARG then a stage ARG", text: "ARG TARGETPLATFORM\n" + onBusybox("ARG TARGETPLATFORM", "LABEL p=[$TARGETPLATFORM]"), L: { p: "[]" }, B: { p: "[linux/amd64]" } },
  ]);

  const names: [string, string][] = [
    ["TARGETARCH", "amd64"], ["TARGETPLATFORM", "linux/amd64"], ["TARGETOS", "linux"], ["TARGETVARIANT", ""],
    ["BUILDPLATFORM", "linux/amd64"], ["BUILDOS", "linux"], ["BUILDARCH", "amd64"], ["BUILDVARIANT", ""],
    ["BUILDOSVERSION", ""], ["TARGETOSVERSION", ""],
  ];
  it.each(names)("ARG %s in a stage = %j", (name, value) => {
    const text = onBusybox(`ARG ${name}`, `LABEL v=[$${name}]`);
    expect(labelsOf(text, { builder: "buildkit" })).toEqual({ v: `[${value}]` });
    expect(labelsOf(text, { builder: "legacy" })).toEqual({ v: "[]" });
  });
  it("TARGETSTAGE: `default` for an unnamed target, else the stage name", () => {
    expect(labelsOf(onBusybox("ARG TARGETSTAGE", "LABEL v=[$TARGETSTAGE]"), { builder: "buildkit" })).toEqual({ v: "[default]" });
    expect(labelsOf("FROM sim/busybox AS mystage\nARG TARGETSTAGE\nLABEL v=[$TARGETSTAGE]\n", { builder: "buildkit" })).toEqual({ v: "[mystage]" });
  });
  it("FROM --platform=$BUILDPLATFORM: fine in BuildKit, an error in the classic builder", () => {
    const text = "FROM --platform=$BUILDPLATFORM sim/busybox\nLABEL a=1\n";
    expect(errorOf(text, "buildkit")).toBeNull();
    expect(errorOf(text, "legacy")).toBe(
      'failed to parse platform : "" is an invalid OS component of "": OSAndVersion specifier component must match "^([A-Za-z0-9_-]+)(?:\\\\(([A-Za-z0-9_.%-]*)((?:\\\\+[A-Za-z0-9_.%-]+)*)\\\\))?$": invalid argument',
    );
  });
});

describe("ARG across FROM <stage> (doc C.7)", () => {
  const text = "FROM sim/busybox AS a\nARG A=1\nENV EA=ea\nFROM a\nLABEL a=[$A] ea=[$EA]\n";
  check([{ name: "ARGs carry over in BuildKit only; ENV in both", text, L: { a: "[]", ea: "[ea]" }, B: { a: "[1]", ea: "[ea]" } }]);
  it("BuildKit lists the inherited ARG in the child's RUN history", () => {
    const h = historyOf("FROM sim/busybox AS a\nARG A=1\nFROM a\nRUN true\n", { builder: "buildkit" });
    expect(h[h.length - 1]).toBe("RUN |1 A=1 /bin/sh -c true # buildkit");
  });
  // D5 of docs/oracle.md, verified on 28.5.2 (fixtures buildkit-history-059f36ab0c, buildkit-env-d7270b3645).
  const last = (text: string, builder: Builder): string | undefined => historyOf(text, { builder }).at(-1);
  it("a valueless ARG of the parent counts in the child's RUN prefix, as in the parent's own (BuildKit)", () => {
    expect(last("FROM sim/busybox AS build\nARG A\nFROM build\nRUN true\n", "buildkit")).toBe("RUN |1 A= /bin/sh -c true # buildkit");
    expect(last("FROM sim/busybox\nARG A\nRUN true\n", "buildkit")).toBe("RUN |1 A= /bin/sh -c true # buildkit");
    expect(last("FROM sim/busybox AS build\nARG A\nFROM build\nRUN true\n", "legacy")).toBe("/bin/sh -c true");
  });
  it.each(BUILDERS)("the config's Env wins over an inherited ARG of the same name (%s)", (builder) => {
    const text = "FROM sim/busybox AS a\nENV b=@\nARG b=x\nFROM a\nENV c=$b\nRUN true\n";
    expect(envOf(text, { builder })).toEqual([`PATH=${DEFAULT_PATH}`, "b=@", "c=@"]);
    expect(last(text, builder)).toBe(builder === "buildkit" ? "RUN |1 b=@ /bin/sh -c true # buildkit" : "/bin/sh -c true");
  });
  it("an inherited ARG PATH reads as the image's PATH in the child (BuildKit)", () => {
    const text = "FROM sim/busybox AS a\nARG PATH=zz\nFROM a\nENV V=$PATH\nRUN true\n";
    expect(envOf(text, { builder: "buildkit" })).toEqual([`PATH=${DEFAULT_PATH}`, `V=${DEFAULT_PATH}`]);
    expect(last(text, "buildkit")).toBe(`RUN |1 PATH=${DEFAULT_PATH} /bin/sh -c true # buildkit`);
  });
  it("inherited and own ARGs, de-duplicated; the classic builder inherits none", () => {
    const text = "ARG G=g\nFROM sim/busybox AS a\nARG G\nARG H=h\nFROM a\nARG G\nENV X=$G-$H\nRUN true\n";
    expect(envOf(text, { builder: "buildkit" })).toContain("X=g-h");
    expect(last(text, "buildkit")).toBe("RUN |2 G=g H=h /bin/sh -c true # buildkit");
    expect(envOf(text, { builder: "legacy" })).toContain("X=g-");
    expect(last(text, "legacy")).toBe("|1 G=g /bin/sh -c true");
  });
});

describe("a global ARG declared twice (D9, verified on 28.5.2)", () => {
  const stage = "FROM sim/busybox\nARG A\nLABEL x=[$A]\n";
  check([
    { name: "ARG A=hello A: the classic builder drops the default", text: "ARG A=hello A\n" + stage, L: { x: "[]" }, B: { x: "[hello]" } },
    { name: "ARG A=hello, then ARG A", text: "ARG A=hello\nARG A\n" + stage, L: { x: "[]" }, B: { x: "[hello]" } },
    { name: "ARG A A=hello", text: "ARG A A=hello\n" + stage, L: { x: "[hello]" }, B: { x: "[hello]" } },
    { name: "ARG A=hello A=$A-x: the classic builder expands with the globals from before the line", text: "ARG A=hello A=$A-x\n" + stage, L: { x: "[-x]" }, B: { x: "[hello-x]" } },
    { name: "ARG A=1, then ARG A B=$A: B expands before A is cleared (classic)", text: "ARG A=1\nARG A B=$A\nFROM sim/busybox\nARG A B\nLABEL x=[$A] y=[$B]\n", L: { x: "[]", y: "[1]" }, B: { x: "[1]", y: "[1]" } },
    { name: "a --build-arg wins", text: "ARG A=hello A\n" + stage, opts: { buildArgs: { A: "ba" } }, L: { x: "[ba]" }, B: { x: "[ba]" } },
  ]);
});

describe("ENV values (doc C.8)", () => {
  it.each(BUILDERS)("quotes and escapes (%s)", (builder) => {
    const text = onBusybox(`ENV a="x\\"y" b='$c' c=x\\ y d="$HOME" e='it'"'"'s' f="tab\\tq" g=\\$x`);
    expect(envOf(text, { builder })).toEqual([`PATH=${DEFAULT_PATH}`, 'a=x"y', "b=$c", "c=x y", "d=", "e=it's", "f=tab\\tq", "g=$x"]);
  });
  it.each(BUILDERS)("the legacy `ENV key value` form takes the rest of the line (%s)", (builder) => {
    expect(envOf(onBusybox("ENV ONE TWO= THREE=world"), { builder })).toEqual([`PATH=${DEFAULT_PATH}`, "ONE=TWO= THREE=world"]);
  });
  it.each(BUILDERS)("a quoted key (%s)", (builder) => {
    expect(envOf(onBusybox('ENV "Q"="1"'), { builder })).toEqual([`PATH=${DEFAULT_PATH}`, "Q=1"]);
  });
  it.each(BUILDERS)("ENV replaces a key in place (%s)", (builder) => {
    expect(envOf(onBusybox("ENV A=1 B=2", "ENV A=3"), { builder })).toEqual([`PATH=${DEFAULT_PATH}`, "A=3", "B=2"]);
  });
});

// General rules: ENV always wins over ARG in the classic builder; in BuildKit the last writer
// wins, where a --build-arg counts as written at its ARG (doc C.2).
describe("properties", () => {
  const value = fc.stringMatching(/^[a-z0-9]{1,6}$/);
  it("ENV then ARG V[=default] [--build-arg]: L sees the ENV value, B the ARG's", () => {
    fc.assert(
      fc.property(value, fc.option(value, { nil: undefined }), fc.option(value, { nil: undefined }), (env, def, ba) => {
        const text = onBusybox(`ENV V=${env}`, def === undefined ? "ARG V" : `ARG V=${def}`, "LABEL v=[$V]");
        const opts = (builder: Builder): Opts => (ba === undefined ? { builder } : { builder, buildArgs: { V: ba } });
        expect(labelsOf(text, opts("legacy"))).toEqual({ v: `[${env}]` });
        expect(labelsOf(text, opts("buildkit"))).toEqual({ v: `[${ba ?? def ?? env}]` });
      }),
    );
  });
});
