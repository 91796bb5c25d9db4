import type { Builder } from "./builder.js";
import type { Range } from "./range.js";
import { assertNever } from "./assert-never.js";

/**
 * How much a diagnostic matters.
 *
 * - `error`: a real build (or `docker run`) fails here, and the message is the engine's own.
 * - `warning`: the build works but very likely does not do what the author meant (a trap), or the
 *   simulator knows a real build may differ from its prediction.
 * - `info`: something the simulator wants the reader to know (an unknown base image, an assumption).
 */
export type Severity = "error" | "warning" | "info";

/** Codes of the failures a real build reports: the message is the engine's own. */
export type BuildFailureCode =
  | "build/empty-dockerfile"
  | "build/no-instructions"
  | "build/no-stages"
  | "build/no-build-stage"
  | "build/unknown-instruction"
  | "build/directive"
  | "build/flag"
  | "build/arguments"
  | "build/json-not-strings"
  | "build/heredoc"
  | "build/expansion"
  | "build/invalid-value"
  | "build/stage"
  | "build/target"
  | "build/onbuild"
  | "build/copy"
  | "build/user"
  | "build/run"
  | "build/context";

/** Codes of the simulator's notices: facts it could not know, or what it assumed. */
export type NoticeCode =
  | "image/unknown"
  | "syntax/frontend-ignored"
  | "syntax/empty-continuation"
  | "files/unknown"
  | "files/not-fetched"
  | "budget/exceeded";

/** Codes of the traps: the build works but likely not as meant (one rule module each in `src/lint/rules`). */
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
 * The situations where the simulator knows a real build may differ from its prediction. Each is
 * listed, with its cause, in the docs ({@link KNOWN_DIVERGENCES} says where).
 */
export type KnownDivergenceId =
  | "user-lookup-after-opaque-step"
  | "concurrent-stage-exec-errors"
  | "download-after-exec-error"
  | "archive-member-through-link";

/** Where each {@link KnownDivergenceId} is documented (a path in this repository, with its anchor text). */
export const KNOWN_DIVERGENCES: { readonly [K in KnownDivergenceId]: string } = {
  "user-lookup-after-opaque-step": "docs/oracle.md, Known divergences, K1",
  "concurrent-stage-exec-errors": "docs/semantics/copy-add.md, Known divergences, 1",
  "download-after-exec-error": "docs/semantics/copy-add.md, Known divergences, 2",
  "archive-member-through-link": "docs/semantics/copy-add.md, Known divergences, 3",
};

/**
 * Stable diagnostic codes. Scripts may match on them; they never change meaning.
 * The prefix says the family: `build/` (a real build fails), `lint/` (a trap), `image/`, `syntax/`,
 * `files/` (notices), `simulator/known-divergence` (where this simulator is known to differ from a
 * real build: the message says how, `divergence` says which case of the docs it is).
 */
export type DiagnosticCode = BuildFailureCode | NoticeCode | LintCode | "simulator/known-divergence";

/** What every diagnostic has. */
interface DiagnosticBase {
  /** The message; for a build failure, exactly what the engine says (without the CLI's own prefixes). */
  readonly message: string;
  /** Where in the Dockerfile; `null` when it is about the options, not the text. */
  readonly range: Range | null;
  /** Set when only this builder behaves so (a build failure: the builder simulated). */
  readonly builder?: Builder;
  /**
   * Set when the finding is judged without the facts that would decide it (for example from a
   * file's name because no build context was given): why, and what would settle it.
   */
  readonly pending?: string;
}

/** A failure a real build reports, with the engine's own message. */
export interface BuildFailure extends DiagnosticBase {
  readonly code: BuildFailureCode;
  readonly severity: "error";
}

/** A notice: something the simulator could not know (an unknown image, files a RUN changed) or assumed. */
export interface Notice extends DiagnosticBase {
  readonly code: NoticeCode;
  readonly severity: "info" | "warning";
}

