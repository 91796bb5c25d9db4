/**
 * One module and one spec per Docker check rule: every rule of the rule table is mapped to its module in
 * src/check/docker/rules (RULE_MODULES), the module exists, and so does spec/check/rules/<module>.spec.ts.
 */
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { RULE_MODULES } from "../../../src/check/docker/rules/index.js";
import { DOCKER_RULES } from "../../../src/check/index.js";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const RULES_DIR = join(ROOT, "src", "check", "docker", "rules");

describe("Docker check rules: a module and a spec each", () => {
  it("every rule has its module and its spec, and every module in rules/ is a rule's (or the registry)", () => {
    for (const r of DOCKER_RULES) {
      const m = RULE_MODULES[r.name];
      expect(existsSync(join(RULES_DIR, `${m}.ts`)), `${r.name}: src/check/docker/rules/${m}.ts`).toBe(true);
      expect(existsSync(join(import.meta.dirname, `${m}.spec.ts`)), `${r.name}: spec/check/rules/${m}.spec.ts`).toBe(true);
    }
    const modules = readdirSync(RULES_DIR).filter((f) => f.endsWith(".ts") && f !== "index.ts").map((f) => f.slice(0, -3)).sort();
    expect(modules).toEqual(Object.values(RULE_MODULES).sort());
  });

  it("a module is named by the slug of the rule's docs URL where Docker has one", () => {
    for (const r of DOCKER_RULES) if (r.url !== null) expect(r.url, r.name).toMatch(new RegExp(`/${RULE_MODULES[r.name]}/$`));
  });
});
