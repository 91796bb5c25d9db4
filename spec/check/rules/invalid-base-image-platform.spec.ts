/**
 * InvalidBaseImagePlatform (src/check/docker/rules/invalid-base-image-platform.ts): the decision as a
 * general rule (moby/buildkit frontend/dockerfile/dockerfile2llb/convert.go `validateBaseImagePlatform` at
 * v0.25.2); the exact texts are pinned by the recorded engine fixtures.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkBaseImagePlatform } from "../../../src/check/docker/rules/invalid-base-image-platform.js";
import { unknownImage, type BaseImage } from "../../../src/index.js";
import { replaysRecordedCases } from "./rule-spec.js";

const OS = ["linux", "windows", "freebsd"] as const;
const ARCH = ["amd64", "386", "arm64", "arm", "ppc64le", "s390x"] as const;
const VARIANT = ["", "v2", "v7", "v8"] as const;
const platform = fc.record({ os: fc.constantFrom(...OS), architecture: fc.constantFrom(...ARCH), variant: fc.constantFrom(...VARIANT) });
const image = (p: { os: string; architecture: string; variant: string }, layers: number | null): BaseImage => ({
  ref: "docker.io/library/app:latest", known: true, source: "inspect", config: {}, author: "", layers, os: p.os,
  platform: `${p.os}/${p.architecture}${p.variant === "" ? "" : `/${p.variant}`}`,
});

describe("InvalidBaseImagePlatform", () => {
  it("warns exactly when OS or architecture differ from the expected platform, the image has layers, and it was looked up for that platform", () => {
    fc.assert(
      fc.property(platform, platform, fc.option(platform, { nil: null }), fc.nat({ max: 3 }), (actual, target, from, layers) => {
        const v = checkBaseImagePlatform("app", image(actual, layers), from === null ? null : { ...from }, target);
        const expected = from ?? target;
        const differs = actual.os !== expected.os || actual.architecture !== expected.architecture;
        const lookedUpForIt = expected.os === target.os && expected.architecture === target.architecture;
        if (!differs || layers === 0) expect(v.kind).toBe("ok");
        else if (!lookedUpForIt || actual.os === "windows") expect(v.kind).toBe("undecided");
        else expect(v).toEqual({ kind: "warning", detail: expect.stringContaining(`Base image app was pulled with platform "${actual.os}/${actual.architecture}`) as unknown as string });
      }),
    );
  });

  it("is undecided, never guessed, when the image, its platform or (on a mismatch) its layers are unknown", () => {
    fc.assert(
      fc.property(platform, platform, (actual, target) => {
        expect(checkBaseImagePlatform("app", undefined, null, target).kind).toBe("undecided");
        expect(checkBaseImagePlatform("app", unknownImage("docker.io/library/app:latest"), null, target).kind).toBe("undecided");
        const { platform: _, ...noPlatform } = image(actual, 1);
        expect(checkBaseImagePlatform("app", noPlatform, null, target).kind).toBe("undecided");
        const differs = actual.os !== target.os || actual.architecture !== target.architecture;
        expect(checkBaseImagePlatform("app", image(actual, null), null, target).kind).toBe(differs ? "undecided" : "ok");
      }),
    );
  });

  it("prints normalised platforms as containerd does", () => {
    const v = checkBaseImagePlatform("app", image({ os: "linux", architecture: "arm64", variant: "v8" }, 1), null, { os: "linux", architecture: "amd64" });
    expect(v).toEqual({ kind: "warning", detail: 'Base image app was pulled with platform "linux/arm64", expected "linux/amd64" for current build' });
  });

  replaysRecordedCases("InvalidBaseImagePlatform");
});

