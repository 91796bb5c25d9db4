import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The layering of src/: folders in pipeline order, imports only downward, no file cycles.
 *
 * Each top-level folder (or top-level file) of src/ has a floor; a file may import a file on its
 * own floor only inside the same folder, and otherwise only files on lower floors. Inside a floor
 * the files must not import each other in a cycle.
 */
const SRC = join(import.meta.dirname, "..", "..", "src");

/** The floors, lowest first: what each folder or top-level file of src/ may build on. */
const FLOORS: readonly (readonly string[])[] = [
  ["core"], // ranges, results, diagnostics, the builder vocabulary
  ["docker"], // Docker's and Go's value formats
  ["builders"], // what each builder does differently (one module per builder)
  ["expand"], // shell-word expansion
  ["fs"], // archives, build contexts, the virtual filesystem, downloads
  ["parse"], // Dockerfile text -> instructions
  ["image"], // image config, history, provenance, base images
  ["catalog"], // the bundled catalog of official images (its own export, dockerfile-semantics/catalog)
  ["evaluate"], // instructions -> stages (plan, builders, apply)
  ["run"], // docker run on a final config
  ["simulate.ts", "fetch-downloads.ts", "resolve-images.ts"], // the one-call entry points
  ["provenance", "report"], // what a traced value means; the JSON report
  ["lint"], // rules over a simulation
  ["check"], // Docker's build checks and ours, configured, in report formats
  ["explain"], // why a value is what it is, rendered
  ["session"], // the REPL session (application code)
  ["index.ts"], // the public core API
  ["node"], // the edge: CLI, REPL terminal, disk contexts
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []));
}

/** The folder (or top-level file) of src/ a file lives in. */
function unitOf(file: string): string {
  return relative(SRC, file).split("/")[0]!;
}

function floorOf(unit: string): number {
  return FLOORS.findIndex((f) => f.includes(unit));
}

/** The relative imports of a source text (static `import`/`export … from`, and dynamic `import()`), comments removed. */
function importsOf(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\/|(^|[^:"'`])\/\/.*$/gm, "$1");
  const out: string[] = [];
  for (const m of code.matchAll(/(?:^|[;\s])(?:import|export)\s[^"'`;]*?\sfrom\s*["'](\.{1,2}\/[^"']+)["']|(?:^|[;\s])import\s*["'](\.{1,2}\/[^"']+)["']|\bimport\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g)) {
    out.push((m[1] ?? m[2] ?? m[3])!);
  }
  return out;
}

/** An upward or sideways import, described, or null when `from` may import `to`. */
function layeringViolation(from: string, to: string): string | null {
  const a = unitOf(from);
  const b = unitOf(to);
  if (a === b) return null;
  const fa = floorOf(a);
  const fb = floorOf(b);
  if (fb < fa) return null;
  return `${relative(SRC, from)} (floor ${fa}, ${a}) imports ${relative(SRC, to)} (floor ${fb}, ${b})`;
}

/** Every cycle of files, as a list of paths (each cycle once, by its strongly connected component). */
function fileCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const targets = importsOf(readFileSync(file, "utf8")).map((spec) => resolve(dirname(file), spec.replace(/\.js$/, ".ts")));
    graph.set(file, targets);
  }
  return graph;
}

describe("layering", () => {
  const graph = importGraph();

  it("places every folder and top-level file of src/ on a floor", () => {
    const units = new Set([...graph.keys()].map(unitOf));
    expect([...units].filter((u) => floorOf(u) < 0)).toEqual([]);
    expect(units.size).toBeGreaterThan(10);
  });

  it("every relative import names a source file", () => {
    const missing = [...graph].flatMap(([from, tos]) => tos.filter((t) => !graph.has(t)).map((t) => `${relative(SRC, from)} -> ${relative(SRC, t)}`));
    expect(missing).toEqual([]);
  });

  it("imports only go downward (or stay inside one folder)", () => {
    const upward = [...graph].flatMap(([from, tos]) => tos.map((to) => layeringViolation(from, to)).filter((v) => v !== null));
    expect(upward).toEqual([]);
  });

  it("no files import each other in a cycle", () => {
    expect(fileCycles(graph).map((c) => c.map((f) => relative(SRC, f)))).toEqual([]);
  });

  it("the checks can fail: an upward import, a sideways one and a cycle are caught", () => {
    expect(layeringViolation(join(SRC, "core", "x.ts"), join(SRC, "evaluate", "y.ts"))).toMatch(/imports evaluate\/y\.ts/);
    expect(layeringViolation(join(SRC, "report", "x.ts"), join(SRC, "provenance", "y.ts"))).not.toBeNull();
    expect(layeringViolation(join(SRC, "evaluate", "x.ts"), join(SRC, "core", "y.ts"))).toBeNull();
    const cyclic = new Map([
      ["a", ["b"]],
      ["b", ["c"]],
      ["c", ["a"]],
      ["d", ["a"]],
    ]);
    expect(fileCycles(cyclic)).toEqual([["a", "b", "c"]]);
    expect(fileCycles(new Map([["a", ["a"]]]))).toEqual([["a"]]);
    expect(importsOf(`import { a } from "./a.js";\nexport type { B } from "../b.js";\n// import { c } from "./c.js";\nimport "./d.js";\nconst e = await import("./e.js");`)).toEqual(["./a.js", "../b.js", "./d.js", "./e.js"]);
  });
});
