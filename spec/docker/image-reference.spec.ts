// Image references (src/docker/image-reference.ts).
// `verified` rows were built on Docker Engine 28.5.2 (`FROM <ref>`), both builders: the error
// texts (BuildKit adds `failed to parse stage name "<ref>": `), or a successful build from the
// local image `sim/busybox:latest`, or the normalised name shown in the pull error.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDigest, parseImageReference, sameImage } from "../../src/docker/image-reference.js";

const HEX64 = "0123456789abcdef".repeat(4);

describe("parseImageReference", () => {
  const good: { ref: string; domain: string; path: string; tag?: string; digest?: string; normalized: string; familiar: string; verified?: boolean }[] = [
    { ref: "busybox", domain: "docker.io", path: "library/busybox", tag: "latest", normalized: "docker.io/library/busybox:latest", familiar: "busybox:latest" },
    { ref: "sim/busybox:latest", domain: "docker.io", path: "sim/busybox", tag: "latest", normalized: "docker.io/sim/busybox:latest", familiar: "sim/busybox:latest", verified: true },
    { ref: "docker.io/sim/busybox", domain: "docker.io", path: "sim/busybox", tag: "latest", normalized: "docker.io/sim/busybox:latest", familiar: "sim/busybox:latest", verified: true },
    { ref: "index.docker.io/sim/busybox:latest", domain: "docker.io", path: "sim/busybox", tag: "latest", normalized: "docker.io/sim/busybox:latest", familiar: "sim/busybox:latest", verified: true },
    // verified through the pull error: "failed to resolve source metadata for Sim/busybox:latest"
    { ref: "Sim/busybox", domain: "Sim", path: "busybox", tag: "latest", normalized: "Sim/busybox:latest", familiar: "Sim/busybox:latest", verified: true },
    { ref: "LocalHost:5000/x", domain: "LocalHost:5000", path: "x", tag: "latest", normalized: "LocalHost:5000/x:latest", familiar: "LocalHost:5000/x:latest", verified: true },
    {
      ref: `sim/busybox:latest@sha256:${HEX64}`,
      domain: "docker.io",
      path: "sim/busybox",
      tag: "latest",
      digest: `sha256:${HEX64}`,
      normalized: `docker.io/sim/busybox:latest@sha256:${HEX64}`,
      familiar: `sim/busybox:latest@sha256:${HEX64}`,
      verified: true,
    },
    { ref: `busybox@sha256:${HEX64}`, domain: "docker.io", path: "library/busybox", digest: `sha256:${HEX64}`, normalized: `docker.io/library/busybox@sha256:${HEX64}`, familiar: `busybox@sha256:${HEX64}` },
    { ref: "localhost:5000/x", domain: "localhost:5000", path: "x", tag: "latest", normalized: "localhost:5000/x:latest", familiar: "localhost:5000/x:latest" },
    { ref: "localhost/x:1", domain: "localhost", path: "x", tag: "1", normalized: "localhost/x:1", familiar: "localhost/x:1" },
    { ref: "ghcr.io/a/b/c:v1.2_X", domain: "ghcr.io", path: "a/b/c", tag: "v1.2_X", normalized: "ghcr.io/a/b/c:v1.2_X", familiar: "ghcr.io/a/b/c:v1.2_X" },
    { ref: "[::1]:5000/a:b", domain: "[::1]:5000", path: "a", tag: "b", normalized: "[::1]:5000/a:b", familiar: "[::1]:5000/a:b" },
    { ref: "docker.io/library/a/b", domain: "docker.io", path: "library/a/b", tag: "latest", normalized: "docker.io/library/a/b:latest", familiar: "library/a/b:latest" },
    { ref: "docker.io/ubuntu", domain: "docker.io", path: "library/ubuntu", tag: "latest", normalized: "docker.io/library/ubuntu:latest", familiar: "ubuntu:latest" },
    { ref: "0", domain: "docker.io", path: "library/0", tag: "latest", normalized: "docker.io/library/0:latest", familiar: "0:latest" },
    { ref: "a__b/c--d.e", domain: "docker.io", path: "a__b/c--d.e", tag: "latest", normalized: "docker.io/a__b/c--d.e:latest", familiar: "a__b/c--d.e:latest" },
  ];
  it.each(good)("$ref → $normalized", (c) => {
    const { ref: _ref, verified: _v, ...want } = c;
    expect(parseImageReference(c.ref)).toEqual({ ok: true, value: want });
  });

  const bad: { ref: string; error: string; verified?: boolean }[] = [
    { ref: "Busybox", error: "invalid reference format: repository name (library/Busybox) must be lowercase", verified: true },
    { ref: "sim/Busybox", error: "invalid reference format: repository name (sim/Busybox) must be lowercase", verified: true },
    { ref: "docker.io/sim/Busybox", error: "invalid reference format: repository name (sim/Busybox) must be lowercase", verified: true },
    { ref: "sim/busybox:", error: "invalid reference format", verified: true },
    { ref: "sim/busybox@sha256:abc", error: "invalid reference format", verified: true },
    { ref: "a..b", error: "invalid reference format", verified: true },
    { ref: HEX64, error: `invalid repository name (${HEX64}), cannot specify 64-byte hexadecimal strings`, verified: true },
    { ref: `sim/busybox@sha256:${HEX64.replace("abcdef", "ABCDEF")}`, error: "invalid checksum digest format", verified: true },
    { ref: `sim/busybox@sha512:${HEX64}`, error: "invalid checksum digest length", verified: true },
    { ref: "sim/busybox@md5:0123456789abcdef0123456789abcdef", error: "unsupported digest algorithm", verified: true },
    { ref: "sim/busybox@foo+bar:0123456789abcdef0123456789abcdef", error: "unsupported digest algorithm", verified: true },
    { ref: "sim/busybox:-x", error: "invalid reference format", verified: true },
    { ref: "sim/busybox:latest@sha256:0123", error: "invalid reference format", verified: true },
    { ref: ":latest", error: "invalid reference format", verified: true },
    { ref: "sim//busybox", error: "invalid reference format", verified: true },
    { ref: "", error: "invalid reference format" },
    { ref: "a/", error: "invalid reference format" },
    { ref: `a:${"t".repeat(129)}`, error: "invalid reference format" },
    { ref: `x/${"a".repeat(254)}`, error: "repository name must not be more than 255 characters" },
    { ref: "\u00c9t\u00e9", error: "invalid reference format: repository name (library/\u00c9t\u00e9) must be lowercase" },
  ];
  it.each(bad)("$ref fails", (c) => {
    expect(parseImageReference(c.ref)).toEqual({ ok: false, error: c.error });
  });

  it("digests", () => {
    expect(parseDigest(`sha256:${HEX64}`)).toEqual({ ok: true, value: `sha256:${HEX64}` });
    expect(parseDigest(`sha384:${"ab".repeat(48)}`).ok).toBe(true);
    expect(parseDigest("sha256:")).toEqual({ ok: false, error: "invalid checksum digest format" });
    expect(parseDigest(":abc")).toEqual({ ok: false, error: "invalid checksum digest format" });
  });

  it("sameImage compares normalised forms", () => {
    expect(sameImage("busybox", "docker.io/library/busybox:latest")).toBe(true);
    expect(sameImage("busybox", "index.docker.io/library/busybox")).toBe(true);
    expect(sameImage("sim/busybox", "docker.io/sim/busybox:latest")).toBe(true);
    expect(sameImage("busybox", "busybox:1")).toBe(false);
    expect(sameImage("localhost/x", "x")).toBe(false);
    expect(sameImage("Busybox", "Busybox")).toBe(false);
  });

  const arbComponent = fc.stringMatching(/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/).filter((s) => s.length <= 30);
  const arbRef = fc
    .tuple(
      fc.constantFrom("", "docker.io/", "index.docker.io/", "localhost/", "localhost:5000/", "ghcr.io/", "registry.example.com:443/"),
      fc.array(arbComponent, { minLength: 1, maxLength: 3 }),
      fc.option(fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,20}$/), { nil: undefined }),
      fc.option(fc.constant(`sha256:${HEX64}`), { nil: undefined }),
    )
    .map(([d, p, t, g]) => `${d}${p.join("/")}${t === undefined ? "" : `:${t}`}${g === undefined ? "" : `@${g}`}`);

  it("property: the normalised and familiar forms parse back to the same image", () => {
    fc.assert(
      fc.property(arbRef, (ref) => {
        const r = parseImageReference(ref);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const again = parseImageReference(r.value.normalized);
        expect(again.ok && again.value.normalized).toBe(r.value.normalized);
        // The familiar form is only unambiguous when a Docker Hub path does not start with
        // something that looks like a host (docker.io/a.b/c is shown as a.b/c, which names the
        // registry a.b): that is distribution's own behaviour.
        const first = r.value.path.split("/")[0] ?? "";
        const ambiguous = r.value.domain === "docker.io" && (/[.:]/.test(first) || first === "localhost");
        const fam = parseImageReference(r.value.familiar);
        if (ambiguous) {
          expect(fam.ok && fam.value.normalized).not.toBe(r.value.normalized);
        } else {
          expect(fam.ok && fam.value.normalized).toBe(r.value.normalized);
          expect(sameImage(ref, r.value.familiar)).toBe(true);
        }
      }),
    );
  });

  it("property: an upper-case letter in the repository path is refused with the path named", () => {
    fc.assert(
      fc.property(arbComponent, fc.stringMatching(/^[A-Z]$/), (c, up) => {
        const r = parseImageReference(`sim/${c}${up}`);
        expect(r).toEqual({ ok: false, error: `invalid reference format: repository name (sim/${c}${up}) must be lowercase` });
      }),
    );
  });
});
