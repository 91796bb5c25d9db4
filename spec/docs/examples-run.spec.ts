/**
 * Every example of the docs runs as a reader would run it (`npm run example docs/examples/<name>.ts`, and the
 * CLI guide's terminal sessions), exits 0 and prints readable output: the same runs whose output the site
 * shows (docs/site/generate.ts).
 */
import { describe, expect, it } from "vitest";
import { CLI_SESSIONS, listExamples, runCliSession, runExample } from "../../docs/site/run-examples.js";

describe("docs examples, run as programs", () => {
  const examples = listExamples();

  it("finds the examples", () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
  });

  it.each(examples)("%s runs and prints readable output", (path) => {
    const r = runExample(path);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout.trim().length).toBeGreaterThan(0);
    // console.log of a nested object would hide it (`[Object]`): examples print what a reader can read.
    expect(r.stdout).not.toMatch(/\[Object\]|\[Array\]/);
  }, 120_000);

  it("effective-command prints the argv and why Cmd is empty, in words", () => {
    const out = runExample("docs/examples/effective-command.ts").stdout;
    expect(out).toContain("[ '/entrypoint.sh' ]");
    expect(out).toMatch(/cleared by ENTRYPOINT on line 3/);
  }, 120_000);

  it("import the package by its public name", async () => {
    const { readFileSync } = await import("node:fs");
    for (const path of examples) {
      const text = readFileSync(path, "utf8");
      expect(text, path).toMatch(/from "dockerfile-semantics(\/node)?"/);
      expect(text, path).not.toMatch(/from "\.\.?\//);
    }
  });
});

describe("the CLI guide's terminal sessions", () => {
  it.each(CLI_SESSIONS.map((s) => [s.name, s] as const))("%s runs", (_name, s) => {
    const r = runCliSession(s);
    expect(r.status).toBe(0);
    expect(r.transcript.startsWith("$ explain-cmd ")).toBe(true);
    expect(r.stdout.length).toBeGreaterThan(50);
    if (s.input !== undefined) expect(r.transcript.split("explain> ").length).toBe(s.input.length + 1);
  }, 120_000);
});
