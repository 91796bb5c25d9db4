import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { IMAGE_SOURCES, mapResolver, unknownImage, type BaseImage, type ImageSource } from "../../src/image/base-image.js";
import { describeImageSource } from "../../src/explain/describe-image-source.js";
import { explainRun } from "../../src/explain/explain-run.js";
import { renderExplanation } from "../../src/explain/render-text.js";
import { toJsonReport } from "../../src/report/json-report.js";
import { imageRefsOf, resolveImages } from "../../src/resolve-images.js";
import { simulate } from "../../src/simulate.js";
import { imageWith } from "../helpers/simulate.js";

const NODE = "docker.io/library/node:20-alpine";
const node: BaseImage = { ...imageWith(NODE, { Entrypoint: ["docker-entrypoint.sh"], Cmd: ["node"] }), source: "daemon", digest: `sha256:${"a".repeat(64)}`, platform: "linux/amd64" };

describe("the images a build uses", () => {
  it("lists FROM and COPY --from images once each, in build order, with their source", () => {
    const text = "FROM node:20-alpine AS a\nCOPY --from=busybox /bin/sh /sh\nFROM node:20-alpine\nCOPY --from=a /sh /sh\n";
    const report = toJsonReport(simulate(text, { resolver: mapResolver({ [NODE]: node }) }));
    expect(report.images).toEqual([
      { ref: NODE, source: "daemon", digest: `sha256:${"a".repeat(64)}`, platform: "linux/amd64" },
      { ref: "docker.io/library/busybox:latest", source: "unknown" },
    ]);
  });

  it("lists none for FROM scratch and stages", () => {
    expect(toJsonReport(simulate("FROM scratch AS a\nFROM a\n")).images).toEqual([]);
  });

  it("the text output says where each base image came from", () => {
    const sim = simulate("FROM node:20-alpine\nCMD npm start\n", { resolver: mapResolver({ [NODE]: { ...node, source: "catalog", sourceDetail: "docker-library/node@0123abc" } }) });
    const text = renderExplanation(explainRun(sim));
    expect(text).toContain("Base image node:20-alpine: from the bundled catalog, docker-library/node@0123abc");
    expect(text).toContain("the image you pull may differ");
    const unknown = renderExplanation(explainRun(simulate("FROM nginx\n")));
    expect(unknown).toContain("Base image nginx:latest: unknown to the simulator");
  });

  it("describes every source differently and names digest and platform", () => {
    fc.assert(fc.property(fc.constantFrom(...IMAGE_SOURCES), fc.constantFrom(...IMAGE_SOURCES), (a: ImageSource, b: ImageSource) => {
      const da = describeImageSource({ ...node, source: a });
      const db = describeImageSource({ ...node, source: b });
      expect(da === db).toBe(a === b);
    }));
    expect(describeImageSource(node)).toContain("linux/amd64");
    expect(describeImageSource(node)).toContain(node.digest);
  });

  it("uses the files a resolver supplies for COPY --from=<image>", () => {
    const withFiles: BaseImage = { ...node, files: { complete: true, entries: { "/usr/bin/tool": { type: "file", content: "x", mode: 0o755 } } } };
    const sim = simulate("FROM scratch\nCOPY --from=node:20-alpine /usr/bin/tool /tool\nCOPY --from=node:20-alpine /nope /nope\n", { resolver: mapResolver({ [NODE]: withFiles }) });
    expect(sim.error?.message).toMatch(/nope/);
    const without = simulate("FROM scratch\nCOPY --from=node:20-alpine /usr/bin/tool /tool\n", { resolver: mapResolver({ [NODE]: node }) });
    expect(without.error).toBeNull();
  });
});

describe("resolving images before simulating", () => {
  it("finds FROM names after global ARG expansion and COPY --from images, with both builders", () => {
    expect(imageRefsOf("ARG V=20\nFROM node:${V}-alpine\nCOPY --from=busybox /bin/sh /sh\n")).toEqual([NODE, "docker.io/library/busybox:latest"]);
    expect(imageRefsOf("ARG V=20\nFROM node:${V}-alpine\n", { buildArgs: { V: "22" } })).toEqual(["docker.io/library/node:22-alpine"]);
    // The classic builder builds every stage up to the target; BuildKit only what the target needs.
    expect(imageRefsOf("FROM alpine AS unused\nFROM debian\n")).toEqual(["docker.io/library/debian:latest", "docker.io/library/alpine:latest"]);
  });

  it("loads images ONBUILD triggers name, and asks for each image once", async () => {
    const asked: string[] = [];
    const onbuild: BaseImage = { ...imageWith("docker.io/library/parent:1", { OnBuild: ["COPY --from=helper:2 /x /x"] }), source: "registry" };
    const resolver = await resolveImages("FROM parent:1\n", {}, async (ref) => {
      asked.push(ref);
      return ref === onbuild.ref ? onbuild : undefined;
    });
    expect(asked).toEqual(["docker.io/library/parent:1", "docker.io/library/helper:2"]);
    expect(resolver.resolve(onbuild.ref)?.source).toBe("registry");
    expect(toJsonReport(simulate("FROM parent:1\n", { resolver })).images.map((i) => i.source)).toEqual(["registry", "unknown"]);
  });

  it("keeps the images the caller's resolver knows and does not load them", async () => {
    const asked: string[] = [];
    const resolver = await resolveImages("FROM node:20-alpine\n", { resolver: mapResolver({ [NODE]: node }) }, async (ref) => (asked.push(ref), unknownImage(ref)));
    expect(asked).toEqual([]);
    expect(resolver.resolve(NODE)).toBe(node);
  });
});
