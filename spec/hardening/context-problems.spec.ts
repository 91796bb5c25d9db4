/**
 * Context entries Docker cannot send as they are (non-UTF-8 names, unreadable directories and
 * files): the simulator against what Docker 28.5 did with both builders
 * (`spec/fixtures/engine-28.5/context-problems.json`), and `explain-cmd` reading such a directory
 * from disk without dropping the context.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
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
