/**
 * The public expansion entry points: one word, words with splitting, and references only.
 *
 * @module
 */

import { budgetsOf, type WorkMeter } from "../core/budget.js";
import { lex, type LexBudgets, type LexOptions, type LexResult } from "./lexer.js";
import type { ExpandOptions, Expansion, VariableLookup, VariableReference, WordsExpansion } from "./types.js";

function byPosition(refs: readonly VariableReference[]): VariableReference[] {
  return [...refs].sort((a, b) => a.start - b.start || a.end - b.end);
}

const NOTHING_SET: VariableLookup = () => undefined;

function failure(r: Extract<LexResult, { ok: false }>): { ok: false; error: string; budget?: NonNullable<typeof r.budget> } {
  return r.budget === undefined ? { ok: false, error: r.error } : { ok: false, error: r.error, budget: r.budget };
}

/**
 * Expands one word as Docker 28.5 does for ENV and LABEL keys and values, ARG defaults, WORKDIR,
 * USER, VOLUME, STOPSIGNAL, ADD/COPY sources, destination and `--chown` (`Lex.ProcessWord`):
 * quotes are removed, escapes processed, and `$v`, `${v}` and the modifiers `:-` `-` `:+` `+`
 * `:?` `?` `#` `##` `%` `%%` `/` `//` applied. Unset variables expand to the empty string.
 *
 * On failure, `error` is the message Docker reports, `failed to process "<word>": <reason>`
 * (the CLI shows it after its own prefix, e.g. `ERROR: failed to build: failed to solve: `).
 * `references` lists every variable the lexer looked up, in source order, including the ones
 * inside modifier words that did not end up in the value.
 *
 * A budget that runs out (see `ExpandOptions.budgets`) gives `budget`: the value is then
 * unknown (Docker would go on), and `error` only says which budget.
 *
 * Never throws.
 *
 * @example
 * ```ts
 * const env = new Map([["v", "abc"], ["e", ""]]);
 * const lookup = (n: string) => env.get(n);
 * expandWord('"${v#a}"-${e:-dflt}-${nope-x}', lookup, { escape: "\\" });
 * // { ok: true, value: "bc-dflt-x", references: [
 * //   { name: "v", start: 1, end: 7, set: true }, { name: "e", start: 9, end: 19, set: true },
 * //   { name: "nope", start: 20, end: 29, set: false }] }
 * expandWord("${A", lookup, { escape: "\\" });
 * // { ok: false, error: 'failed to process "${A": unsupported modifier (\uFFFD) in substitution' }
 * ```
 */
export function expandWord(word: string, lookup: VariableLookup, options: ExpandOptions): Expansion {
  const r = lex(word, lookup, options.escape, false, lexBudgetsOf(options.budgets), lexOptionsOf(options));
  if (!r.ok) return failure(r);
  return { ok: true, value: r.value, references: byPosition(r.references) };
}

/**
 * Expands one word and splits the result into words, as Docker 28.5's `Lex.ProcessWords` does
 * for EXPOSE: text from unquoted source and from `$` expansions splits on white space, quoted
 * text stays whole, and empty words are dropped.
 *
 * It also reproduces a quirk of that code (lex.go L173, a words buffer shared between nested
 * calls): a `${v<modifier>…}` expansion discards the part of the current word read before it,
 * so `80${x:-8}0` gives `["80"]`, exactly as a real EXPOSE does.
 *
 * Never throws.
 *
 * @example
 * ```ts
 * expandWords("$P 8080", (n) => (n === "P" ? "80/tcp  443" : undefined), { escape: "\\" });
 * // { ok: true, words: ["80/tcp", "443", "8080"], references: [P] }
 * ```
 */
export function expandWords(word: string, lookup: VariableLookup, options: ExpandOptions): WordsExpansion {
  const r = lex(word, lookup, options.escape, false, lexBudgetsOf(options.budgets), lexOptionsOf(options));
  if (!r.ok) return failure(r);
  return { ok: true, words: r.words, references: byPosition(r.references) };
}

/**
 * Lists the variables a word refers to, without expanding it and without failing: malformed
 * parts are skipped over, and `${v?}` or a bad pattern do not stop the scan. This serves
 * diagnostics such as "ARG used but not declared".
 *
 * Every reference Docker would look up is listed, also those in a modifier word that the
 * value would not use (Docker looks them up too). `set` tells whether `lookup` knows the
 * variable; without a lookup it is always `false`.
 *
 * @example
 * ```ts
 * findReferences("${A:-$B}/'$C'/${D", { escape: "\\" });
 * // [{ name: "A", start: 0, end: 8, set: false }, { name: "B", start: 5, end: 7, set: false },
 * //  { name: "D", start: 14, end: 17, set: false }]
 * ```
 */
export function findReferences(word: string, options: ExpandOptions, lookup: VariableLookup = NOTHING_SET): VariableReference[] {
  return byPosition(lex(word, lookup, options.escape, true, lexBudgetsOf(options.budgets)).references);
}

/**
 * Expands a COPY/ADD heredoc body whose delimiter was not quoted, as BuildKit does: `$v`, `${v}`
 * and the modifiers expand against the build environment (ENV and ARG values in force), unset
 * variables give "", `\` escapes the next character (and is dropped), quotes are ordinary
 * characters (BuildKit v0.25.2 `frontend/dockerfile/dockerfile2llb/convert.go`, `dispatch`, the
 * `ExpandRaw` call). A RUN heredoc is never expanded by the builder (its shell does that). Budgets
 * as for {@link expandWord}; `work` counts the work done, as `ExpandOptions.work` does.
 *
 * @example
 * ```ts
 * expandHeredocBody("hi $A '${B:-b}' \\$A\n", (n) => (n === "A" ? "a" : undefined));
 * // { ok: true, value: "hi a 'b' $A\n", references: [...] }
 * ```
 */
export function expandHeredocBody(body: string, lookup: VariableLookup, budgets?: ExpandOptions["budgets"], work?: WorkMeter): Expansion {
  const r = lex(body, lookup, "\\", false, lexBudgetsOf(budgets), work === undefined ? { skipProcessQuotes: true } : { skipProcessQuotes: true, work });
  if (!r.ok) return failure(r);
  return { ok: true, value: r.value, references: byPosition(r.references) };
}

/**
 * The lexer options that only count work (none without a meter): one object per meter, kept for
 * the last meter seen (a simulation expands many words with one meter), so an expansion
 * allocates no options of its own.
 */
function lexOptionsOf(options: ExpandOptions): LexOptions | undefined {
  const work = options.work;
  if (work === undefined) return undefined;
  if (work !== lastWork) {
    lastWork = work;
    lastOptions = { work };
  }
  return lastOptions;
}
let lastWork: WorkMeter | undefined;
let lastOptions: LexOptions | undefined;

/** The budgets the lexer checks: the caller's object as it is when it names all three (the evaluator's do), else with the defaults filled in. */
function lexBudgetsOf(b: ExpandOptions["budgets"]): LexBudgets {
  return b !== undefined && b.expansionDepth !== undefined && b.expansionLength !== undefined && b.patternWork !== undefined ? (b as LexBudgets) : budgetsOf(b);
}
