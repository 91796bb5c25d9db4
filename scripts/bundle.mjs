// Bundles the two CLIs into ES modules under dist/bundle/ (one file to read and compile per CLI instead
// of dozens: a faster start), with code only some runs need (the base-image catalog, the REPL) split
// into chunks loaded when used. Run by `npm run build` after tsc.
import { build } from "esbuild";

await build({
  entryPoints: { "dockerfile-check": "src/node/check-cli/bin.ts", "explain-cmd": "src/node/explain-cli-bin.ts" },
  outdir: "dist/bundle",
  entryNames: "[name]",
  chunkNames: "chunk-[hash]",
  splitting: true,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: "none",
  // CommonJS dependencies inside an ES module bundle may call require().
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: "warning",
});
