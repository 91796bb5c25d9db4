/**
 * The checker against Docker 28.5's recorded `--call=check` results (spec/fixtures/engine-28.5/checks.json,
 * recorded by spec/check/record-checks.ts): every case agrees on (rule, lines, detail) and on whether the run
 * stops at an error. Runs without an engine.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DOCKER_RULES } from "../../src/check/index.js";
import { CHECK_FIXTURES_FILE, HAND_CASES, type CheckFixture } from "./check-fixtures.js";
import { compareChecks, observeChecker } from "./check-oracle.js";

const recorded = JSON.parse(readFileSync(CHECK_FIXTURES_FILE, "utf8")) as { engine: string; fixtures: CheckFixture[] };

describe(`Docker's checks: ${recorded.fixtures.length} cases recorded on ${recorded.engine}`, () => {
  it("holds every hand-written case", () => {
    const names = new Set(recorded.fixtures.map((f) => f.name));
    expect(Object.keys(HAND_CASES).filter((n) => !names.has(n))).toEqual([]);
  });

  it.each(recorded.fixtures.map((f) => [f.name, f] as const))("%s", (_name, f) => {
    expect(compareChecks(f.engine, observeChecker(f.case))).toEqual([]);
  });

  it("the recordings show every rule, and some cases without findings", () => {
    const seen = new Set(recorded.fixtures.flatMap((f) => f.engine.findings.map((w) => w.rule)));
    const expected = DOCKER_RULES.map((r) => r.name);
    expect(expected.filter((r) => !seen.has(r))).toEqual([]);
    expect(recorded.fixtures.some((f) => f.engine.findings.length === 0)).toBe(true);
  });
});
