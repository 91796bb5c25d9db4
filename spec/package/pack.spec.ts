/**
 * Issue 18 point 11: what `npm pack` ships. The source maps' sources are in the package, a LICENSE
 * is, and installing the tarball runs no script of the package (npm warns about each one).
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, posix } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string>; bin: Record<string, string>; license: string };
// The file list npm would pack (without running prepack's build: dist/ is checked through its config below).
const packed = (JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);

describe("the npm package", () => {
  it("installs without running any script of its own", () => {
    for (const hook of ["preinstall", "install", "postinstall", "prepare"]) expect(pkg.scripts[hook], hook).toBeUndefined();
    expect(pkg.scripts["prepack"]).toBe("npm run build");
  });

  it("ships a LICENSE that matches package.json", () => {
    expect(packed).toContain("LICENSE");
    expect(readFileSync(join(ROOT, "LICENSE"), "utf8")).toMatch(/^MIT License\n/);
    expect(pkg.license).toBe("MIT");
  });

  it("ships the sources its source maps point to", () => {
    // tsc writes dist/<path>.js.map with sources ["../<depth>src/<path>.ts"]: every source file must be packed.
    const build = JSON.parse(readFileSync(join(ROOT, "tsconfig.build.json"), "utf8")) as { compilerOptions: { rootDir: string; outDir: string } };
    const sources = packed.filter((p) => p.startsWith(`${build.compilerOptions.rootDir}/`) && p.endsWith(".ts"));
    expect(sources).toContain("src/index.ts");
    expect(sources).toContain("src/node/cli.ts");
    // What one map would name, resolved from its own directory.
    const map = posix.join(build.compilerOptions.outDir, "node", "cli.js.map");
    expect(posix.normalize(posix.join(posix.dirname(map), "../../src/node/cli.ts"))).toBe("src/node/cli.ts");
    expect(packed.filter((p) => p.startsWith("spec/") || p.startsWith("bench/"))).toEqual([]);
  });

  it("its bin runs from a clone where nothing was built (through tsx) and from the built package", () => {
    expect(packed).toContain(pkg.bin["explain-cmd"]!);
    // The bins are CommonJS (bin/package.json) and run the bundles through bin/run-bundle.js: all shipped.
    expect(packed).toEqual(expect.arrayContaining([pkg.bin["dockerfile-check"]!, "bin/package.json", "bin/run-bundle.js"]));
    const out = execFileSync(process.execPath, [join(ROOT, pkg.bin["explain-cmd"]!), "--version"], { encoding: "utf8" });
    expect(out).toMatch(/^explain-cmd \d+\.\d+\.\d+ /);
  });
});
