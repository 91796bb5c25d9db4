/**
 * `RUN --mount=from=` against the recorded real builds (`run-mount-from.cases.ts`, no Docker needed):
 * the stage a mount names is built with the RUN's stage and its failure is the build's; a mount that
 * names an image the simulator does not know predicts no outcome it cannot know and says so.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { memoryContext } from "../../src/fs/context/memory-context.js";
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
