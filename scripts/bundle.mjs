// Bundles each CLI into one ES module under dist/ (one file to read and compile: a faster start than
// loading dozens of modules). Run by `npm run build` after tsc.
import { build } from "esbuild";

const common = {
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
};

await build({ ...common, entryPoints: ["src/node/check-cli/bin.ts"], outfile: "dist/dockerfile-check.mjs" });
await build({ ...common, entryPoints: ["src/node/explain-cli-bin.ts"], outfile: "dist/explain-cmd.mjs" });
