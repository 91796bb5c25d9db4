/**
 * `ADD <git source>`: the simulator against real Docker 28.5 builds cloning from a local `git daemon`
 * and a dumb-HTTP server (`server.ts`; fixture `spec/fixtures/engine-28.5/add-git.json`).
 *
 * - With checkouts (`fetchGitSources` from the same deterministic repository): every case agrees with
 *   the recorded build, both builders.
 * - Without checkouts: a build that succeeds is not predicted to fail, and the cloned directory is
 *   reported as unknown, never as a file or as empty.
 * - Live (needs an engine; fails with `ORACLE_REQUIRED=1` when none): every case rebuilt now.
 */
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { listFiles } from "../../../src/fs/vfs/list-tree.js";
import { fetchGitSources } from "../../../src/node/fetch-git-sources.js";
import { oracleSuite } from "../../oracle/suite.js";
import { compareCase, simulateCase, type FixtureCase } from "../copy/compare.js";
import { fetchDownloads } from "../../../src/node/fetch-downloads.js";
import { GIT_CASES } from "./cases.js";
import { buildGitCase, gitFixtureCaseOf, GIT_FIXTURE_PATH, type GitFixture } from "./record.js";
import { startGitServer, withGitServer } from "./server.js";

const fixture = JSON.parse(readFileSync(GIT_FIXTURE_PATH, "utf8")) as GitFixture;
const server = await startGitServer();
afterAll(() => server.close());
const BUILDERS = ["buildkit", "legacy"] as const;

/** A fixture case with the servers filled in (results keep their placeholders filled too). */
function live(c: FixtureCase): FixtureCase {
  const dockerfile = withGitServer(c.dockerfile, server);
  const fill = (r: FixtureCase["results"]["buildkit"]): FixtureCase["results"]["buildkit"] =>
    r.ok ? { ...r, history: r.history.map((h) => ({ ...h, created_by: withGitServer(h.created_by, server) })) } : { ok: false, error: withGitServer(r.error, server) };
  return { ...c, dockerfile, context: { ...c.context, Dockerfile: { content: dockerfile, mode: 0o644 } }, results: { buildkit: fill(c.results.buildkit), legacy: fill(c.results.legacy) } };
}

describe("ADD <git source> fixture (engine 28.5)", () => {
  it("holds every case of cases.ts, in order, recorded on 28.5 with both builders", () => {
    expect(fixture.engine).toMatch(/^28\.5\./);
    expect(fixture.cases.map((c) => [c.id, c.dockerfile])).toEqual(GIT_CASES.map((c) => [c.id, c.dockerfile]));
  });
  it("the commit ids the Dockerfiles name are this repository's (the server makes it deterministically)", () => {
    expect(withGitServer("{FEATURE} {V1}", server)).toBe(`${server.commits.feature} ${server.commits.v1}`);
    expect(server.commits.v1).toMatch(/^[0-9a-f]{40}$/);
  });
});

describe("ADD <git source> with checkouts: simulator vs the recorded builds", () => {
  for (const recorded of fixture.cases) {
    for (const builder of BUILDERS) {
      it(`${recorded.id} (${builder}): ${recorded.title}`, async () => {
        const c = live(recorded);
        const gitCheckouts = await fetchGitSources(c.dockerfile);
        const r = compareCase(c, builder, { gitCheckouts, downloads: await fetchDownloads(c.dockerfile, { builder }) });
        expect(r.divergences).toEqual([]);
        expect(r.unknowable.filter((u) => !u.startsWith("files:"))).toEqual([]);
      });
    }
  }
});

describe("ADD <git source> without checkouts: reported, never guessed", () => {
  for (const recorded of fixture.cases) {
    if (!recorded.results.buildkit.ok) continue;
    if (!/\{GIT/.test(recorded.dockerfile) || recorded.id === "http-no-dot-git") continue;
    it(`${recorded.id}: BuildKit's build is not predicted to fail, and the clone's contents are unknown`, () => {
      const c = live(recorded);
      const sim = simulateCase(c, "buildkit");
      expect(sim.error).toBeNull();
      expect(sim.diagnostics.some((d) => d.code === "files/not-fetched" && d.message.includes("git repository"))).toBe(true);
      const entries = c.paths.flatMap((p) => listFiles(sim.stage!.files, p).entries);
      // The destination is a directory whose listing is incomplete: never a file, never "empty".
      expect(entries.some((e) => e.type === "dir" && !e.complete)).toBe(true);
      expect(entries.filter((e) => e.type === "file").map((e) => e.path)).toEqual(recorded.id === "with-context-file" ? ["/x/a.txt"] : recorded.id === "into-existing-dir" ? ["/x/keep.txt"] : []);
    });
  }
});

await oracleSuite("ADD <git source>: live builds against the local git servers", (engine) => {
  it("every table case, rebuilt with both builders now, agrees with the simulator given the checkouts", async () => {
    const bad: string[] = [];
    for (const c of GIT_CASES) {
      for (const builder of BUILDERS) {
        const result = await buildGitCase(engine, server, c, builder);
        const recorded: FixtureCase = { ...gitFixtureCaseOf(c), results: { buildkit: result, legacy: result } } as FixtureCase;
        const filled = live(recorded);
        const r = compareCase(filled, builder, { gitCheckouts: await fetchGitSources(filled.dockerfile), downloads: await fetchDownloads(filled.dockerfile, { builder }) });
        if (r.divergences.length > 0) bad.push(`${c.id} (${builder}): ${JSON.stringify(r.divergences)}`);
      }
    }
    expect(bad).toEqual([]);
  }, 900_000);
});
