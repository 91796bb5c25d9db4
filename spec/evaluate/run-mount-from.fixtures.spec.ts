/**
 * `RUN --mount=from=` against the recorded real builds (`run-mount-from.cases.ts`, no Docker needed):
 * the stage a mount names is built with the RUN's stage and its failure is the build's; a mount that
 * names an image the simulator does not know predicts no outcome it cannot know and says so.
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { memoryContext } from "../../src/fs/context/memory-context.js";
import { mountSources, readMountSource } from "../../src/parse/run-mount.js";
import { simulate } from "../../src/simulate.js";
import { imageWith, resolverWith } from "../helpers/simulate.js";
import { BUSYBOX, withoutPullError, withoutRef, type RunMountFromFixture } from "./run-mount-from.cases.js";

const fixture = JSON.parse(readFileSync(new URL("../fixtures/engine-28.5/run-mount-from.json", import.meta.url), "utf8")) as RunMountFromFixture;
const resolver = resolverWith(imageWith(`docker.io/${fixture.busybox}`, {}));

function run(dockerfile: string, builder: "buildkit" | "legacy") {
  return simulate(dockerfile.replaceAll(BUSYBOX, fixture.busybox), { builder, resolver, context: (b) => memoryContext({}, { builder: b }) });
}

describe("RUN --mount=from=<stage or image> (recorded on Docker 28.5)", () => {
  for (const c of fixture.cases) {
    for (const builder of ["buildkit", "legacy"] as const) {
      const recorded = c.results[builder];
      it(`${c.id} (${c.title}), ${builder}: ${recorded.ok ? "builds" : withoutRef(withoutPullError(recorded.error))}`, () => {
        const sim = run(c.dockerfile, builder);
        const notices = sim.diagnostics.filter((d) => d.code === "image/unknown").map((d) => d.message);
        if (recorded.ok) {
          expect(sim.error).toBeNull();
          return;
        }
        const pull = withoutPullError(recorded.error);
        if (pull === recorded.error) {
          expect(sim.error?.message).toBe(withoutRef(recorded.error));
          return;
        }
        // A failed pull: whether the engine has the image or a registry serves it is unknown.
        expect(sim.error).toBeNull();
        expect(notices).toHaveLength(1);
        expect(notices[0]).toContain(`failing where it cannot ("${pull}")`);
      });
    }
  }

  it("the fixture holds a mount from a failing stage the target needs only through the mount", () => {
    const c = fixture.cases.find((x) => x.id === "stage-fails")!;
    expect(c.results.buildkit).toMatchObject({ ok: false });
    expect(run(c.dockerfile, "buildkit").evaluation.stages.map((st) => st.index)).toEqual([0, 1]);
  });
});

describe("readMountSource (BuildKit's parse-time reading of a --mount's from)", () => {
  it("is the last from= field, any key case, scratch without one", () => {
    expect(readMountSource("type=cache,target=/c")).toEqual({ ok: true, source: "scratch" });
    expect(readMountSource("from=,target=/c")).toEqual({ ok: true, source: "scratch" });
    expect(readMountSource("FROM=Build,target=/b")).toEqual({ ok: true, source: "Build" });
    expect(readMountSource("from=a,from=b")).toEqual({ ok: true, source: "b" });
    expect(readMountSource('"from=a,x",target=/t')).toEqual({ ok: true, source: "a,x" });
  });

  it("refuses a $ before the end of from, and a value that is not one CSV line", () => {
    expect(readMountSource("from=$S")).toEqual({ ok: false, error: "'from' doesn't support variable expansion, define alias stage instead" });
    expect(readMountSource("from=a$")).toEqual({ ok: true, source: "a$" });
    expect(readMountSource('from=a"b')).toEqual({ ok: false, error: 'failed to parse csv mounts: bare " in non-quoted-field' });
  });

  it("property: a from value without quotes, commas or `$` reads back as itself (scratch when empty), whatever fields surround it", () => {
    const word = fc.stringMatching(/^[a-zA-Z0-9_.\/-]{0,8}$/);
    fc.assert(
      fc.property(word, fc.array(fc.tuple(fc.constantFrom("type", "target", "source", "id"), word), { maxLength: 3 }), fc.nat(), (from, others, at) => {
        const fields = others.map(([k, v]) => `${k}=${v}`);
        fields.splice(at % (fields.length + 1), 0, `from=${from}`);
        expect(readMountSource(fields.join(","))).toEqual({ ok: true, source: from === "" ? "scratch" : from });
        expect(mountSources([fields.join(","), "type=tmpfs,target=/t"])).toEqual([from === "" ? "scratch" : from, "scratch"]);
      }),
    );
  });
});

describe("the stage graph with RUN --mount (BuildKit)", () => {
  const built = (text: string): number[] => simulate(text, { builder: "buildkit" }).evaluation.stages.map((s) => s.index);

  it("a mount's stage is a dependency and built; a stage of the same name defined last wins; an index is not a stage", () => {
    expect(built("FROM scratch AS a\nFROM scratch AS b\nFROM busybox\nRUN --mount=from=B,target=/m true\n")).toEqual([1, 2]);
    expect(built("FROM scratch AS a\nFROM scratch AS a\nFROM busybox\nRUN --mount=from=a,target=/m true\n")).toEqual([1, 2]);
    expect(built("FROM scratch AS a\nFROM busybox\nRUN --mount=from=0,target=/m true\n")).toEqual([1]);
    expect(built("FROM scratch AS scratch\nFROM busybox\nRUN --mount=type=tmpfs,target=/m true\n")).toEqual([0, 1]);
  });

  it("the classic builder builds every stage up to the target and refuses the flag", () => {
    const sim = simulate("FROM scratch AS a\nFROM busybox AS b\nRUN --mount=from=a,target=/m true\nFROM scratch\n", { builder: "legacy", target: "b" });
    expect(sim.evaluation.stages.map((s) => s.index)).toEqual([0, 1]);
    expect(sim.error?.message).toMatch(/^the --mount option requires BuildKit/);
  });
});
