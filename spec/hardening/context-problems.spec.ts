/**
 * Context entries Docker cannot send as they are (non-UTF-8 names, unreadable directories and
 * files): the simulator against what Docker 28.5 did with both builders
 * (`spec/fixtures/engine-28.5/context-problems.json`), `explain-cmd` reading such a directory
 * from disk without dropping the context, and refusing a context root it cannot list.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Builder } from "../../src/core/builder.js";
import type { ContextProblem } from "../../src/fs/context-types.js";
import { memoryContext, type TreeDescription } from "../../src/fs/context/memory-context.js";
import { main } from "../../src/node/cli.js";
import { simulate } from "../../src/simulate.js";

interface Outcome {
  readonly ok: boolean;
  readonly error?: string;
}
interface FixtureCase {
  readonly id: string;
  readonly entry: ContextProblem["kind"];
  readonly name: string;
  readonly dockerfile: string;
  readonly dockerignore?: string;
  readonly buildkit?: Outcome;
  readonly legacy?: Outcome;
}
const FIXTURE = JSON.parse(readFileSync(join(import.meta.dirname, "..", "fixtures", "engine-28.5", "context-problems.json"), "utf8")) as { cases: FixtureCase[] };

/** The fixture's context: app.txt, the problem entry (a non-UTF-8 byte shown as U+FFFD), and .dockerignore. */
function contextOf(c: FixtureCase, builder: Builder) {
  const path = c.name.replace("\\xff", "\uFFFD");
  const tree: Record<string, TreeDescription[string]> = { "app.txt": "hi\n", Dockerfile: c.dockerfile };
  if (c.dockerignore !== undefined) tree[".dockerignore"] = c.dockerignore;
  tree[path] = c.entry === "unreadable-dir" ? { dir: true } : "";
  const problems: ContextProblem[] = [{ kind: c.entry, path, shown: `<context>/${path}` }];
  return memoryContext(tree, { builder, problems });
}

describe("context entries Docker cannot send as they are (recorded on 28.5)", () => {
  for (const c of FIXTURE.cases) {
    for (const builder of ["buildkit", "legacy"] as const) {
      const expected = c[builder];
      if (expected === undefined) continue;
      it(`${c.id} (${builder})`, () => {
        const sim = simulate(c.dockerfile.replace(/^FROM b$/m, "FROM scratch"), { builder, context: contextOf(c, builder) });
        if (expected.ok) expect(sim.error?.message ?? null).toBeNull();
        else expect(sim.error?.message).toBe(expected.error);
      });
    }
  }
});

describe("explain-cmd with a non-UTF-8 name in the context directory", () => {
  it("keeps the context: COPY app.txt finds the file, with one warning at most, and BuildKit's COPY . fails as on 28.5", async () => {
    const dir = mkdtempSync(join(tmpdir(), "w-nonutf8-"));
    writeFileSync(join(dir, "app.txt"), "hi\n");
    writeFileSync(Buffer.concat([Buffer.from(dir + "/bad"), Buffer.from([0xff]), Buffer.from("name")]), "x");
    mkdirSync(join(dir, "sub"));
    const run = async (dockerfile: string, builder: Builder) => {
      writeFileSync(join(dir, "Dockerfile"), dockerfile);
      let out = "";
      let err = "";
      const code = await main(["--json", "--builder", builder, dir], { stdout: (s) => (out += s), stderr: (s) => (err += s), readStdin: async () => "", env: {}, isTTY: false, cwd: process.cwd() });
      return { code, json: JSON.parse(out) as { error?: string }, err };
    };
    for (const builder of ["buildkit", "legacy"] as const) {
      const r = await run("FROM scratch\nCOPY app.txt /\n", builder);
      expect(r.code).toBe(0);
      expect(r.err).toBe("");
      expect(r.json.error).toBeUndefined();
    }
    expect((await run("FROM scratch\nCOPY . /all/\n", "buildkit")).json.error).toMatch(/string field contains invalid UTF-8/);
    expect((await run("FROM scratch\nCOPY . /all/\n", "legacy")).json.error).toBeUndefined();
  });
});

describe("explain-cmd with a context directory it cannot list", () => {
  // As root, permissions do not stop a read: the CLI then runs without the capabilities that bypass
  // them (setpriv, util-linux), as an ordinary user would meet the directory.
  const runCli = (args: readonly string[]) => {
    const cli = [process.execPath, "--import", "tsx", join(import.meta.dirname, "run-cli.ts"), ...args];
    const [cmd, ...rest] = process.getuid?.() === 0 ? ["setpriv", "--bounding-set=-dac_override,-dac_read_search", ...cli] : cli;
    const r = spawnSync(cmd!, rest, { cwd: join(import.meta.dirname, "..", ".."), encoding: "utf8" });
    if (r.error !== undefined) throw r.error;
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  it("stops with one line and status 2 instead of simulating an empty context (Docker 28.5 does not build from it either)", () => {
    const top = mkdtempSync(join(tmpdir(), "w-unreadable-root-"));
    const ctx = join(top, "ctx");
    mkdirSync(ctx);
    writeFileSync(join(ctx, "app.txt"), "hi\n");
    writeFileSync(join(top, "Dockerfile"), "FROM scratch\nCOPY app.txt /\n");
    const readable = runCli(["--json", "-f", join(top, "Dockerfile"), ctx]);
    expect(readable.code).toBe(0);
    expect((JSON.parse(readable.stdout) as { error?: string }).error).toBeUndefined();
    chmodSync(ctx, 0o000);
    try {
      for (const builder of ["buildkit", "legacy"]) {
        const r = runCli(["--json", "--builder", builder, "-f", join(top, "Dockerfile"), ctx]);
        expect(r.code).toBe(2);
        expect(r.stdout).toBe("");
        expect(r.stderr).toMatch(/^explain-cmd: cannot read the build context .*ctx: permission denied \(docker build fails too[^\n]*\)\n$/);
      }
    } finally {
      chmodSync(ctx, 0o755);
    }
  });
});
