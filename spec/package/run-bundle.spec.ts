/**
 * bin/run-bundle.js: a bundle runs through a V8 code cache, one per set of V8 flags. dockerfile-check's
 * workers run under other flags when they take every core (src/node/check-cli/v8-tiering.ts): V8 rejects a
 * cache made under other flags, so without a cache of their own each worker would compile the bundle again.
 * A rejected or missing cache is written at exit, so "accepted" shows as a cache file left as it was.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TIER_LATER_V8_FLAGS, V8_FLAGS_ENV } from "../../src/node/check-cli/v8-tiering.js";

const ROOT = join(import.meta.dirname, "..", "..");
const dir = mkdtempSync(join(tmpdir(), "dfs-run-bundle-"));
mkdirSync(join(dir, "bin"));
mkdirSync(join(dir, "dist", "bundle"), { recursive: true });
copyFileSync(join(ROOT, "bin", "run-bundle.js"), join(dir, "bin", "run-bundle.js"));
writeFileSync(join(dir, "bin", "tool.js"), 'require("./run-bundle.js").runBundle("tool", "src/tool.ts", __filename);\n');
writeFileSync(join(dir, "dist", "bundle", "tool.cjs"), "function twice(x) { return 2 * x; }\nprocess.stdout.write(String(twice(21)));\n");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (env: Record<string, string>): string => execFileSync(process.execPath, [join(dir, "bin", "tool.js")], { encoding: "utf8", env: { ...process.env, [V8_FLAGS_ENV]: "", ...env } });
const caches = (): Map<string, number> => new Map(readdirSync(join(dir, "dist", "bundle")).filter((f) => f.endsWith(".cache")).map((f) => [f, statSync(join(dir, "dist", "bundle", f)).mtimeMs]));

describe("bin/run-bundle.js code caches", () => {
  it("keeps one cache per V8 flag set, each accepted under its own flags", () => {
    expect(run({})).toBe("42");
    expect(run({ [V8_FLAGS_ENV]: TIER_LATER_V8_FLAGS })).toBe("42");
    const written = caches();
    expect([...written.keys()].sort()).toEqual([`tool.cjs.${process.version}-${process.arch}.cache`, `tool.cjs.${process.version}-${process.arch}.interrupt-budget-600000.cache`]);
    // Run again under each flag set: both caches accepted, so neither is written again.
    expect(run({})).toBe("42");
    expect(run({ [V8_FLAGS_ENV]: TIER_LATER_V8_FLAGS })).toBe("42");
    expect(caches()).toEqual(written);
  });
});
