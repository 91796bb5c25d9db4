import { describe, expect, it } from "vitest";
import { simulate } from "../../src/simulate.js";

// Found by the differential oracle (npm run test:oracle, seed 7) on Docker 28.5.2: the classic
// builder commits `Author: state.maintainer`, empty at the start of every stage, so MAINTAINER is
// not inherited through FROM <stage>; BuildKit clones the base image's Author.
const DOCKERFILE = "FROM scratch AS base\nMAINTAINER x\nFROM base\nLABEL a=b\n";

describe("MAINTAINER across FROM <stage>", () => {
  it("the classic builder does not inherit Author", () => {
    expect(simulate(DOCKERFILE, { builder: "legacy" }).stage?.config.Author.value).toBe("");
  });
  it("BuildKit inherits Author", () => {
    expect(simulate(DOCKERFILE, { builder: "buildkit" }).stage?.config.Author.value).toBe("x");
  });
  it("a MAINTAINER in the stage itself sets it in both", () => {
    for (const builder of ["legacy", "buildkit"] as const) {
      expect(simulate(`${DOCKERFILE}MAINTAINER y\n`, { builder }).stage?.config.Author.value).toBe("y");
    }
  });
});
