// Runs a bundled CLI (dist/bundle/NAME.cjs, built by scripts/bundle.mjs) through a V8 code cache, so that
// the bundle is not parsed and compiled again on every start: Node 20 has no compile cache of its own.
// The cache is dist/bundle/NAME.cjs.<node version>-<arch>.cache, primed by the build; when it is missing or
// V8 rejects it (another Node version, other V8 flags), the bundle is compiled as usual and a fresh cache is
// written at exit where the directory is writable (nothing happens where it is not).
// DOCKERFILE_SEMANTICS_CODE_CACHE=off runs without the cache; =write rewrites it after this run.
// DOCKERFILE_SEMANTICS_V8_FLAGS (set by dockerfile-check for its worker threads when it changes V8's flags for
// them; see src/node/check-cli/v8-tiering.ts) names V8 flags that are applied before compiling, with a code
// cache of their own (dist/bundle/NAME.cjs.<node version>-<arch>.<flags>.cache, also primed by the build).
// The bins are CommonJS (bin/package.json): a CommonJS entry starts without Node's ES module loader.
"use strict";
const { existsSync, readFileSync, renameSync, writeFileSync } = require("node:fs");
const { dirname, join } = require("node:path");
const { pathToFileURL } = require("node:url");
const { Script } = require("node:vm");

/**
 * Runs the bundle `dist/bundle/<name>.cjs` with a code cache, or, in a clone where nothing was built yet,
 * the TypeScript entry `source` (relative to the repository) through tsx, a development dependency.
 * `entry` is the bin's own file (the entry of the bundle's worker threads).
 * @param {string} name
 * @param {string} source
 * @param {string} entry
 */
function runBundle(name, source, entry) {
  const file = join(__dirname, "..", "dist", "bundle", `${name}.cjs`);
  if (!existsSync(file)) {
    import("tsx/esm/api").then(({ register }) => {
      register();
      return import(pathToFileURL(join(__dirname, "..", source)).href);
    });
    return;
  }
  const mode = process.env.DOCKERFILE_SEMANTICS_CODE_CACHE;
  const flags = process.env.DOCKERFILE_SEMANTICS_V8_FLAGS ?? "";
  // In a worker the flags are already in force (they are the process's): applying them again changes nothing.
  if (flags !== "") require("node:v8").setFlagsFromString(flags);
  const variant = flags === "" ? "" : `.${flags.replace(/[^A-Za-z0-9]+/g, "-").replace(/^-+|-+$/g, "")}`;
  const cacheFile = `${file}.${process.version}-${process.arch}${variant}.cache`;
  let cachedData;
  if (mode !== "off" && mode !== "write") {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
  }
  const source_ = readFileSync(file, "utf8");
  const script = new Script(`(function (exports, require, module, __filename, __dirname, __entryUrl) {${source_}\n})`, { filename: file, cachedData });
  if (mode !== "off" && (cachedData === undefined || script.cachedDataRejected === true)) {
    process.once("exit", () => {
      try {
        const tmp = `${cacheFile}.${process.pid}`;
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, cacheFile);
      } catch {
        // a read-only install: run without a cache
      }
    });
  }
  const module_ = { exports: {} };
  script.runInThisContext()(module_.exports, require("node:module").createRequire(file), module_, file, dirname(file), pathToFileURL(entry).href);
}

module.exports = { runBundle };
