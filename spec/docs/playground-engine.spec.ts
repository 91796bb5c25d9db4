/**
 * The playground's engine (docs/site/engine.ts), without a browser: what the page shows for given inputs.
 * Expected values are Docker's rules (the ENTRYPOINT × CMD cells recorded on 28.5), not the simulator's output.
 */
import { describe, expect, it } from "vitest";
import { imageFromInspect, mapResolver } from "dockerfile-semantics";
import { DEFAULT_INPUT, analyze, normalizeRef, type PlaygroundInput } from "../../docs/site/engine.js";

const input = (over: Partial<PlaygroundInput>): PlaygroundInput => ({ ...DEFAULT_INPUT, images: {}, files: {}, ...over });

describe("the playground's engine", () => {
  it("gives the argv word by word with where each word came from", () => {
    const r = analyze(input({ dockerfile: 'FROM scratch\nENTRYPOINT ["/app"]\nCMD ["--help"]\n' }));
    expect(r.argv.map((w) => [w.value, w.from, w.line])).toEqual([["/app", "entrypoint", 2], ["--help", "cmd", 3]]);
  });

  it("reads docker run arguments and options as the REPL does, and says when it cannot", () => {
    const df = 'FROM scratch\nENTRYPOINT ["/app"]\nCMD ["--help"]\n';
    expect(analyze(input({ dockerfile: df, run: "a1 a2" })).argv.map((w) => w.value)).toEqual(["/app", "a1", "a2"]);
    expect(analyze(input({ dockerfile: df, run: "--entrypoint /bin/true x" })).argv.map((w) => w.value)).toEqual(["/bin/true", "x"]);
    expect(analyze(input({ dockerfile: df, run: "-u" })).inputErrors).toEqual(["-u needs a user"]);
  });

  it("places warnings at their lines, and reports a refused run", () => {
    const r = analyze(input({ dockerfile: "FROM scratch\nLABEL a=b\nCMD echo hi\n" }));
    expect(r.findings.filter((f) => f.code === "lint/pid1-is-shell").map((f) => f.line)).toEqual([3]);
    expect(analyze(input({ dockerfile: "FROM scratch\nLABEL a=b\n" })).runError).toBe("no command specified");
  });

  it("uses the base images given as inspect JSON, then the fallback, and reports bad JSON", () => {
    const df = "FROM python:3.12-slim\nWORKDIR /srv\n";
    const given = analyze(input({ dockerfile: df, images: { "python:3.12-slim": { Config: { Cmd: ["python3"] } } } }));
    expect(given.argv.map((w) => w.value)).toEqual(["python3"]);
    expect(given.findings.some((f) => f.code === "image/unknown")).toBe(false);
    const fallbackImage = imageFromInspect("docker.io/library/python:3.12-slim", { Config: { Cmd: ["from-fallback"] } });
    if (!fallbackImage.ok) throw new Error(fallbackImage.error);
    const fallback = mapResolver({ "docker.io/library/python:3.12-slim": fallbackImage.value });
    expect(analyze(input({ dockerfile: df }), fallback).argv.map((w) => w.value)).toEqual(["from-fallback"]);
    expect(analyze(input({ dockerfile: df }), undefined).findings.some((f) => f.code === "image/unknown")).toBe(true);
    expect(analyze(input({ dockerfile: df, images: { "python:3.12-slim": "not json" } })).inputErrors.join()).toMatch(/python:3.12-slim/);
  });

  it("says what the run depends on when the base image is unknown, as the CLI's headline does, and nothing when it is known", () => {
    const df = "FROM example.com/app:1\nCMD npm start\n";
    const r = analyze(input({ dockerfile: df }), undefined);
    // The image may set an ENTRYPOINT and a SHELL (the CMD is in shell form): the command depends on both.
    expect(r.runUnknown.map((u) => u.field)).toEqual(expect.arrayContaining(["Entrypoint", "Shell"]));
    expect(r.runHeadline).toBe("docker run: the command depends on the Entrypoint, Shell of image example.com/app:1, unknown to the simulator");
    expect(r.why.Entrypoint).toMatch(/unknown to the simulator/);
    expect(r.why.Entrypoint).not.toMatch(/inherited from the base image/);
    const known = analyze(input({ dockerfile: df, images: { "example.com/app:1": { Config: { Entrypoint: ["/init"] } } } }), undefined);
    expect(known.runUnknown).toEqual([]);
    expect(known.runHeadline).toBeNull();
    expect(known.argv.map((w) => w.value)).toEqual(["/init", "/bin/sh", "-c", "npm start"]);
  });

  it("lists the files of the build context COPY puts in the image, and answers why for each field", () => {
    const r = analyze(input({ dockerfile: "FROM scratch\nCOPY app.py /srv/\nCMD [\"/srv/app.py\"]\n", files: { "app.py": "print(1)\n" } }));
    expect(r.files.map((f) => [f.path, f.type, f.size])).toContainEqual(["/srv/app.py", "file", 9]);
    expect(r.why.Cmd).toContain("line 3");
  });

  it("normalizes references as FROM does", () => {
    expect(normalizeRef("python:3.12")).toBe("docker.io/library/python:3.12");
    expect(normalizeRef("node")).toBe("docker.io/library/node:latest");
    expect(normalizeRef("ghcr.io/o/i:1")).toBe("ghcr.io/o/i:1");
    expect(normalizeRef("localhost:5000/x")).toBe("localhost:5000/x:latest");
  });
});
