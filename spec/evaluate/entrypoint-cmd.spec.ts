// ENTRYPOINT and CMD: the reset rule, bare and empty forms, last wins, ArgsEscaped. Source:
// docs/semantics/docker-28.5.md A.1 and B (real builds on Docker Engine 28.5.2).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BUILDERS, configOf, imageWith, rawOf, resolverWith, type Builder } from "../helpers/simulate.js";

/** A base image built with BuildKit: `CMD ["basecmd"]`, so `ArgsEscaped: true`. */
const IMG = imageWith("docker.io/library/img:latest", { Cmd: ["basecmd"], ArgsEscaped: true });
const opts = (builder: Builder) => ({ builder, resolver: resolverWith(IMG) });
const SH = ["/bin/sh", "-c"];

interface Row {
  readonly name: string;
  readonly text: string;
  readonly L: { Entrypoint: string[] | null; Cmd: string[] | null };
  readonly B: { Entrypoint: string[] | null; Cmd: string[] | null };
}

describe("ENTRYPOINT / CMD table (doc B)", () => {
  const rows: Row[] = [
    { name: "ENTRYPOINT resets an inherited CMD", text: 'FROM img\nENTRYPOINT ["e"]\n', L: { Entrypoint: ["e"], Cmd: null }, B: { Entrypoint: ["e"], Cmd: null } },
    { name: "a LABEL keeps the inherited CMD", text: "FROM img\nLABEL x=y\n", L: { Entrypoint: null, Cmd: ["basecmd"] }, B: { Entrypoint: null, Cmd: ["basecmd"] } },
    { name: "CMD then ENTRYPOINT: both kept", text: 'FROM img\nCMD ["c"]\nENTRYPOINT ["e"]\n', L: { Entrypoint: ["e"], Cmd: ["c"] }, B: { Entrypoint: ["e"], Cmd: ["c"] } },
    { name: "ENTRYPOINT then CMD: both kept", text: 'FROM img\nENTRYPOINT ["e"]\nCMD ["c"]\n', L: { Entrypoint: ["e"], Cmd: ["c"] }, B: { Entrypoint: ["e"], Cmd: ["c"] } },
    { name: "CMD [] then ENTRYPOINT: Cmd absent", text: 'FROM img\nCMD []\nENTRYPOINT ["e"]\n', L: { Entrypoint: ["e"], Cmd: null }, B: { Entrypoint: ["e"], Cmd: null } },
    { name: "bare CMD then ENTRYPOINT: L resets (no words), B keeps", text: 'FROM img\nCMD\nENTRYPOINT ["e"]\n', L: { Entrypoint: ["e"], Cmd: null }, B: { Entrypoint: ["e"], Cmd: [...SH, ""] } },
    { name: "bare ENTRYPOINT resets CMD", text: "FROM img\nENTRYPOINT\n", L: { Entrypoint: null, Cmd: null }, B: { Entrypoint: [...SH, ""], Cmd: null } },
    { name: "ENTRYPOINT [] after CMD", text: 'FROM img\nCMD ["x"]\nENTRYPOINT []\n', L: { Entrypoint: null, Cmd: ["x"] }, B: { Entrypoint: null, Cmd: ["x"] } },
    { name: "FROM <stage> with CMD, then ENTRYPOINT: reset", text: 'FROM sim/busybox AS s1\nCMD ["c"]\nFROM s1\nENTRYPOINT ["e"]\n', L: { Entrypoint: ["e"], Cmd: null }, B: { Entrypoint: ["e"], Cmd: null } },
    { name: "the last CMD wins", text: 'FROM img\nCMD ["a"]\nCMD ["b"]\nCMD c\n', L: { Entrypoint: null, Cmd: [...SH, "c"] }, B: { Entrypoint: null, Cmd: [...SH, "c"] } },
    { name: "shell forms", text: "FROM img\nENTRYPOINT e1 x\nCMD c1 y\n", L: { Entrypoint: [...SH, "e1 x"], Cmd: [...SH, "c1 y"] }, B: { Entrypoint: [...SH, "e1 x"], Cmd: [...SH, "c1 y"] } },
  ];
  for (const builder of BUILDERS) {
    it.each(rows)(`$name (${builder})`, (r) => {
      const c = configOf(r.text, opts(builder));
      expect({ Entrypoint: c.Entrypoint, Cmd: c.Cmd }).toEqual(builder === "legacy" ? r.L : r.B);
    });
  }

  it("the classic builder's raw config: CMD [] then ENTRYPOINT resets Cmd to null; bare ENTRYPOINT is null", () => {
    expect(rawOf('FROM img\nCMD []\nENTRYPOINT ["e"]\n', opts("legacy")).Cmd.value).toBeNull();
    expect(rawOf("FROM img\nENTRYPOINT\n", opts("legacy")).Entrypoint.value).toBeNull();
  });
});

describe("ArgsEscaped (doc B)", () => {
  it("ENTRYPOINT on an ArgsEscaped base: B keeps it, L clears it", () => {
    expect(configOf('FROM img\nENTRYPOINT ["e"]\n', opts("buildkit")).ArgsEscaped).toBe(true);
    expect(configOf('FROM img\nENTRYPOINT ["e"]\n', opts("legacy")).ArgsEscaped).toBe(false);
  });
  it.each(BUILDERS)("a LABEL only: inherited true (%s)", (builder) => {
    expect(configOf("FROM img\nLABEL x=y\n", opts(builder)).ArgsEscaped).toBe(true);
  });
  it("CMD on an ArgsEscaped base: B true, L false", () => {
    expect(configOf('FROM img\nCMD ["x"]\n', opts("buildkit")).ArgsEscaped).toBe(true);
    expect(configOf('FROM img\nCMD ["x"]\n', opts("legacy")).ArgsEscaped).toBe(false);
  });
});

// The rule in general (non-empty exec forms, same in both builders): each CMD replaces Cmd; each
// ENTRYPOINT replaces Entrypoint and clears Cmd unless a CMD came earlier in the same stage.
describe("properties", () => {
  const argv = fc.array(fc.stringMatching(/^[a-z0-9/-]{1,5}$/), { minLength: 1, maxLength: 3 });
  const op = fc.record({ kind: fc.constantFrom("CMD" as const, "ENTRYPOINT" as const), argv });
  it("reset rule and last-wins over any sequence of CMD/ENTRYPOINT", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 6 }), (ops) => {
        let cmd: string[] | null = ["basecmd"];
        let entrypoint: string[] | null = null;
        let cmdSet = false;
        for (const o of ops) {
          if (o.kind === "CMD") {
            cmd = o.argv;
            cmdSet = true;
          } else {
            entrypoint = o.argv;
            if (!cmdSet) cmd = null;
          }
        }
        const text = ["FROM img", ...ops.map((o) => `${o.kind} ${JSON.stringify(o.argv)}`)].join("\n") + "\n";
        for (const builder of BUILDERS) {
          const c = configOf(text, opts(builder));
          expect({ Entrypoint: c.Entrypoint, Cmd: c.Cmd }).toEqual({ Entrypoint: entrypoint, Cmd: cmd });
        }
      }),
    );
  });
});
