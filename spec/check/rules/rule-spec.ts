/**
 * Helpers of the per-rule specs (`<rule module>.spec.ts`, one per module of src/check/docker/rules):
 * a rule's findings for a Dockerfile, and the recorded engine cases (spec/fixtures/engine-28.5/checks.json)
 * in which Docker 28.5 reported the rule, replayed for that rule alone.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { checkDocker, type DockerCheckInputOptions, type DockerRuleName } from "../../../src/check/index.js";
import { CHECK_FIXTURES_FILE, type CheckFixture } from "../check-fixtures.js";
import { observeChecker } from "../check-oracle.js";

/** A rule's findings (1-based start line and detail) for a Dockerfile given as lines. */
export function findingsOf(rule: DockerRuleName, lines: readonly string[], options: DockerCheckInputOptions = {}): { line: number; detail: string }[] {
  return checkDocker(lines.join("\n") + "\n", { dockerignore: null, ...options })
    .warnings.filter((w) => w.rule === rule)
    .map((w) => ({ line: w.lines.start, detail: w.detail }));
}

/** The lines at which a rule reports (see {@link findingsOf}). */
export function linesOf(rule: DockerRuleName, lines: readonly string[], options: DockerCheckInputOptions = {}): number[] {
  return findingsOf(rule, lines, options).map((f) => f.line);
}

const recorded = JSON.parse(readFileSync(CHECK_FIXTURES_FILE, "utf8")) as { engine: string; fixtures: CheckFixture[] };

/**
 * Registers a test: in every recorded case where Docker reported `rule` (at least `atLeast` of them), the
 * checker reports the same findings of that rule (lines and detail).
 */
export function replaysRecordedCases(rule: DockerRuleName, atLeast = 1): void {
  const cases = recorded.fixtures.filter((f) => f.engine.findings.some((w) => w.rule === rule));
  it(`agrees with Docker ${recorded.engine} on the ${cases.length} recorded case(s) where it reported ${rule}`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(atLeast);
    const key = (f: { start: number; end: number; detail: string }): string => `${f.start}-${f.end}: ${f.detail}`;
    for (const f of cases) {
      const engine = f.engine.findings.filter((w) => w.rule === rule && w.start !== 0).map(key).sort();
      const checker = observeChecker(f.case).findings.filter((w) => w.rule === rule).map(key).sort();
      expect(checker, f.name).toEqual(engine);
    }
  });
}
