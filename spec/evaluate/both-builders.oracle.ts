/**
 * A live suite for a fixed list of Dockerfiles built with both builders (`docker build --network=none
 * --no-cache`, DOCKER_BUILDKIT=1 / 0) and compared with their recorded fixture (the pull's own error
 * aside); with `RECORD=1`, it writes the fixture instead. Skipped without an engine (fails with
 * `ORACLE_REQUIRED=1`). Used by `copy-from-image.oracle.spec.ts` and `run-mount-from.oracle.spec.ts`.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { buildError, runDocker, type Engine } from "../oracle/docker-cli.js";
import { baseImageRef, ensureBaseImages } from "../oracle/engine.js";
import { oracleSuite } from "../oracle/suite.js";
import { BUSYBOX, withoutPullError, withoutRef, type CopyFromImageCase, type CopyFromImageFixture, type Outcome } from "./copy-from-image.cases.js";

async function build(engine: Engine, dockerfile: string, builder: "buildkit" | "legacy"): Promise<Outcome> {
  const dir = mkdtempSync(join(tmpdir(), "both-builders-"));
  try {
    writeFileSync(join(dir, "Dockerfile"), dockerfile);
    const r = await runDocker(engine, ["build", "--network=none", "--no-cache", "-q", dir], { env: { DOCKER_BUILDKIT: builder === "buildkit" ? "1" : "0" }, timeoutMs: 600_000 });
    return r.code === 0 ? { ok: true } : { ok: false, error: buildError(r.stderr, builder) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Builds `cases` with both builders and compares with (or, with `RECORD=1`, writes) the fixture at `fixtureUrl`. */
export async function bothBuildersSuite(title: string, fixtureUrl: URL, cases: readonly CopyFromImageCase[], recorder: string): Promise<void> {
  await oracleSuite(title, (engine) => {
    const observed = new Map<string, { buildkit: Outcome; legacy: Outcome }>();
    const busybox = baseImageRef("busybox");

    beforeAll(async () => {
      await ensureBaseImages(engine);
      for (const c of cases) {
        const dockerfile = c.dockerfile.replaceAll(BUSYBOX, busybox);
        observed.set(c.id, { buildkit: await build(engine, dockerfile, "buildkit"), legacy: await build(engine, dockerfile, "legacy") });
      }
      if (process.env.RECORD === "1") {
        const fixture: CopyFromImageFixture = {
          engine: engine.serverVersion,
          recordedAt: new Date().toISOString(),
          note: `Recorded by ${recorder} (RECORD=1): each case built with \`docker build --network=none --no-cache\` and DOCKER_BUILDKIT=1 / DOCKER_BUILDKIT=0; {{busybox}} is the oracle's static-busybox base image (present in the engine). An error is the docker CLI's last line without its prefixes; with --network=none every pull fails.`,
          busybox,
          cases: cases.map((c) => ({ ...c, results: observed.get(c.id)! })),
        };
        writeFileSync(fixtureUrl, JSON.stringify(fixture, null, 1) + "\n");
      }
    }, 1_800_000);

    it("every case does what the fixture recorded (the pull's own error aside)", () => {
      const fixture = JSON.parse(readFileSync(fixtureUrl, "utf8")) as CopyFromImageFixture;
      const norm = (o: Outcome): Outcome => (o.ok ? o : { ok: false, error: withoutRef(withoutPullError(o.error)) });
      expect(fixture.cases.map((c) => c.id)).toEqual(cases.map((c) => c.id));
      for (const c of fixture.cases) {
        const got = observed.get(c.id);
        expect(got && { buildkit: norm(got.buildkit), legacy: norm(got.legacy) }, c.id).toEqual({ buildkit: norm(c.results.buildkit), legacy: norm(c.results.legacy) });
      }
    });
  });
}
