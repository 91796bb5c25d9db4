/**
 * Issue 18 point 11: a bundle of the core holds only what its imports use. Archives (which come
 * with a build context), downloads' fetching, the REPL interpreter and the lint rules drop out of a
 * bundle that does not import them (esbuild, as `bench/bundle-size.ts` measures sizes).
 */
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { ARCHIVE_READER } from "../../src/fs/archive/index.js";
import type { BuildContext } from "../../src/fs/context-types.js";
import { memoryContext } from "../../src/fs/context/memory-context.js";
import { listFiles } from "../../src/fs/vfs/list-tree.js";
import { simulate } from "../../src/simulate.js";

const ROOT = join(import.meta.dirname, "..", "..");

/** The source files of this repository a bundle of these exports of src/index.ts holds. */
async function bundled(imports: readonly string[]): Promise<string[]> {
  const r = await build({
    stdin: { contents: `import { ${imports.join(", ")} } from "./src/index.ts";\nglobalThis.__keep = [${imports.join(", ")}];\n`, resolveDir: ROOT, loader: "ts" },
    bundle: true, write: false, minify: true, format: "esm", platform: "browser", metafile: true, logLevel: "silent",
  });
  const inputs = Object.values(r.metafile.outputs)[0]!.inputs;
  return Object.entries(inputs).filter(([, v]) => v.bytesInOutput > 0).map(([k]) => k);
}

describe("tree-shaking the core", () => {
  it("simulate + toJsonReport: no archives, no fetching, no REPL, no lint rules", async () => {
    const files = await bundled(["simulate", "toJsonReport"]);
    expect(files).toContain("src/simulate.ts");
    expect(files.filter((f) => /^src\/(fs\/archive|session|lint)\//.test(f) || f === "src/fs/download/fetch-urls.ts" || /node_modules\/(fflate|fzstd)\//.test(f))).toEqual([]);
  });

  it("memoryContext brings the archive reader with it", async () => {
    const files = await bundled(["simulate", "memoryContext"]);
    expect(files).toContain("src/fs/archive/tar.ts");
  });

  it("lintDockerfile brings the rules, not the REPL", async () => {
    const files = await bundled(["simulate", "lintDockerfile"]);
    expect(files).toContain("src/lint/rules/index.ts");
    expect(files.filter((f) => f.startsWith("src/session/"))).toEqual([]);
  });
});

describe("ADD of an archive without an archive reader", () => {
  // A one-file ustar archive (x.txt, "hi\n"), built by hand: 512-byte header, content, two zero blocks.
  const tar = (() => {
    const b = new Uint8Array(512 * 4);
    const put = (s: string, at: number) => { for (let k = 0; k < s.length; k++) b[at + k] = s.charCodeAt(k); };
    put("x.txt", 0); put("0000644\0", 100); put("0000000\0", 108); put("0000000\0", 116); put("00000000003\0", 124); put("00000000000\0", 136);
    put("        ", 148); put("0", 156); put("ustar\0", 257); put("00", 263);
    let sum = 0;
    for (let k = 0; k < 512; k++) sum += b[k]!;
    put(sum.toString(8).padStart(6, "0") + "\0 ", 148);
    put("hi\n", 512);
    return b;
  })();
  const text = "FROM scratch\nADD a.tar /d/\n";

  it("a custom BuildContext without one: the files ADD writes are unknown, not guessed", () => {
    const inner = memoryContext({ "a.tar": tar });
    const custom: BuildContext = { get: (p) => inner.get(p), list: (d) => inner.list(d), isIgnored: (p) => inner.isIgnored(p) };
    const sim = simulate(text, { context: custom });
    expect(listFiles(sim.stage!.files, "/d").entries).toMatchObject([{ path: "/d", type: "dir", complete: false, unknown: expect.stringContaining("no archive reader was given") }]);
    const withReader = simulate(text, { context: custom, archives: ARCHIVE_READER });
    expect(listFiles(withReader.stage!.files, "/d/x.txt").entries).toMatchObject([{ path: "/d/x.txt", type: "file", size: 3 }]);
  });

  it("memoryContext carries one: extracted as before", () => {
    const sim = simulate(text, { context: memoryContext({ "a.tar": tar }) });
    expect(listFiles(sim.stage!.files, "/d/x.txt").entries).toMatchObject([{ path: "/d/x.txt", type: "file", size: 3 }]);
  });
});
