import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { explainRun } from "../../src/explain/explain-run.js";
import { renderExplanation } from "../../src/explain/render-text.js";
import { memoryContext } from "../../src/fs/context/memory-context.js";
import { listFiles } from "../../src/fs/vfs/list-tree.js";
import { imageFromInspect, mapResolver, type BaseImage } from "../../src/image/base-image.js";
import { toJsonReport } from "../../src/report/json-report.js";
import { simulate } from "../../src/simulate.js";

// Issue 16, "unknown stays unknown": an answer that depends on a base image nobody knew says so.
const FIXTURE = JSON.parse(readFileSync(join(import.meta.dirname, "..", "fixtures", "engine-28.5", "unknown-base-dir.json"), "utf8")) as {
  dockerfile: string;
  results: Record<"buildkit" | "legacy", { error: string | null; layers: number; workdir: string }>;
};

/** An image known only by its inspect JSON: config and one layer, no files. */
function inspectOnly(ref: string): BaseImage {
  const r = imageFromInspect(ref, { Config: { Cmd: ["bash"] }, RootFS: { Layers: ["sha256:" + "1".repeat(64)] }, Os: "linux" });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe("a base image without its files (inspect JSON only)", () => {
  const resolver = mapResolver({ "docker.io/w16c/base:1": inspectOnly("docker.io/w16c/base:1") });
  const context = memoryContext({ "a.txt": "a\n" });

  it.each(["buildkit", "legacy"] as const)("COPY a.txt /tmp + WORKDIR /tmp predicts no error with %s (a real build of a base with /tmp succeeds)", (builder) => {
    const real = FIXTURE.results[builder];
    const sim = simulate(FIXTURE.dockerfile, { builder, resolver, context });
    expect(real.error).toBeNull();
    expect(sim.error).toBeNull();
    expect(sim.stage!.config.WorkingDir.value).toBe(real.workdir);
    const report = toJsonReport(sim);
    // The real layer count lies within what the simulator says it may be.
    expect(report.layersMin ?? report.layers).toBeLessThanOrEqual(real.layers);
    expect(report.layers).toBeGreaterThanOrEqual(real.layers);
    // /tmp is unknown (a file /tmp, or a directory holding a.txt), not a guessed file.
    const listing = listFiles(sim.stage!.files, "/tmp");
    expect(listing.entries).toEqual([expect.objectContaining({ path: "/tmp", type: "unknown" })]);
  });

  it("the classic builder's WORKDIR layer on a path the base may have depends on the files", () => {
    const sim = simulate("FROM w16c/base:1\nWORKDIR /bin\n", { builder: "legacy", resolver });
    expect(toJsonReport(sim).history.at(-1)).toMatchObject({ created_by: "/bin/sh -c #(nop) WORKDIR /bin", layer_depends_on_changes: true });
  });

  it("--files never answers [] for a path the base may have", () => {
    const sim = simulate("FROM w16c/base:1\nCOPY a.txt /app/\n", { resolver, context });
    // (A path below the copied file a.txt certainly does not exist: not generated here.)
    const segment = fc.constantFrom("etc", "tmp", "usr", "app", "x", "..", ".");
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 4 }), (parts) => {
        const listing = listFiles(sim.stage!.files, "/" + parts.join("/"));
        expect(listing.missing).not.toBe("missing");
        expect(listing.entries.length).toBeGreaterThan(0);
      }),
    );
  });

  it("a path certainly absent is still listed as []", () => {
    const sim = simulate("FROM scratch\nCOPY a.txt /app/\n", { context });
    expect(listFiles(sim.stage!.files, "/etc")).toMatchObject({ entries: [], missing: "missing" });
  });
});

