/**
 * Shared machinery of the fast-check robustness properties (mutations.spec.ts,
 * random-text.spec.ts): run a property over generated Dockerfile texts in the sandbox
 * (sandbox.ts: a crash is contained and reported; work is bounded by check.ts's counters, not by
 * time), and on failure shrink the text further by
 * delta debugging (lines, then characters) so the report carries a minimal reproducer.
 *
 * Environment (CI runs use the fixed defaults, so failures reproduce):
 *
 * - `FUZZ_SEED=<int>`: the fast-check seed (default: each spec's fixed seed).
 * - `FUZZ_RUNS=<n>`: runs per property (default: each property's CI count), e.g.
 *   `FUZZ_RUNS=20000 FUZZ_SEED=$RANDOM npx vitest run spec/robustness/` for a long session.
 *
 * @module
 */
import fc from "fast-check";
import { describeProblem, VARIANTS, type Problem, type Variant } from "./check.js";
import { Sandbox } from "./sandbox.js";

/** The seed for a property: `FUZZ_SEED` or the spec's fixed one. */
export function fuzzSeed(fixed: number): number {
  const v = process.env["FUZZ_SEED"];
  if (v === undefined || v === "") return fixed;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new Error(`FUZZ_SEED must be an integer, got ${JSON.stringify(v)}`);
  return n;
}

/** The run count for a property: `FUZZ_RUNS` or the spec's CI count. */
export function fuzzRuns(ciRuns: number): number {
  const v = process.env["FUZZ_RUNS"];
  if (v === undefined || v === "") return ciRuns;
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`FUZZ_RUNS must be a positive integer, got ${JSON.stringify(v)}`);
  return n;
}

/** A vitest timeout that grows with `FUZZ_RUNS`: `ciMs` at the CI count, proportionally more beyond. */
export function fuzzTimeout(ciRuns: number, ciMs: number): number {
  return Math.max(ciMs, Math.ceil((fuzzRuns(ciRuns) / ciRuns) * ciMs * 2));
}

/** Whether two problems are "the same bug" for shrinking: same kind, and same message up to numbers. */
function sameProblem(a: Problem, b: Problem): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === "work" || a.kind === "crash") return true;
  const norm = (s: string) => s.replace(/\d+/g, "N").replace(/"[^"]*"/g, '""').slice(0, 60);
  return norm(a.detail) === norm(b.detail);
}

/**
 * Delta debugging (ddmin) over the parts of a text: the smallest sublist of parts whose
 * concatenation still fails in the same way. Stops when `deadline` passes (a budget for the
 * quality of a failure's message, never a reason to fail).
 */
async function ddmin(parts: string[], join: (p: string[]) => string, fails: (text: string) => Promise<boolean>, deadline: number): Promise<string[]> {
  let n = 2;
  while (parts.length >= 2 && Date.now() < deadline) {
    const chunk = Math.ceil(parts.length / n);
    let reduced = false;
    for (let start = 0; start < parts.length && Date.now() < deadline; start += chunk) {
      const complement = [...parts.slice(0, start), ...parts.slice(start + chunk)];
      if (complement.length > 0 && (await fails(join(complement)))) {
        parts = complement;
        n = Math.max(n - 1, 2);
        reduced = true;
        break;
      }
    }
    if (!reduced) {
      if (n >= parts.length) break;
      n = Math.min(parts.length, n * 2);
    }
  }
  return parts;
}

/**
 * Shrinks a failing text to a (locally) minimal one failing the same way: first by whole lines
 * (keeping line terminators), then by characters. Returns the text and its problem.
 */
export async function minimiseText(
  sandbox: Sandbox,
  text: string,
  problem: Problem,
  variants: readonly Variant[] = VARIANTS,
  budgetMs = 30_000,
): Promise<{ text: string; problem: Problem }> {
  const deadline = Date.now() + budgetMs;
  // pin the failing variant first: one variant is faster to re-check than all
  const only = variants.find((v) => v.name === problem.variant);
  const vs = only === undefined ? variants : [only];
  return minimiseWith(sandbox, text, problem, vs, deadline);
}

async function minimiseWith(sandbox: Sandbox, text: string, problem: Problem, vs: readonly Variant[], deadline: number): Promise<{ text: string; problem: Problem }> {
  let last = problem;
  const fails = async (t: string): Promise<boolean> => {
    const out = await sandbox.check({ text: t }, vs);
    if (out.problem !== null && sameProblem(out.problem, problem)) {
      last = out.problem;
      return true;
    }
    return false;
  };
  if (!(await fails(text))) return { text, problem };
  const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [text];
  let best = (await ddmin(lines, (p) => p.join(""), fails, deadline)).join("");
  best = (await ddmin([...best], (p) => p.join(""), fails, deadline)).join("");
  await fails(best); // leaves `last` describing `best`
  return { text: best, problem: last };
}

/** Options of {@link checkProperty}. */
export interface PropertyOptions {
  readonly seed: number;
  readonly numRuns: number;
  readonly variants?: readonly Variant[];
}

/**
 * Checks that `simulate` keeps its robustness contract on every text `arb` produces (via
 * `toText`). Resolves to null, or to a failure report: fast-check's (seed, path, shrunk
 * counterexample) plus a further minimised reproducer text as a JS string literal.
 */
export async function checkProperty<T>(sandbox: Sandbox, arb: fc.Arbitrary<T>, toText: (v: T) => string, options: PropertyOptions): Promise<string | null> {
  const variants = options.variants ?? VARIANTS;
  let lastProblem: Problem | null = null;
  const property = fc.asyncProperty(arb, async (v) => {
    const out = await sandbox.check({ text: toText(v) }, variants);
    if (out.problem !== null) {
      lastProblem = out.problem;
      throw new Error(describeProblem(out.problem));
    }
  });
  const details = await fc.check(property, { seed: options.seed, numRuns: options.numRuns });
  if (!details.failed || details.counterexample === null) {
    return details.failed ? fc.defaultReportMessage(details) ?? "failed" : null;
  }
  const text = toText(details.counterexample[0]);
  const first = await sandbox.check({ text }, variants);
  const problem = first.problem ?? lastProblem;
  let minimal = "";
  if (problem !== null) {
    const m = await minimiseText(sandbox, text, problem, variants);
    minimal = `\n\nMinimal reproducer (${m.text.length} chars), simulate(${JSON.stringify(m.text)}, ${JSON.stringify(variants.find((v) => v.name === m.problem.variant)?.options ?? {})}):\n${describeProblem(m.problem)}`;
  }
  return `${fc.defaultReportMessage(details) ?? "property failed"}\n\nShrunk text (${text.length} chars): ${JSON.stringify(text.length > 2000 ? `${text.slice(0, 2000)}…` : text)}${minimal}`;
}
