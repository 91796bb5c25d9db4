/**
 * A long fuzzing session outside vitest: where a property stops at its first failure, this
 * keeps going and groups every problem found by its signature (kind + the first project stack
 * frame, or the message's shape), then minimises the shortest input of each group. Use it to
 * list all the distinct bugs at once, not one per run.
 *
 *     node --import tsx spec/robustness/explore.ts [--runs 5000] [--seed 1] [--only grammar,unicode,special,grammar-mutated,corpus-mutated]
 *
 * Prints one block per distinct problem: count, minimal reproducer (as a JS string) and stack.
 *
 * @module
 */
import fc from "fast-check";
import { parseArgs } from "node:util";
import { corpusDir, readCorpusFile, sampleCorpus } from "../helpers/corpus.js";
import { describeProblem, VARIANTS, type Problem } from "./check.js";
import { minimiseText } from "./fuzz.js";
import { dockerfileArb } from "./grammar.js";
import { applyMutations, mutationArb, SPECIAL_FRAGMENTS } from "./mutate.js";
import { Sandbox } from "./sandbox.js";

const { values } = parseArgs({ options: { runs: { type: "string", default: "3000" }, seed: { type: "string", default: "1" }, only: { type: "string", default: "" } } });
const runs = Number(values.runs);
const seed = Number(values.seed);
const only = new Set((values.only ?? "").split(",").filter((s) => s !== ""));

const special = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...SPECIAL_FRAGMENTS) }, { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 3 }) }), { maxLength: 40 })
  .map((p) => `FROM x\n${p.join("")}`);

const sources: Record<string, () => fc.Arbitrary<string>> = {
  unicode: () => fc.string({ unit: "binary", maxLength: 400 }),
  special: () => special,
  grammar: () => dockerfileArb,
  "grammar-mutated": () => fc.tuple(dockerfileArb, fc.array(mutationArb, { minLength: 1, maxLength: 6 })).map(([t, ms]) => applyMutations(t, ms)),
  "corpus-mutated": () => {
    const pool = corpusDir() === null ? ["FROM alpine\nRUN true\n"] : sampleCorpus(300, seed).map(readCorpusFile).filter((t) => t.length < 6000);
    return fc.tuple(fc.constantFrom(...pool), fc.array(mutationArb, { minLength: 1, maxLength: 10 })).map(([t, ms]) => applyMutations(t, ms));
  },
};

function signature(p: Problem): string {
  // the first frame in the project's src/ (a throw inside a dependency is grouped by its caller)
  const frame = p.stack?.split("\n").find((l) => /\/src\//.test(l))?.trim().replace(/:\d+\)?$/, "");
  if (frame !== undefined) return `${p.kind} ${p.detail.replace(/\d+/g, "N").slice(0, 80)} @ ${frame}`;
  return `${p.kind} ${p.detail.replace(/\d+/g, "N").replace(/"[^"]*"/g, '""').slice(0, 100)}`;
}

const sandbox = new Sandbox();
const groups = new Map<string, { count: number; text: string; problem: Problem; source: string }>();
for (const [name, make] of Object.entries(sources)) {
  if (only.size > 0 && !only.has(name)) continue;
  const t0 = Date.now();
  for (const text of fc.sample(make(), { seed, numRuns: runs })) {
    const out = await sandbox.check({ text });
    if (out.problem === null) continue;
    const sig = signature(out.problem);
    const g = groups.get(sig);
    if (g === undefined) groups.set(sig, { count: 1, text, problem: out.problem, source: name });
    else {
      g.count++;
      if (text.length < g.text.length) Object.assign(g, { text, problem: out.problem });
    }
  }
  console.error(`${name}: ${runs} inputs in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${groups.size} distinct problems so far`);
}
for (const [sig, g] of groups) {
  const m = await minimiseText(sandbox, g.text, g.problem, VARIANTS, 15_000);
  const variant = VARIANTS.find((v) => v.name === m.problem.variant);
  console.log(`\n### ${sig}\n${g.count}× (first seen in ${g.source})\nsimulate(${JSON.stringify(m.text)}, ${JSON.stringify(variant?.options ?? {})})\n${describeProblem(m.problem)}`);
}
await sandbox.close();
