/**
 * Where the evaluation records what it finds: diagnostics for the user, and the build failures a
 * real build would stop at, each with the phase and dispatch order that decide which one Docker
 * reports first.
 *
 * @module
 */
import type { Builder } from "../core/builder.js";
import { buildFailure, knownDivergence, notice, type BuildFailure, type BuildFailureCode, type Diagnostic, type KnownDivergenceId, type Notice, type NoticeCode } from "../core/diagnostic.js";
import type { Range } from "../core/range.js";

/** A build failure the simulator predicts, with the order Docker would meet it in. */
export interface PredictedFailure {
  readonly diagnostic: BuildFailure;
  /** Lower runs first: 1 line parsing, 2 instruction parsing, 3 stage setup, 4 dispatch. */
  readonly phase: number;
  /** Position within the phase (dispatch order). */
  readonly order: number;
}

/** The diagnostics and predicted failures of one evaluation. */
export interface DiagnosticSink {
  /** The builder whose wording and order the failures follow. */
  readonly builder: Builder;
  readonly diagnostics: Diagnostic[];
  readonly failures: PredictedFailure[];
  /** Counter giving dispatch order to failures. */
  step: number;
}

/** Records a diagnostic that does not fail the build. */
export function note(ctx: DiagnosticSink, code: NoticeCode, severity: Notice["severity"], message: string, range: Range | null): void {
  ctx.diagnostics.push(notice(code, severity, message, range));
}

/**
 * Warns that a real build may differ from the prediction here, in one of the documented ways
 * ({@link KnownDivergenceId}); `builder` when only that builder is concerned.
 */
export function warnDivergence(ctx: DiagnosticSink, divergence: KnownDivergenceId, message: string, range: Range | null, builder?: Builder): void {
  ctx.diagnostics.push(knownDivergence(divergence, message, range, builder));
}

/** Records a failure a real build would stop at; the first one in Docker's order becomes the build error. */
export function fail(ctx: DiagnosticSink, phase: number, code: BuildFailureCode, message: string, range: Range | null, state?: { failed: boolean }): void {
  const d = buildFailure(code, message, range, ctx.builder);
  ctx.diagnostics.push(d);
  ctx.failures.push({ diagnostic: d, phase, order: ctx.step++ });
  if (state !== undefined) state.failed = true;
}

