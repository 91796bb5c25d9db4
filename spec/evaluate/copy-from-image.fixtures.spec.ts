/**
 * Issue 18 point 2 against the recorded real builds (`copy-from-image.cases.ts`): where the build
 * used an image the simulator does not know, it predicts no outcome it cannot know; it says that the
 * build uses or pulls that image and fails where the pull fails, in the engine's words.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { listFiles } from "../../src/fs/vfs/list-tree.js";
import { lintDockerfile } from "../../src/lint/lint-dockerfile.js";
import { simulate } from "../../src/simulate.js";
import { imageWith, resolverWith } from "../helpers/simulate.js";
import { BUSYBOX, withoutPullError, type CopyFromImageFixture } from "./copy-from-image.cases.js";

const fixture = JSON.parse(readFileSync(new URL("../fixtures/engine-28.5/copy-from-image.json", import.meta.url), "utf8")) as CopyFromImageFixture;
const resolver = resolverWith(imageWith(`docker.io/${fixture.busybox}`, {}));

describe("COPY --from=<name> without an earlier stage of that name (recorded on Docker 28.5)", () => {
  for (const c of fixture.cases) {
    for (const builder of ["buildkit", "legacy"] as const) {
      const recorded = c.results[builder];
      it(`${c.id} (${c.title}), ${builder}: ${recorded.ok ? "builds" : withoutPullError(recorded.error)}`, () => {
        const sim = simulate(c.dockerfile.replaceAll(BUSYBOX, fixture.busybox), { builder, resolver });
        const notices = sim.diagnostics.filter((d) => d.code === "image/unknown").map((d) => d.message);
        if (recorded.ok) {
          expect(sim.error).toBeNull();
          expect(notices).toEqual([]);
          return;
        }
        const pull = withoutPullError(recorded.error);
        if (pull === recorded.error) {
          // An error the Dockerfile alone decides.
          expect(sim.error?.message).toBe(recorded.error);
          return;
        }
        // A failed pull: the simulator cannot know whether the engine has the image or a registry
        // serves it, so it predicts no error and says what happens, in the engine's words.
        expect(sim.error).toBeNull();
        expect(notices).toHaveLength(1);
        expect(notices[0]).toContain(`failing where it cannot ("${pull}")`);
        expect(notices[0]).toContain("its files are unknown");
      });
    }
  }

  it("the builder comparison no longer says the classic builder simply builds it", () => {
    const own = fixture.cases.find((c) => c.id === "own-name")!;
    const sim = simulate(own.dockerfile.replaceAll(BUSYBOX, fixture.busybox), { builder: "legacy", resolver });
    const [finding] = lintDockerfile(sim).filter((f) => f.code === "lint/builders-disagree");
    expect(finding?.message).toBe("Builders disagree: BuildKit fails this build (circular dependency detected on stage: me), the classic builder builds it only if it can use or pull the image --from=me on line 2 names (unknown to the simulator; offline, the pull fails)");
  });

  it("the copied files are unknown, not absent", () => {
    const own = fixture.cases.find((c) => c.id === "own-name")!;
    const sim = simulate(own.dockerfile.replaceAll(BUSYBOX, fixture.busybox), { builder: "legacy", resolver });
    expect(sim.error).toBeNull();
    expect(listFiles(sim.stage!.files, "/x").entries).toEqual([{ path: "/x", type: "unknown", reason: "copied from image me, whose files the simulator does not have" }]);
  });
});
