import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main, type CliIo } from "../../src/node/cli.js";
import type { ReplStart } from "../../src/node/repl.js";

function contextWith(dockerfile: string): string {
  const dir = mkdtempSync(join(tmpdir(), "explain-cli-"));
  writeFileSync(join(dir, "Dockerfile"), dockerfile);
  return dir;
}

async function cli(argv: string[], opts: { isTTY?: boolean; env?: Record<string, string>; interactive?: boolean } = {}) {
  let stdout = "";
  let stderr = "";
  const started: ReplStart[] = [];
  const io: CliIo = {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    readStdin: async () => "",
    env: opts.env ?? {},
    isTTY: opts.isTTY ?? false,
    cwd: process.cwd(),
    ...(opts.interactive === false ? {} : { interactive: async (start: ReplStart) => (started.push(start), 0) }),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr, started };
}

const TRAP = 'FROM scratch\nENTRYPOINT python app.py\nCMD ["--port", "8080"]\n';

describe("explain-cmd prints the trap warnings", () => {
  it("in the text output, with code and line", async () => {
    const r = await cli([contextWith(TRAP)]);
    expect(r.stdout).toContain("shell-form ENTRYPOINT + exec-form CMD: CMD words become $0 $1");
    expect(r.stdout).toContain("Warnings:\n  warning lint/shell-entrypoint-swallows-args: line 2:");
  });

  it("in --json diagnostics, after the simulator's own", async () => {
    const r = await cli(["--json", contextWith(TRAP)]);
    const codes = JSON.parse(r.stdout).diagnostics.map((d: { code: string }) => d.code);
    expect(codes).toEqual(["lint/shell-entrypoint-swallows-args", "lint/pid1-is-shell"]);
    expect(JSON.parse(r.stdout).diagnostics[0]).toMatchObject({ severity: "warning", range: { start: { line: 1, character: 0 } } });
  });
});

describe("explain-cmd starts the REPL", () => {
  it("with -i CONTEXT, carrying the build and run options", async () => {
    const dir = contextWith(TRAP);
    const r = await cli(["-i", "--builder", "legacy", "--target", "x", "--build-arg", "V=1", dir, "serve"]);
    expect(r.code).toBe(0);
    expect(r.started).toHaveLength(1);
    const s = r.started[0]!;
    expect(s.load).toBe(join(dir, "Dockerfile"));
    expect(s.state).toMatchObject({ builder: "legacy", target: "x", run: { args: ["serve"] } });
    expect([...s.state.buildArgs]).toEqual([["V", "1"]]);
  });

  it("with no arguments on a TTY", async () => {
    const r = await cli([], { isTTY: true });
    expect(r.started).toEqual([expect.objectContaining({ load: null })]);
  });

  it("not without a TTY: no arguments is a usage error", async () => {
    const r = await cli([], { isTTY: false });
    expect(r.code).toBe(2);
    expect(r.started).toEqual([]);
  });

  it("-i where no REPL can run, or with -f -, is a usage error", async () => {
    expect((await cli(["-i", contextWith(TRAP)], { interactive: false })).code).toBe(2);
    const r = await cli(["-i", "-f", "-", "."]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("cannot read the Dockerfile from standard input");
  });

  it("colours the REPL only on a TTY without NO_COLOR", async () => {
    const dir = contextWith(TRAP);
    const plain = (await cli(["-i", dir], { isTTY: true, env: { NO_COLOR: "1" } })).started[0]!.state.style.heading("x");
    const coloured = (await cli(["-i", dir], { isTTY: true })).started[0]!.state.style.heading("x");
    expect(plain).toBe("x");
    expect(coloured).toMatch(/\x1b\[/);
  });
});
