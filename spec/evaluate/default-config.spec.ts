// Config defaults and base images. Source: docs/semantics/docker-28.5.md D (`doc`, real builds on
// Docker Engine 28.5.2); resolver behaviour is the library's own contract (docs in
// src/image/base-image.ts) and the reference normalisation is Docker's (`docker.io/library/…:latest`).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chainResolvers, imageFromInspect, mapResolver, type BaseImage } from "../../src/image/base-image.js";
import { simulate } from "../../src/simulate.js";
import { BUILDERS, configOf, DEFAULT_PATH, errorOf, imageWith, resolverWith, sim } from "../helpers/simulate.js";

const PATH = `PATH=${DEFAULT_PATH}`;
const EMPTY: BaseImage = { ref: "docker.io/library/empty:latest", known: true, source: "inspect", config: {}, author: "", layers: 1, os: "linux" };

describe("FROM scratch (doc D)", () => {
  const rows: { lines: string; L: { Env: string[]; WorkingDir: string | null }; B: { Env: string[]; WorkingDir: string | null } }[] = [
    { lines: "LABEL a=1", L: { Env: [PATH], WorkingDir: null }, B: { Env: [PATH], WorkingDir: "/" } },
    { lines: "ENV A=1", L: { Env: [PATH, "A=1"], WorkingDir: null }, B: { Env: [PATH, "A=1"], WorkingDir: "/" } },
    { lines: "USER 1", L: { Env: [PATH], WorkingDir: null }, B: { Env: [PATH], WorkingDir: "/" } },
    { lines: "WORKDIR /", L: { Env: [PATH], WorkingDir: "/" }, B: { Env: [PATH], WorkingDir: "/" } },
  ];
  for (const builder of BUILDERS) {
    it.each(rows)(`FROM scratch + $lines (${builder})`, (r) => {
      const c = configOf(`FROM scratch\n${r.lines}\n`, { builder });
      expect({ Env: c.Env, WorkingDir: c.WorkingDir }).toEqual(builder === "legacy" ? r.L : r.B);
    });
    it(`FROM scratch images have 0 layers (${builder})`, () => {
      expect(sim("FROM scratch\nLABEL a=1\n", { builder }).stage?.layers).toBe(0);
    });
  }
  it("FROM scratch alone: L produces no image, B an image with PATH and WorkingDir /", () => {
    expect(errorOf("FROM scratch\n", "legacy")).toBe("No image was generated. Is your Dockerfile empty?");
    const c = configOf("FROM scratch\n", { builder: "buildkit" });
    expect({ Env: c.Env, WorkingDir: c.WorkingDir }).toEqual({ Env: [PATH], WorkingDir: "/" });
  });
});

describe("default PATH on images (doc D)", () => {
  const opts = (builder: (typeof BUILDERS)[number], ...images: BaseImage[]) => ({ builder, resolver: resolverWith(EMPTY, ...images) });
  it.each(BUILDERS)("an image with an empty config gets PATH, no WorkingDir (%s)", (builder) => {
    const c = configOf("FROM empty\nLABEL a=1\n", opts(builder));
    expect({ Env: c.Env, WorkingDir: c.WorkingDir }).toEqual({ Env: [PATH], WorkingDir: null });
  });
  it.each(BUILDERS)("the default PATH is visible to expansion (%s)", (builder) => {
    expect(configOf("FROM empty\nENV PATH=/x:$PATH\n", opts(builder)).Env).toEqual([`PATH=/x:${DEFAULT_PATH}`]);
  });
  it.each(BUILDERS)("an image's own PATH is kept, no default added (%s)", (builder) => {
    const custom = imageWith("docker.io/library/custom:latest", { Env: ["PATH=/custom"] });
    expect(configOf("FROM custom\nLABEL a=1\n", opts(builder, custom)).Env).toEqual(["PATH=/custom"]);
  });
  it.each(BUILDERS)("layer count = base layers + layer-making instructions (%s)", (builder) => {
    expect(sim("FROM sim/busybox\nLABEL a=1\nCOPY a /a\n", { builder }).stage?.layers).toBe(3);
  });
});

