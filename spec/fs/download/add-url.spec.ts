/**
 * `ADD <url>`: the simulator given what `fetchDownloads` fetched from a local server, against real
 * Docker 28.5 builds of the same cases downloading from the same server.
 *
 * - Recorded (no Docker needed): every case of `cases.ts` against `spec/fixtures/engine-28.5/add-url.json`.
 * - Without downloads: what the simulator says when it was given nothing (never a guessed file).
 * - Live (needs an engine; fails with `ORACLE_REQUIRED=1` when none): the table rebuilt with both
 *   builders, and `URL_ORACLE_RUNS` (default 16) fast-check generated cases per builder.
 */
import { readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { fetchDownloads } from "../../../src/node/fetch-downloads.js";
import { listFiles } from "../../../src/fs/vfs/list-tree.js";
import { simulate } from "../../../src/simulate.js";
import { oracleSuite } from "../../oracle/suite.js";
import { compareCase } from "../copy/compare.js";
import { runUrlDifferential, formatUrlReport, describeUrlDivergence, liveFixtureCase, tolerateKeyRace } from "./differential.js";
import { URL_CASES } from "./cases.js";
import { buildUrlCase, URL_FIXTURE_PATH, type UrlFixture } from "./record.js";
import { startDownloadServer, withServer } from "./server.js";

const fixture = JSON.parse(readFileSync(URL_FIXTURE_PATH, "utf8")) as UrlFixture;
const server = await startDownloadServer();
afterAll(() => server.close());
const BUILDERS = ["buildkit", "legacy"] as const;

describe("ADD <url> fixture (engine 28.5)", () => {
  it("holds every case of cases.ts, in order, recorded on 28.5 with both builders", () => {
    expect(fixture.engine).toMatch(/^28\.5\./);
    expect(fixture.cases.map((c) => [c.id, c.dockerfile])).toEqual(URL_CASES.map((c) => [c.id, c.dockerfile]));
    for (const c of fixture.cases) for (const b of BUILDERS) expect(typeof c.results[b].ok, `${c.id} ${b}`).toBe("boolean");
  });
});

describe("ADD <url> with downloads: simulator vs the recorded builds", () => {
  for (const c of fixture.cases) {
    for (const builder of BUILDERS) {
      it(`${c.id} (${builder}): ${c.title}`, async () => {
        const live = liveFixtureCase(c.id, c.dockerfile, c.paths, builder, c.results[builder], server);
        live.context = { ...c.context, Dockerfile: live.context.Dockerfile! };
        const downloads = await fetchDownloads(live.dockerfile, { builder });
        const r = compareCase(live, builder, { downloads });
        expect(r.divergences).toEqual([]);
        expect(r.unknowable).toEqual([]);
      });
    }
  }
});

describe("ADD <url> without downloads: reported, never guessed", () => {
  for (const c of fixture.cases) {
    const built = BUILDERS.filter((b) => c.results[b].ok);
    if (built.length === 0 || !/^ADD .*\{URL\}/m.test(c.dockerfile)) continue;
    it(`${c.id}: a build that succeeds is not predicted to fail, and each download is unknown`, () => {
      for (const builder of built) {
        const sim = simulate(withServer(c.dockerfile, server), { builder });
        expect(sim.error, builder).toBeNull();
        expect(sim.diagnostics.filter((d) => d.code === "files/not-fetched").length, builder).toBeGreaterThan(0);
        const entries = c.paths.flatMap((p) => (sim.stage === null ? [] : listFiles(sim.stage.files, p).entries));
        // Every file of these cases is a download: none may have a content the simulator made up.
        for (const e of entries) if (e.type === "file") expect([e.size, e.sha256], `${builder} ${e.path}`).toEqual([null, null]);
      }
    });
  }
});

const runs = Number.parseInt(process.env.URL_ORACLE_RUNS ?? "16", 10);
const seed = Number.parseInt(process.env.URL_ORACLE_SEED ?? "3", 10);

await oracleSuite("ADD <url>: live builds against the local server", (engine) => {
  it(
    "every table case, rebuilt with both builders now, agrees with the simulator",
    async () => {
      const bad: string[] = [];
      await Promise.all(
        URL_CASES.flatMap((c) =>
          BUILDERS.map(async (builder) => {
            const result = await buildUrlCase(engine, server, c, builder);
            const live = liveFixtureCase(c.id, c.dockerfile, c.paths, builder, result, server);
            live.context = { ...(c.context ?? {}), Dockerfile: live.context.Dockerfile! };
            const downloads = await fetchDownloads(live.dockerfile, { builder });
            const r = tolerateKeyRace(compareCase(live, builder, { downloads }), simulate(live.dockerfile, { builder, downloads }), live.results[builder]);
            // A divergence the simulator warned about (a race BuildKit may decide either way) is allowed, and only in the build outcome.
            const warned = r.knownDivergence.length > 0 && r.divergences.every((d) => d.category === "build");
            if (r.divergences.length > 0 && !warned) bad.push(`${c.id} ${builder}: ${JSON.stringify(r.divergences)}`);
          }),
        ),
      );
      expect(bad).toEqual([]);
    },
    600_000,
  );
  it(
    `${runs} generated case(s) per builder (seed ${seed}) agree on build, history, layers and files`,
    async () => {
      const r = await runUrlDifferential(engine, server, { runs, seed, builders: BUILDERS, concurrency: 4 });
      console.log(formatUrlReport(r));
      for (const b of BUILDERS) expect(r.builders[b]!.cases).toBe(runs);
      expect(r.divergences.map(describeUrlDivergence)).toEqual([]);
    },
    Math.max(10, runs) * 2 * 15_000,
  );
});
