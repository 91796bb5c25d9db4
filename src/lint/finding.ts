import type { Builder } from "../core/builder.js";
import type { Severity } from "../core/diagnostic.js";
import type { Range } from "../core/range.js";

/**
 * Stable codes of the trap warnings. Scripts may match on them; they never change meaning.
 * Each code is one rule module in `src/lint/rules/<name>.ts`.
 */
export type LintCode =
  | "lint/shell-entrypoint-swallows-args"
  | "lint/pid1-is-shell"
  | "lint/cmd-reset-by-entrypoint"
  | "lint/command-set-twice"
  | "lint/json-not-json"
  | "lint/global-arg-not-redeclared"
  | "lint/env-reads-same-instruction"
  | "lint/run-export-does-not-persist"
  | "lint/add-unpacks-archive"
  | "lint/copy-directory-contents"
  | "lint/builders-disagree";

/**
 * One trap found in a Dockerfile: the shape of a {@link Diagnostic} (so it can sit in the same
 * `diagnostics` list) with a lint code.
 */
export interface LintFinding {
  readonly code: LintCode;
  readonly severity: Severity;
  readonly message: string;
  /** Where in the Dockerfile; `null` when it is about a base image or the whole build. */
  readonly range: Range | null;
  /** Set when only this builder behaves so. */
  readonly builder?: Builder;
  /**
   * Set when the finding is judged from names only and a later part of the simulator will
   * decide it from file contents (for example `"issue 3"`, the build context's files).
   */
  readonly pending?: string;
}
