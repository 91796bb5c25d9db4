/**
 * Public types of the Dockerfile variable-expansion lexer.
 *
 * The behaviour modelled is that of `frontend/dockerfile/shell/lex.go` in BuildKit v0.25.2,
 * the version vendored by moby v28.5.2 (Docker Engine 28.5), which both the BuildKit
 * Dockerfile frontend and the classic builder use.
 *
 * @module
 */
import type { BudgetHit, Budgets, WorkMeter } from "../core/budget.js";

/** The Dockerfile escape character, chosen by the `# escape=` parser directive. */
export type EscapeToken = "\\" | "`";

/**
 * Looks a variable up in the build environment (image `Env` plus visible build arguments).
 * Returns `undefined` when the variable is unset; an empty string is a set-but-empty variable.
 */
export type VariableLookup = (name: string) => string | undefined;

/** Options shared by the expansion functions. */
export interface ExpandOptions {
  /** The escape character in force for the Dockerfile (`\` unless `# escape=` says otherwise). */
  readonly escape: EscapeToken;
  /** Budgets of nesting depth, expanded length and pattern work (defaults: `DEFAULT_BUDGETS`). */
  readonly budgets?: Partial<Pick<Budgets, "expansionDepth" | "expansionLength" | "patternWork">>;
  /** Where the work done is counted (characters scanned and produced, pattern steps); none if absent. */
  readonly work?: WorkMeter;
}

/**
 * One place where the lexer looked a variable up.
 *
 * Offsets are UTF-16 code-unit offsets into the word that was expanded, half-open:
 * `word.slice(start, end)` is the whole reference, from the `$` up to the end of the name
 * (`$name`) or past the closing `}` (`${name...}`).
 */
export interface VariableReference {
  /** The variable name, exactly as the lexer read it (for example `HOME`, `1`, `@`). */
  name: string;
  /** Offset of the `$`. */
  start: number;
  /** Offset just past the reference. */
  end: number;
  /** Whether the variable was set when it was looked up (always `false` without a lookup). */
  set: boolean;
}

/** The outcome of {@link expandWord}: the expanded text, or Docker's error message. */
export type Expansion =
  | { ok: true; value: string; references: readonly VariableReference[] }
  | { ok: false; error: string; budget?: BudgetHit };

/** The outcome of {@link expandWords}: the expanded and split words, or Docker's error message. */
export type WordsExpansion =
  | { ok: true; words: string[]; references: readonly VariableReference[] }
  | { ok: false; error: string; budget?: BudgetHit };

/** One word found by {@link splitWords}, with its source span. */
export interface SplitWord {
  /** The word with its quotes and escapes still in it (as Docker's parser keeps them). */
  word: string;
  /** Offset (UTF-16 code units) of the word's first character in the text. */
  start: number;
  /**
   * Offset just past the word's last source character. `text.slice(start, end)` equals `word`,
   * except that an escape token ending the text is part of the span but dropped from `word`.
   */
  end: number;
}
