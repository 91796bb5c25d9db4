import { spawn } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { execFormOf } from "../../src/lint/rules/shell-entrypoint-swallows-args.js";
import { lintDockerfile } from "../../src/lint/lint-dockerfile.js";
import { interpret, loadSource } from "../../src/session/interpret.js";
import { initialSession } from "../../src/session/state.js";
import { splitCommandLine } from "../../src/session/words.js";
import { mapResolver } from "../../src/image/base-image.js";
import { main } from "../../src/node/cli.js";
import { simulate } from "../../src/simulate.js";

const ROOT = join(import.meta.dirname, "..", "..");

describe("an unclosed ${ in a shell command (shell-quote's Bad substitution)", () => {
  it("lints a shell-form ENTRYPOINT and CMD without throwing, and still warns", () => {
    for (const text of ["FROM scratch\nENTRYPOINT echo ${A\n", "FROM scratch\nENTRYPOINT echo ${\nCMD x ${B:-\n"]) {
      for (const builder of ["buildkit", "legacy"] as const) {
        const sim = simulate(text, { builder });
        const codes = lintDockerfile(sim).map((f) => f.code);
        expect(codes).toContain("lint/shell-entrypoint-swallows-args");
      }
    }
    expect(execFormOf("echo ${A")).toBeNull();
    expect(execFormOf("echo a")).toBe('["echo","a"]');
  });

  it("lints an image whose config Entrypoint is [/bin/sh, -c, echo ${A]", () => {
    const image = { ref: "docker.io/library/img:latest", known: true, source: "inspect" as const, config: { Entrypoint: ["/bin/sh", "-c", "echo ${A"] }, author: "", layers: 1, os: "linux" };
    const sim = simulate("FROM img\n", { resolver: mapResolver({ [image.ref]: image }) });
    expect(lintDockerfile(sim).map((f) => f.code)).toContain("lint/shell-entrypoint-swallows-args");
  });

  it("takes such a line in the REPL", () => {
    expect(splitCommandLine("run sh -c ${A")).toEqual(["run", "sh", "-c", "${A"]);
    const state = loadSource(initialSession(), "D", "FROM scratch\nENTRYPOINT echo ${A\n").state;
    expect(() => interpret(state, "run echo ${A")).not.toThrow();
    expect(() => interpret(state, "warnings")).not.toThrow();
  });

  it("gives explain-cmd an answer, in text and JSON", async () => {
    const dir = mkdtempSync(join(tmpdir(), "w-unclosed-"));
    writeFileSync(join(dir, "Dockerfile"), "FROM scratch\nENTRYPOINT echo ${A\n");
    for (const argv of [[dir], ["--json", dir]]) {
      let out = "";
      let err = "";
      const code = await main(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s), readStdin: async () => "", env: {}, isTTY: false, cwd: process.cwd() });
      expect(code).toBe(0);
      expect(err).toBe("");
      expect(out).toContain("echo ${A");
    }
  });
});

/** Runs the CLI's process entry point with stdout read by a reader that stops after `take` bytes. */
function runCliIntoClosedPipe(args: readonly string[], take: number): Promise<{ code: number | null; stderr: string; got: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(import.meta.dirname, "run-cli.ts"), ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let got = 0;
    let stderr = "";
    child.stdout.on("data", (b: Buffer) => {
      got += b.length;
      if (got >= take) child.stdout.destroy();
    });
    child.stderr.on("data", (b: Buffer) => (stderr += b.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr, got }));
  });
}

describe("explain-cmd writing into a closed pipe (explain-cmd … | head -c 100)", () => {
  it("ends quietly with status 0 instead of an unhandled write EPIPE", async () => {
    const dir = mkdtempSync(join(tmpdir(), "w-epipe-"));
    for (let i = 0; i < 2000; i++) writeFileSync(join(dir, `file-${i}.txt`), `${i}\n`);
    writeFileSync(join(dir, "Dockerfile"), "FROM scratch\nCOPY . /\n");
    const r = await runCliIntoClosedPipe(["--json", "--files", "/", dir], 100);
    expect(r.got).toBeGreaterThanOrEqual(100);
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled|at /);
    expect(r.code).toBe(0);
  }, 60_000);
});
