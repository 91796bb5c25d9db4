/**
 * Bundle sizes of the core (issue 18 point 11): what a browser or serverless bundle that imports
 * only some exports of `dockerfile-semantics` weighs, bundled by esbuild (ESM, browser platform,
 * minified, tree-shaken, `sideEffects: false` honoured as for the published package) and gzipped.
 * Each entry imports a set of exports and uses them, as an application would.
 *
 * `node --import tsx bench/bundle-size.ts` prints the table; `npm run bench` includes it.
 *
 * @module
 */
import { gzipSync } from "node:zlib";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The bundles measured: a name and the exports of `src/index.ts` (the package's main entry) it imports. */
export const BUNDLES: readonly { readonly name: string; readonly imports: readonly string[] | "all" }[] = [
  { name: "all exports", imports: "all" },
  { name: "simulate, toJsonReport, explainField, lintDockerfile", imports: ["simulate", "toJsonReport", "explainField", "lintDockerfile"] },
  { name: "simulate, toJsonReport", imports: ["simulate", "toJsonReport"] },
  { name: "parseDockerfile", imports: ["parseDockerfile"] },
  { name: "lintDockerfile (with simulate)", imports: ["simulate", "lintDockerfile"] },
  { name: "interpret (the REPL session)", imports: ["interpret", "loadSource", "initialSession"] },
];

/** One measured bundle. */
export interface BundleSize {
  readonly name: string;
  readonly minifiedBytes: number;
  readonly gzipBytes: number;
  /** The source folders (under src/) that made it into the bundle, with their minified share in bytes. */
  readonly folders: Readonly<Record<string, number>>;
}

/** Bundles each entry of {@link BUNDLES} and measures it. */
export async function measureBundles(): Promise<BundleSize[]> {
  const out: BundleSize[] = [];
  for (const b of BUNDLES) {
    const contents = b.imports === "all"
      ? `import * as all from "./src/index.ts";\nglobalThis.__keep = all;\n`
      : `import { ${b.imports.join(", ")} } from "./src/index.ts";\nglobalThis.__keep = [${b.imports.join(", ")}];\n`;
    const r = await build({
      stdin: { contents, resolveDir: ROOT, sourcefile: "entry.ts", loader: "ts" },
      bundle: true,
      write: false,
      minify: true,
      treeShaking: true,
      format: "esm",
      platform: "browser",
      metafile: true,
      logLevel: "silent",
    });
    const code = r.outputFiles[0]!.contents;
    const folders: Record<string, number> = {};
    for (const [path, input] of Object.entries(Object.values(r.metafile.outputs)[0]!.inputs)) {
      const m = /^src\/([^/]+)\//.exec(path) ?? /^(node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(path);
      const key = m === null ? path : m[1]!;
      folders[key] = (folders[key] ?? 0) + input.bytesInOutput;
    }
    out.push({ name: b.name, minifiedBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length, folders });
  }
  return out;
}

/** The table `npm run bench` prints. */
export function renderBundles(sizes: readonly BundleSize[]): string {
  const kb = (n: number) => (n / 1024).toFixed(1).padStart(7);
  const lines = ["bundle (esbuild, minified, tree-shaken)                      min KB   gzip KB"];
  for (const s of sizes) lines.push(`${s.name.padEnd(58)} ${kb(s.minifiedBytes)}  ${kb(s.gzipBytes)}`);
  return lines.join("\n");
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const sizes = await measureBundles();
  process.stdout.write(renderBundles(sizes) + "\n");
  if (process.argv.includes("--folders")) for (const s of sizes) process.stdout.write(`\n${s.name}:\n${Object.entries(s.folders).sort((a, b) => b[1] - a[1]).map(([k, v]) => `  ${k.padEnd(40)} ${(v / 1024).toFixed(1)} KB`).join("\n")}\n`);
}
