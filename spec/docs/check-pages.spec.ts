/**
 * The rule pages of docs/checks: one per rule of both namespaces, and their examples run — a "reported"
 * example gets a finding of its rule from `checkDockerfile`, a "clean" one does not; with an engine, the
 * examples of Docker's rules are also checked by `docker buildx build --call=check` and must agree with
 * `checkDocker` (skipped with the reason otherwise; failing with ORACLE_REQUIRED=1).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CHECK_RULES, checkDockerfile, OWN_DOCS_DIR } from "../../src/check/index.js";
import { oracleSuite } from "../oracle/suite.js";
import { checkImageResolver } from "../check/check-images.js";
import { compareChecks, observeChecker, observeEngineChecks, type CheckCase } from "../check/check-oracle.js";

const ROOT = join(import.meta.dirname, "..", "..");
const DIR = join(ROOT, OWN_DOCS_DIR);
// The .dockerignore the CopyIgnoredFile page says its examples assume.
const DOCKERIGNORE = "*.log\n";

interface Example {
  readonly page: string;
  readonly rule: string;
  readonly kind: "reported" | "clean";
  readonly dockerfile: string;
}

function examplesOf(page: string): Example[] {
  const text = readFileSync(join(DIR, page), "utf8");
  return [...text.matchAll(/<!-- check-example: (\S+) (reported|clean) -->\n```dockerfile\n([\s\S]*?)\n```/g)].map((m) => ({ page, rule: m[1]!, kind: m[2] as "reported" | "clean", dockerfile: m[3]! + "\n" }));
}

const pages = readdirSync(DIR).filter((f) => f.endsWith(".md") && f !== "index.md");
const examples = pages.flatMap(examplesOf);
const resolver = checkImageResolver();
const caseOf = (e: Example): CheckCase => (e.rule === "CopyIgnoredFile" ? { dockerfile: e.dockerfile, files: { ".dockerignore": DOCKERIGNORE } } : { dockerfile: e.dockerfile });

describe("docs/checks: a page per rule", () => {
  it("every rule's docs path is a page, and every page is a rule's", () => {
    const own = CHECK_RULES.map((r) => (r.docs.startsWith("http") ? `${OWN_DOCS_DIR}/docker-${r.id.toLowerCase()}.md` : r.docs));
    expect(own.map((p) => p.slice(OWN_DOCS_DIR.length + 1)).sort()).toEqual([...pages].sort());
  });

  it("most rules have a reported and a clean example", () => {
    const withExamples = new Set(examples.map((e) => e.rule));
    expect(withExamples.size).toBeGreaterThanOrEqual(CHECK_RULES.length - 6);
    for (const r of withExamples) expect([...new Set(examples.filter((e) => e.rule === r).map((e) => e.kind))].sort()).toEqual(["clean", "reported"]);
  });

  it.each(examples.map((e) => [`${e.rule} (${e.kind})`, e] as const))("%s", (_name, e) => {
    // The images the pages name (dfs-check/…) are described as the differential spec's engine has them.
    const ids = checkDockerfile(e.dockerfile, { dockerignore: e.rule === "CopyIgnoredFile" ? DOCKERIGNORE : null, simulate: { resolver } }).findings.map((f) => f.ruleId);
    const hit = ids.some((id) => id === e.rule || (e.rule === "build/failure" && id.startsWith("build/")));
    expect(hit, `${e.page}: findings ${JSON.stringify(ids)}`).toBe(e.kind === "reported");
  });
});

const dockerExamples = examples.filter((e) => !e.rule.includes("/"));
await oracleSuite("docs/checks: examples of Docker's rules against docker buildx build --call=check", (engine) => {
  it(`${dockerExamples.length} examples agree with the engine`, async () => {
    const diffs: string[] = [];
    for (const e of dockerExamples) {
      const d = compareChecks(await observeEngineChecks(engine, caseOf(e)), observeChecker(caseOf(e)));
      if (d.length > 0) diffs.push(`${e.page} (${e.kind}): ${d.join("; ")}`);
    }
    expect(diffs).toEqual([]);
  }, 600_000);
});
