// Bundles the two CLIs for a fast start (run by `npm run build` after tsc; `npm pack` runs it too):
// - one CommonJS file per CLI under dist/bundle/ (one file to read instead of dozens); code only some runs
//   need (the REPL, archives, downloads, registry and daemon clients) sits in functions that run, and
//   compile, only when used; the base-image catalog is a bundle of its own (catalog.cjs), read when used;
// - Node's built-in modules that a one-shot run does not need (http, crypto, child_process, zlib, readline,
//   worker_threads, …) are loaded on first use, not at start-up;
// - bin/run-bundle.js runs a bundle through a V8 code cache (dist/bundle/*.cache, one per Node version),
//   which this script primes by running each CLI once on an example, so the bundle is not even parsed.
// Measured: see bench/check.ts (start-up against `node -e 0`).
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { builtinModules, createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";

const require = createRequire(import.meta.url);
const out = "dist/bundle";

// Built-ins `node -e 0` has already loaded (or that cost next to nothing): imported as they are.
const EAGER = new Set(["fs", "path", "url", "module", "vm", "events", "buffer", "util", "process"]);

/** Resolves every other built-in to a stand-in whose properties load the real module when first read. */
const lazyBuiltins = {
  name: "lazy-builtins",
  setup(b) {
    b.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (a) => {
      const name = a.path.replace(/^node:/, "");
      if (!builtinModules.includes(name)) return undefined;
      if (EAGER.has(name) || a.namespace === "lazy-builtin") return { path: `node:${name}`, external: true };
      return { path: name, namespace: "lazy-builtin" };
    });
    b.onLoad({ filter: /.*/, namespace: "lazy-builtin" }, (a) => {
      const keys = Object.keys(require(`node:${a.path}`));
      const getters = keys.map((k) => `get ${JSON.stringify(k)}() { return load()[${JSON.stringify(k)}]; }`);
      return { contents: `let m; const load = () => (m ??= require("node:${a.path}")); module.exports = { ${getters.join(", ")} };`, loader: "js" };
    });
  },
};

/**
 * fflate's Node build loads worker_threads when it starts (for its asynchronous API, which nothing here uses):
 * its browser build has the same synchronous classes without that. The base-image catalog (1.4 MB), imported
 * only dynamically, becomes a bundle of its own, read only by runs that fall back on it.
 */
const trimmed = {
  name: "trimmed",
  setup(b) {
    b.onResolve({ filter: /^fflate$/ }, () => ({ path: require.resolve("fflate").replace(/lib[\\/]node\.cjs$/, "esm/browser.js") }));
    // A stand-in module that requires ./catalog.cjs at run time (a require, not an import(): the bundle runs as a script).
    b.onResolve({ filter: /[\\/]catalog[\\/]index\.js$/ }, (a) => (a.kind === "dynamic-import" ? { path: "catalog", namespace: "catalog-bundle" } : undefined));
    b.onResolve({ filter: /^\.\/catalog\.cjs$/ }, () => ({ path: "./catalog.cjs", external: true }));
    b.onLoad({ filter: /.*/, namespace: "catalog-bundle" }, () => ({ contents: 'module.exports = require("./catalog.cjs");', loader: "js" }));
  },
};

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build({
  entryPoints: { "dockerfile-check": "src/node/check-cli/bin.ts", "explain-cmd": "src/node/explain-cli-bin.ts", catalog: "src/catalog/index.ts" },
  outdir: out,
  outExtension: { ".js": ".cjs" },
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: "none",
  // The loader (bin/run-bundle.js) passes the URL of the bin that runs the bundle: the workers' entry, and
  // where package.json is found from.
  define: { "import.meta.url": "__entryUrl" },
  plugins: [lazyBuiltins, trimmed],
  logLevel: "warning",
});

// Prime the code caches: each CLI once on a small Dockerfile (what a run compiles goes in the cache).
const dir = mkdtempSync(join(tmpdir(), "dfs-prime-"));
try {
  writeFileSync(join(dir, "Dockerfile"), 'FROM scratch AS app\nARG V=1\nENV A=$V\nCOPY . /app\nWORKDIR /app\nENTRYPOINT ["/app/run"]\nCMD ["--help"]\n');
  for (const args of [
    ["bin/explain-cmd.js", "--json", "--no-daemon", dir],
    ["bin/dockerfile-check.js", join(dir, "Dockerfile")],
  ]) {
    execFileSync(process.execPath, args, { env: { ...process.env, DOCKERFILE_SEMANTICS_CODE_CACHE: "write" }, stdio: "ignore" });
  }
  // dockerfile-check's workers run under other V8 flags when they take every core (src/node/check-cli/v8-tiering.ts,
  // compiled by tsc just before): their cache is primed under those flags.
  const { TIER_LATER_V8_FLAGS, V8_FLAGS_ENV } = await import("../dist/node/check-cli/v8-tiering.js");
  execFileSync(process.execPath, ["bin/dockerfile-check.js", join(dir, "Dockerfile")], { env: { ...process.env, DOCKERFILE_SEMANTICS_CODE_CACHE: "write", [V8_FLAGS_ENV]: TIER_LATER_V8_FLAGS }, stdio: "ignore" });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
