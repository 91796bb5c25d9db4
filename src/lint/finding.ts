import type { Diagnostic, DiagnosticCode } from "../core/diagnostic.js";

/**
 * Stable codes of the trap warnings. Scripts may match on them; they never change meaning.
 * Each code is one rule module in `src/lint/rules/<name>.ts`.
 */
export type LintCode = Extract<DiagnosticCode, `lint/${string}`>;

/** One trap found in a Dockerfile: a {@link Diagnostic} with a lint code, so it sits in the same `diagnostics` list. */
export type LintFinding = Diagnostic & { readonly code: LintCode };