describe("run.unknown", () => {
  const text = "FROM node:20-alpine\nWORKDIR /app\nCOPY package.json .\nRUN npm ci\nCOPY . .\nCMD npm start\n";

  it("names what the argv depends on when the base image is unknown, and the headline says so", () => {
    const sim = simulate(text);
    const run = toJsonReport(sim).run!;
    expect(run.unknown).toEqual(expect.arrayContaining([{ field: "Entrypoint", image: "node:20-alpine" }, { field: "Shell", image: "node:20-alpine" }]));
    const text_ = renderExplanation(explainRun(sim));
    expect(text_).toContain("docker run: the command depends on the Entrypoint, Shell of image node:20-alpine, unknown to the simulator");
    expect(text_).not.toContain("docker run starts:");
  });

  it("never calls a value of an unknown image inherited from it: the Why lines say the image is unknown; a known image's values are inherited", () => {
    const unknownText = renderExplanation(explainRun(simulate(text)));
    expect(unknownText).toContain("not known: the base image docker.io/library/node:20-alpine is unknown to the simulator, which takes this as unset");
    expect(unknownText).not.toContain("inherited from the base image");
    const known = simulate("FROM w16c/base:1\nWORKDIR /w\n", { resolver: mapResolver({ "docker.io/w16c/base:1": inspectOnly("docker.io/w16c/base:1") }) });
    expect(renderExplanation(explainRun(known))).toContain("inherited from the base image docker.io/w16c/base:1");
  });

  it("--chown after a RUN: the message names the RUN once, and says the owner is unknown", () => {
    const resolver = mapResolver({ "docker.io/w16c/base:1": { ...inspectOnly("docker.io/w16c/base:1"), files: { complete: false, entries: { "/etc/passwd": { type: "file", content: "root:x:0:0::/root:/bin/sh\nalice:x:1001:1001::/:/bin/sh\n" }, "/etc/group": { type: "file", content: "root:x:0:\n" } } } } });
    const sim = simulate("FROM w16c/base:1\nRUN true\nCOPY --chown=alice a.txt /x\n", { resolver, context: memoryContext({ "a.txt": "a\n" }) });
    const messages = sim.diagnostics.filter((d) => d.code === "files/unknown").map((d) => d.message);
    expect(messages).toEqual(["COPY at line 3: the owner --chown=alice gives is unknown (RUN at line 2 may have changed any file, /etc/passwd included), so the copied files' owner is unknown (listed as 0:0, marked unknown)"]);
  });

  it("says so instead of \"docker run fails\" when the image may supply the command", () => {
    const sim = simulate("FROM someone/app:1\nENV A=1\n");
    expect(toJsonReport(sim).run).toMatchObject({ error: "no command specified", unknown: expect.arrayContaining([{ field: "Cmd", image: "someone/app:1" }]) });
    expect(renderExplanation(explainRun(sim))).not.toContain("docker run fails");
  });

  it("config fields and layers that may come from the unknown image are listed; the argv is not when the Dockerfile sets it all", () => {
    const sim = simulate('FROM someone/app:1\nENTRYPOINT ["/app"]\nCMD ["--serve"]\nWORKDIR /w\nUSER u\n');
    const report = toJsonReport(sim);
    expect(report.run).toMatchObject({ path: "/app", args: ["--serve"], unknown: [{ field: "Env", image: "someone/app:1" }] });
    expect(report.unknown?.map((u) => u.field)).toEqual(["Env", "ExposedPorts", "Volumes", "Labels", "StopSignal", "Healthcheck", "Shell", "layers"]);
    expect(renderExplanation(explainRun(sim))).toContain("docker run starts:\n  /app --serve\n");
  });

  it("is absent when every image is known", () => {
    const sim = simulate('FROM scratch\nCMD ["/app"]\n');
    const report = toJsonReport(sim);
    expect(report.run).not.toHaveProperty("unknown");
    expect(report).not.toHaveProperty("unknown");
    const known = simulate("FROM w16c/base:1\nCMD [\"x\"]\n", { resolver: mapResolver({ "docker.io/w16c/base:1": inspectOnly("docker.io/w16c/base:1") }) });
    expect(toJsonReport(known).run).not.toHaveProperty("unknown");
  });

  it("follows FROM <stage> chains down to the unknown image", () => {
    const sim = simulate("FROM someone/app:1 AS base\nFROM base\nCMD run\n");
    expect(toJsonReport(sim).run!.unknown?.map((u) => u.field)).toEqual(["Entrypoint", "Shell", "Env", "WorkingDir", "User"]);
  });
});

describe("--chown names without the base image's /etc/passwd", () => {
  it.each(["buildkit", "legacy"] as const)("%s: the copied files' owner is marked unknown, not shown as a fact", (builder) => {
    const resolver = mapResolver({ "docker.io/w16c/base:1": inspectOnly("docker.io/w16c/base:1") });
    const sim = simulate("FROM w16c/base:1\nCOPY --chown=nobody a.txt /x/\n", { builder, resolver, context: memoryContext({ "a.txt": "a\n" }) });
    expect(sim.error).toBeNull();
    const file = listFiles(sim.stage!.files, "/x/a.txt").entries[0]!;
    expect(file).toMatchObject({ type: "file", unknown: expect.stringContaining("--chown=nobody") });
  });
});

describe("trap warnings that depend on an unknown image", () => {
  it("lint/pid1-is-shell is a condition, not a fact, when the base image may set an ENTRYPOINT", async () => {
    const { lintDockerfile } = await import("../../src/lint/lint-dockerfile.js");
    const unknown = lintDockerfile(simulate("FROM someone/app:1\nCMD npm start\n")).find((f) => f.code === "lint/pid1-is-shell");
    expect(unknown?.message).toMatch(/^if someone\/app:1 \(unknown to the simulator\) sets no ENTRYPOINT, PID 1 is \/bin\/sh/);
    const known = lintDockerfile(simulate("FROM scratch\nCMD npm start\n")).find((f) => f.code === "lint/pid1-is-shell");
    expect(known?.message).toMatch(/^PID 1 is \/bin\/sh/);
  });
});
