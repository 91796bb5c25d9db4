/**
 * The lint family of `Diagnostic`: its codes (one rule module each in
 * `src/lint/rules/<name>.ts`) and its findings, which sit in the same `diagnostics` list.
 * @module
 */
export type { LintCode, LintFinding } from "../core/diagnostic.js";
