import type { Builder } from "./builder.js";
import type { Range } from "./range.js";

/**
 * How much a diagnostic matters.
 *
 * - `error`: a real build (or `docker run`) fails here, and the message is the engine's own.
 * - `warning`: the build works but very likely does not do what the author meant (a trap).
 * - `info`: something the simulator wants the reader to know (an unknown base image, an assumption).
 */
export type Severity = "error" | "warning" | "info";

/**
 * Stable diagnostic codes. Scripts may match on them; they never change meaning.
 * The prefix says the family: `build/` and `run/` (a real build or run fails), `lint/` (a trap),
 * `image/`, `syntax/`, `builder/`, `input/` (notices), `simulator/` (where this simulator is known to
 * differ from a real build: the message says how, and `docs/oracle.md` lists each such case with its cause).
 */
export type DiagnosticCode =
  // input the simulator cannot read at all
  | "input/unreadable"
  // failures a real build reports (message = the engine's own)
  | "build/empty-dockerfile"
  | "build/no-instructions"
  | "build/no-stages"
  | "build/no-build-stage"
  | "build/parse-error"
  | "build/unknown-instruction"
  | "build/directive"
  | "build/flag"
  | "build/arguments"
  | "build/json-not-strings"
  | "build/expansion"
  | "build/invalid-value"
  | "build/stage"
  | "build/target"
  | "build/onbuild"
  | "build/line-too-long"
  | "build/unknown-image"
  | "build/copy"
  | "build/user"
  | "build/run"
  // run-time failures (`docker create` / `docker run`)
  | "run/no-command"
  // simulator notices
  | "image/unknown"
  | "image/invalid-config"
  | "syntax/frontend-ignored"
  | "syntax/empty-continuation"
  | "builder/difference"
  | "files/unknown"
  | "files/not-fetched"
  // the simulator's own known limits: a real build may differ here (see docs/oracle.md)
  | "simulator/known-divergence"
  // traps: the build works but likely not as meant (one rule module each in src/lint/rules)
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
 * One finding about a Dockerfile, with the source range it is about.
 *
 * @example
 * ```ts
 * const d: Diagnostic = {
 *   code: "build/unknown-instruction",
 *   severity: "error",
 *   message: "dockerfile parse error on line 2: unknown instruction: FOO",
 *   range: rangeOf(1, 0, 1, 3),
 * };
 * ```
 */
export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  /** The message; for `error`, exactly what the engine says (without the CLI's own prefixes). */
  readonly message: string;
  /** Where in the Dockerfile; `null` when it is about the options, not the text. */
  readonly range: Range | null;
  /** Set when only this builder behaves so. */
  readonly builder?: Builder;
  /**
   * Set when the finding is judged without the facts that would decide it (for example from a
   * file's name because no build context was given): why, and what would settle it.
   */
  readonly pending?: string;
}

/** Creates a {@link Diagnostic}; a small helper so call sites stay one line. */
export function diagnostic(
  code: DiagnosticCode,
  severity: Severity,
  message: string,
  range: Range | null,
  builder?: Builder,
): Diagnostic {
  return builder === undefined ? { code, severity, message, range } : { code, severity, message, range, builder };
}
