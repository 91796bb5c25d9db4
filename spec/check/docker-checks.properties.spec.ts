/**
 * Properties of the parts of Docker's checks that are general rules rather than cases: InvalidBaseImagePlatform's
 * decision (moby/buildkit frontend/dockerfile/dockerfile2llb/convert.go `validateBaseImagePlatform` at v0.25.2),
 * the one-line CSV reader of `RUN --mount` values (github.com/tonistiigi/go-csvvalue), and UndefinedVar in
 * `RUN --mount` values and COPY heredoc bodies. The exact texts are pinned by the recorded engine fixtures.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkBaseImagePlatform } from "../../src/check/docker/base-image-platform.js";
import { csvFields } from "../../src/parse/run-mount.js";
import { checkDocker } from "../../src/check/index.js";
import { unknownImage, type BaseImage } from "../../src/index.js";

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
});

describe("RUN --mount values", () => {
  const plain = fc.stringMatching(/^[a-z0-9=/$.{}-]{0,8}$/);
  it("csvFields reads back plain and quoted fields joined by commas", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(plain, fc.string({ maxLength: 8 })), { minLength: 1, maxLength: 5 }), (fields) => {
        const line = fields.map((f) => (/^[^",\n\r]*$/.test(f) && f !== "" ? f : `"${f.replaceAll('"', '""')}"`)).join(",");
        if (line.endsWith("\n")) return;
        expect(csvFields(line)).toEqual({ ok: true, fields });
      }),
    );
  });

  it("a bare quote inside an unquoted field is an error, as in Go's csv", () => {
    expect(csvFields('type=cache,target=/a"b').ok).toBe(false);
  });

  const NAMES = ["ALPHA", "BRAVO", "CHARLIE", "DELTA"] as const;
  it("every unset variable in a mount value or a COPY heredoc body is one UndefinedVar at the instruction's lines", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 4 }), fc.boolean(), (names, heredoc) => {
        const text = heredoc
          ? `FROM scratch\nCOPY <<EOF /dst\n${names.map((n) => `\${${n}}`).join(" ")}\nEOF\n`
          : `FROM scratch\nRUN --mount=type=cache,target=/c,id=${names.map((n) => `\${${n}}`).join("")} true\n`;
        const r = checkDocker(text, { dockerignore: null });
        expect(r.error).toBeNull();
        const found = r.warnings.filter((w) => w.rule === "UndefinedVar");
        expect(found.map((w) => w.detail.match(/\$(\w+)/)![1]).sort()).toEqual([...names].sort());
        for (const w of found) expect(w.lines).toEqual(heredoc ? { start: 2, end: 4 } : { start: 2, end: 2 });
      }),
    );
  });

  it("a quoted heredoc delimiter and a RUN heredoc are not expanded", () => {
    const r = checkDocker("FROM scratch\nCOPY <<'EOF' /dst\n$ALPHA\nEOF\nRUN <<EOF\necho $BRAVO\nEOF\n", { dockerignore: null });
    expect(r.warnings).toEqual([]);
  });
});
