import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(import.meta.dirname, "..", "..", "src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []));
}

// Node built-ins and globals the browser-safe core must not use (only src/node/ may).
// The global `fetch` too: fetching is done at the edge or by a function the caller passes.
const FORBIDDEN = [
  /from\s+["']node:/,
  /from\s+["'](fs|path|os|child_process|url|util|stream|buffer|process)["']/,
  /\bprocess\./,
  /\bBuffer\b/,
  /\brequire\(/,
  /\bglobalThis\.fetch\b/,
  /(^|[^.\w$])fetch\s*\(/m,
];

describe("architecture", () => {
  const core = sourceFiles(SRC).filter((f) => !relative(SRC, f).startsWith("node/"));

  it("finds the core sources", () => {
    expect(core.length).toBeGreaterThan(30);
  });

  it.each(core.map((f) => [relative(SRC, f), f]))("%s is browser-safe (no node:*, process, Buffer, global fetch)", (_name, file) => {
    const text = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
    for (const pattern of FORBIDDEN) expect(text).not.toMatch(pattern);
  });

  it("the forbidden patterns catch a global fetch but not a passed one", () => {
    const hits = (code: string) => FORBIDDEN.some((p) => p.test(code));
    expect(hits("const r = await fetch(url);")).toBe(true);
    expect(hits("const f = options.fetch ?? globalThis.fetch;")).toBe(true);
    expect(hits("const r = await options.fetch(url);")).toBe(false);
    expect(hits("export async function fetchUrl(url: string) {}")).toBe(false);
  });

  it("the public core index does not import the node edge", () => {
    const index = readFileSync(join(SRC, "index.ts"), "utf8");
    expect(index).not.toMatch(/["']\.\/node\//);
  });
});
