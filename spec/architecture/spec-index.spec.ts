import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** spec/INDEX.md: one step from an instruction module to the specs that check it, kept honest here. */
const ROOT = join(import.meta.dirname, "..", "..");
const index = readFileSync(join(ROOT, "spec", "INDEX.md"), "utf8");

/** The table rows of a section: module, instruction(s), spec paths. */
function rows(section: string): { module: string; what: string; specs: string[] }[] {
  const start = index.indexOf(section);
  const body = index.slice(start, index.indexOf("\n## ", start + 1) >>> 0 || undefined);
  return [...body.matchAll(/^\| `([^`]+)` \| ([^|]+) \| (.+) \|$/gm)].map((m) => ({
    module: m[1]!,
    what: m[2]!.trim(),
    specs: [...m[3]!.matchAll(/`([^`]+)`/g)].map((s) => s[1]!),
  }));
}

const KEYWORDS = /\b(ARG|CMD|COPY|ADD|ENTRYPOINT|ENV|EXPOSE|HEALTHCHECK|LABEL|MAINTAINER|ONBUILD|RUN|SHELL|STOPSIGNAL|USER|VOLUME|WORKDIR|FROM)\b/g;

describe("spec/INDEX.md", () => {
  const apply = rows("## Instructions: evaluation");
  const parse = rows("## Instructions: parsing");

  it.each([
    ["src/evaluate/apply", apply, /^apply-.*\.ts$/],
    ["src/parse/instructions", parse, /\.ts$/],
  ] as const)("has a row for every instruction module of %s", (dir, table, pattern) => {
    const modules = readdirSync(join(ROOT, dir)).filter((f) => pattern.test(f));
    expect(modules.length).toBeGreaterThan(5);
    expect(modules.filter((m) => !table.some((r) => r.module === m))).toEqual([]);
    expect(table.filter((r) => !modules.includes(r.module)).map((r) => r.module)).toEqual([]);
  });

  it("names only specs that exist", () => {
    const named = [...index.matchAll(/`(spec\/[^`]+)`/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(30);
    expect(named.filter((p) => !existsSync(join(ROOT, p)))).toEqual([]);
  });

  it("names, for each instruction module, specs that build a Dockerfile with that instruction", () => {
    const missing: string[] = [];
    for (const r of apply) {
      const keywords = [...r.what.matchAll(KEYWORDS)].map((m) => m[0]);
      expect(keywords.length, r.module).toBeGreaterThan(0);
      for (const spec of r.specs) {
        const text = readFileSync(join(ROOT, spec), "utf8");
        if (!keywords.some((k) => new RegExp(`(\\\\n|^|["'\`])${k}[ [\\\\]`, "m").test(text))) missing.push(`${r.module}: ${spec}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
