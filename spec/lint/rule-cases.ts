/**
 * Shared table runner for the trap rules: every rule spec lists Dockerfiles the rule `catches`
 * (with the lines it must point at and words the message must contain) and ones it must not.
 *
 * @module
 */
import { describe, expect, it } from "vitest";
import type { LintCode, LintFinding } from "../../src/lint/finding.js";
import { lintDockerfile } from "../../src/lint/lint-dockerfile.js";
import { RULES } from "../../src/lint/rules/index.js";
import { simulate } from "../../src/simulate.js";
import { resolverWith, type Opts } from "../helpers/simulate.js";

/** A Dockerfile the rule must flag: on these 1-based lines (null: no range), with these words. */
export interface Catch {
  readonly name: string;
  readonly dockerfile: string;
  readonly lines: readonly (number | null)[];
  readonly mentions?: readonly string[];
  readonly options?: Opts;
}

/** A Dockerfile the rule must not flag. */
export interface CatchNot {
  readonly name: string;
  readonly dockerfile: string;
  readonly options?: Opts;
}

/** The findings of one rule for a Dockerfile. */
export function findingsOf(code: LintCode, dockerfile: string, options: Opts = {}): LintFinding[] {
  const o: Opts = { resolver: resolverWith(), ...options };
  return lintDockerfile(simulate(dockerfile, o), { simulate: o }).filter((f) => f.code === code);
}

/** Runs a rule's table. */
export function ruleCases(code: LintCode, catches: readonly Catch[], catchesNot: readonly CatchNot[]): void {
  describe(code, () => {
    it("is registered once, with a title and a severity", () => {
      const rules = RULES.filter((r) => r.code === code);
      expect(rules).toHaveLength(1);
      expect(rules[0]!.title.length).toBeGreaterThan(10);
    });
    describe("catches", () => {
      it.each(catches.map((c) => [c.name, c] as const))("%s", (_name, c) => {
        const found = findingsOf(code, c.dockerfile, c.options);
        expect(found.map((f) => (f.range === null ? null : f.range.start.line + 1))).toEqual(c.lines);
        for (const word of c.mentions ?? []) expect(found.map((f) => f.message).join("\n")).toContain(word);
      });
    });
    describe("catchesNot", () => {
      it.each(catchesNot.map((c) => [c.name, c] as const))("%s", (_name, c) => {
        expect(findingsOf(code, c.dockerfile, c.options)).toEqual([]);
      });
    });
  });
}