/** A place where the simulator knows a real build may differ from its prediction (see {@link KNOWN_DIVERGENCES}). */
export interface KnownDivergence extends DiagnosticBase {
  readonly code: "simulator/known-divergence";
  readonly severity: "warning";
  /** Which documented divergence this is. */
  readonly divergence: KnownDivergenceId;
}

/** One trap found in a Dockerfile (a rule of `src/lint/rules`): the build works, but likely not as meant. */
export interface LintFinding extends DiagnosticBase {
  readonly code: LintCode;
  readonly severity: "warning" | "info";
}

/**
 * One finding about a Dockerfile, with the source range it is about: a discriminated union on
 * `code` (its families: {@link BuildFailure}, {@link Notice}, {@link KnownDivergence},
 * {@link LintFinding}; {@link diagnosticFamily} tells which).
 *
 * @example
 * ```ts
 * const d: Diagnostic = {
 *   code: "build/unknown-instruction",
 *   severity: "error",
 *   message: "dockerfile parse error on line 2: unknown instruction: FOO",
 *   range: rangeOf(1, 0, 1, 3),
 * };
 * diagnosticFamily(d); // "build-failure"
 * ```
 */
export type Diagnostic = BuildFailure | Notice | KnownDivergence | LintFinding;

/** The family of a {@link Diagnostic}, named for its interface. */
export type DiagnosticFamily = "build-failure" | "notice" | "known-divergence" | "lint";

/**
 * Which family a diagnostic belongs to (an exhaustive switch over every code: a new code does not
 * compile until it is given a family).
 *
 * @example
 * ```ts
 * simulate("FROM scratch\nFOO bar\n").diagnostics.map(diagnosticFamily); // ["build-failure"]
 * ```
 */
export function diagnosticFamily(d: Diagnostic): DiagnosticFamily {
  const code = d.code;
  switch (code) {
    case "build/empty-dockerfile":
    case "build/no-instructions":
    case "build/no-stages":
    case "build/no-build-stage":
    case "build/unknown-instruction":
    case "build/directive":
    case "build/flag":
    case "build/arguments":
    case "build/json-not-strings":
    case "build/heredoc":
    case "build/expansion":
    case "build/invalid-value":
    case "build/stage":
    case "build/target":
    case "build/onbuild":
    case "build/copy":
    case "build/user":
    case "build/run":
    case "build/context":
      return "build-failure";
    case "image/unknown":
    case "syntax/frontend-ignored":
    case "syntax/empty-continuation":
    case "files/unknown":
    case "files/not-fetched":
    case "budget/exceeded":
      return "notice";
    case "simulator/known-divergence":
      return "known-divergence";
    case "lint/shell-entrypoint-swallows-args":
    case "lint/pid1-is-shell":
    case "lint/cmd-reset-by-entrypoint":
    case "lint/command-set-twice":
    case "lint/json-not-json":
    case "lint/global-arg-not-redeclared":
    case "lint/env-reads-same-instruction":
    case "lint/run-export-does-not-persist":
    case "lint/add-unpacks-archive":
    case "lint/copy-directory-contents":
    case "lint/builders-disagree":
      return "lint";
    default:
      return assertNever(code);
  }
}

/** Narrows a diagnostic to a {@link KnownDivergence}. */
export function isKnownDivergence(d: Diagnostic): d is KnownDivergence {
  return d.code === "simulator/known-divergence";
}

/** Creates a {@link BuildFailure}. */
export function buildFailure(code: BuildFailureCode, message: string, range: Range | null, builder?: Builder): BuildFailure {
  return builder === undefined ? { code, severity: "error", message, range } : { code, severity: "error", message, range, builder };
}

/** Creates a {@link Notice}. */
export function notice(code: NoticeCode, severity: Notice["severity"], message: string, range: Range | null): Notice {
  return { code, severity, message, range };
}

/** Creates a {@link KnownDivergence} warning. */
export function knownDivergence(divergence: KnownDivergenceId, message: string, range: Range | null, builder?: Builder): KnownDivergence {
  const d: KnownDivergence = { code: "simulator/known-divergence", severity: "warning", divergence, message, range };
  return builder === undefined ? d : { ...d, builder };
}
