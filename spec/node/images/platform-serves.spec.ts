/**
 * Which local image serves a build's platform (`platformServes`, containerd's `platforms.Only` as Docker
 * 28.5's image store applies it): a table from containerd's compare.go at v1.0.0-rc.1, and, with an
 * engine, the engine's own decision: a check run on `FROM --platform=P image` uses the local image when it
 * serves P, and otherwise tries a registry (unreachable here, so the run fails).
 */
import { describe, expect, it } from "vitest";
import { observeEngineChecks } from "../../check/check-oracle.js";
import { CHECK_IMAGES } from "../../check/check-images.js";
import { parsePlatform, platformServes } from "../../../src/node/images/oci.js";
import { oracleSuite } from "../../oracle/suite.js";

const want = (text: string) => {
  const p = parsePlatform(text);
  if (!p.ok) throw new Error(p.error);
  return p.value;
};

describe("platformServes", () => {
  it.each([
    ["linux/amd64", "linux/amd64", true],
    ["linux/amd64", "linux/386", true],
    ["linux/amd64", "linux/amd64/v2", false],
    ["linux/amd64/v3", "linux/amd64/v2", true],
    ["linux/amd64/v3", "linux/amd64", true],
    ["linux/amd64", "linux/arm64", false],
    ["linux/386", "linux/amd64", false],
    ["linux/arm64", "linux/arm64/v8", true],
    ["linux/arm64", "linux/arm/v7", true],
    ["linux/arm64", "linux/arm/v5", true],
    ["linux/arm/v7", "linux/arm/v6", true],
    ["linux/arm/v6", "linux/arm/v7", false],
    ["linux/arm/v7", "linux/arm", true],
    ["linux/amd64", "windows/amd64", false],
    ["linux/s390x", "linux/s390x", true],
  ] as const)("a %s build uses a local %s image: %s", (w, have, expected) => {
    expect(platformServes(want(w), have)).toBe(expected);
  });
});

await oracleSuite("platformServes against Docker 28.5's image store", (engine) => {
  it("a check run finds the local image exactly when platformServes says it serves the stage's platform", async () => {
    const disagree: string[] = [];
    for (const [ref, img] of Object.entries(CHECK_IMAGES)) {
      if (!img.layer || img.onbuild !== undefined) continue;
      for (const p of ["linux/amd64", "linux/386", "linux/arm64", "linux/amd64/v2"]) {
        const seen = await observeEngineChecks(engine, { dockerfile: `FROM --platform=${p} ${ref} AS x\n` });
        const predicted = platformServes(want(p), `${img.os}/${img.architecture}`);
        if (seen.error === predicted) disagree.push(`${p} on ${ref}: engine ${seen.error ? `fails (${seen.errorMessage})` : "uses it"}, predicted ${predicted ? "uses it" : "fails"}`);
      }
    }
    expect(disagree).toEqual([]);
  }, 600_000);
});