describe("base image resolver", () => {
  const busybox = imageWith("docker.io/library/busybox:latest", { Cmd: ["sh"] });
  it.each(["busybox", "busybox:latest", "docker.io/library/busybox:latest", "library/busybox", "index.docker.io/library/busybox"])(
    "FROM %s resolves docker.io/library/busybox:latest",
    (ref) => {
      for (const builder of BUILDERS) expect(configOf(`FROM ${ref}\nLABEL a=1\n`, { builder, resolver: mapResolver({ "docker.io/library/busybox:latest": busybox }) }).Cmd).toEqual(["sh"]);
    },
  );
  it("a chain of resolvers takes the first hit", () => {
    const other = imageWith("docker.io/library/busybox:latest", { Cmd: ["other"] });
    const r = chainResolvers(mapResolver({}), mapResolver(new Map([[busybox.ref, busybox]])), mapResolver(new Map([[other.ref, other]])));
    expect(configOf("FROM busybox\n", { resolver: r }).Cmd).toEqual(["sh"]);
  });

  const inspect = { Id: "sha256:1", RepoTags: ["x:latest"], Author: "me", Os: "linux", RootFS: { Type: "layers", Layers: ["sha256:a", "sha256:b", "sha256:c"] }, Config: { Cmd: ["run"], Env: ["PATH=/bin", "K=v"], WorkingDir: "/w", Labels: { l: "1" }, ArgsEscaped: true } };
  it.each([
    ["an array of one object", [inspect]],
    ["the object itself", inspect],
  ])("imageFromInspect reads %s", (_, json) => {
    const r = imageFromInspect("docker.io/library/x:latest", json);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ ref: "docker.io/library/x:latest", known: true, author: "me", layers: 3, os: "linux" });
    expect(r.value.config).toMatchObject({ Cmd: ["run"], Env: ["PATH=/bin", "K=v"], WorkingDir: "/w", Labels: { l: "1" }, ArgsEscaped: true });
    const s = sim("FROM x\nLABEL a=1\n", { resolver: mapResolver([r.value].reduce((m, i) => m.set(i.ref, i), new Map<string, BaseImage>())) });
    expect(s.stage?.layers).toBe(3);
    expect(s.stage?.config.Author.value).toBe("me");
  });
  it("imageFromInspect: an image without layers prints RootFS without Layers (0 layers); without RootFS the count is unknown", () => {
    const empty = imageFromInspect("docker.io/library/x:latest", { ...inspect, RootFS: { Type: "layers" } });
    expect(empty.ok && empty.value.layers).toBe(0);
    const { RootFS: _, ...noRootfs } = inspect;
    const unknown = imageFromInspect("docker.io/library/x:latest", noRootfs);
    expect(unknown.ok && unknown.value.layers).toBeNull();
  });
  it.each([
    ["two images", [inspect, inspect]],
    ["a string", "nope"],
    ["null", null],
  ])("imageFromInspect refuses %s", (_, json) => {
    expect(imageFromInspect("docker.io/library/x:latest", json).ok).toBe(false);
  });

  it.each(BUILDERS)("an unknown image: a diagnostic, an empty config with the default PATH, no build error (%s)", (builder) => {
    const s = simulate("FROM nosuch/image:1.0\nLABEL a=1\n", { builder });
    expect(s.error).toBeNull();
    expect(s.diagnostics.some((d) => d.code === "image/unknown" && d.message.includes("nosuch/image:1.0"))).toBe(true);
    expect(configOf("FROM nosuch/image:1.0\nLABEL a=1\n", { builder, resolver: mapResolver({}) }).Env).toEqual([PATH]);
    expect(s.stage?.unknownBase).toBe(true);
    expect(s.stage?.layers).toBeNull();
  });
});

// Whatever the text and options, the simulator answers (an error diagnostic at worst), never throws.
describe("properties", () => {
  const keywords = ["FROM", "RUN", "CMD", "ENTRYPOINT", "ENV", "ARG", "LABEL", "COPY", "WORKDIR", "USER", "EXPOSE", "VOLUME", "SHELL", "ONBUILD", "HEALTHCHECK", "STOPSIGNAL", "MAINTAINER", "ADD", "AS", "#", "\\", "`"];
  const token = fc.oneof(fc.constantFrom(...keywords), fc.string({ maxLength: 8 }), fc.constantFrom("$A", "${A:-x}", "[", "]", '"', "'", "=", "--from=0", "scratch", "sim/busybox", "\n", "\r\n", " ", "\t"));
  it("simulate never throws", () => {
    fc.assert(
      fc.property(fc.array(token, { maxLength: 30 }), fc.constantFrom(...BUILDERS), fc.option(fc.constantFrom("a", "0", "x"), { nil: undefined }), (tokens, builder, target) => {
        const text = tokens.join(" ");
        expect(() => simulate(text, { builder, ...(target === undefined ? {} : { target }), buildArgs: { A: "1" }, run: { args: ["x"] } })).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});
