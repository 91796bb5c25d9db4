/**
 * The regression fixtures (`spec/fixtures/regressions/*.json`, written by differential oracle runs) re-checked
 * without Docker: each holds a shrunk case, what a real engine did with it, and the base images it needs.
 *
 * - `status: "open"`: the divergence is not fixed yet; the test expects the simulator still to disagree
 *   (so a fix is noticed: the test then fails and asks for `status: "fixed"`).
 * - `status: "fixed"`: the simulator must agree with the recorded engine result in every category.
 */
import { describe, expect, it } from "vitest";
import { CATEGORIES, checkFixture, loadFixtures } from "./differential.js";

const fixtures = loadFixtures();

describe("differential regression fixtures (recorded real builds, no Docker needed)", () => {
  it("are well-formed", () => {
    for (const { file, fixture: f } of fixtures) {
      expect(f.id, file).toBe(file.replace(/\.json$/, ""));
      expect(["open", "fixed"], file).toContain(f.status);
      expect(["buildkit", "legacy"], file).toContain(f.builder);
      expect(CATEGORIES as readonly string[], file).toContain(f.category);
      expect(f.engine, file).toMatch(/^\d+\.\d+/);
      expect(typeof f.dockerfile, file).toBe("string");
    }
  });

  for (const { file, fixture: f } of fixtures) {
    const name = `${file} [${f.builder}, ${f.category}]`;
    if (f.status === "fixed") {
      it(`${name}: the simulator agrees with engine ${f.engine}`, () => {
        const bad = checkFixture(f).filter((v) => v.agree === false);
        expect(bad.map((v) => `${v.category}: engine ${JSON.stringify(v.engine)} simulator ${JSON.stringify(v.simulator)}`)).toEqual([]);
      });
    } else {
      it(`${name}: still diverges (open; set status "fixed" once the simulator agrees)`, () => {
        const bad = checkFixture(f).filter((v) => v.agree === false);
        expect(bad.length, `${file} now agrees with engine ${f.engine}: set "status": "fixed"`).toBeGreaterThan(0);
      });
    }
  }
});
