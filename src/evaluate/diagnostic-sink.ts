/**
 * Where an evaluation records what it finds: diagnostics for the user, and the build failures a
 * real build would stop at, each with its {@link FailurePhase} and dispatch order, which decide the
 * one Docker reports. Kept apart from the (immutable) plan and the stage state.
 *
 * @module
 */
import type { Builder } from "../core/builder.js";
import { budgetMessage, type BudgetHit } from "../core/budget.js";
import { buildFailure, isKnownDivergence, knownDivergence, notice, type BuildFailure, type BuildFailureCode, type Diagnostic, type KnownDivergenceId, type Notice, type NoticeCode } from "../core/diagnostic.js";
import type { Range } from "../core/range.js";
import type { FailurePhase } from "./failure-phase.js";

/** A build failure the simulator predicts, with the order Docker would meet it in. */
export interface PredictedFailure {
  readonly diagnostic: BuildFailure;
  /** When the build meets it (see {@link FailurePhase}). */
  readonly phase: FailurePhase;
  /** Position within the phase (dispatch order). */
  readonly order: number;
}

/** The diagnostics and predicted failures of one evaluation, in the order they were recorded. */
export class DiagnosticSink {
  /** Every diagnostic, failures included. */
  readonly diagnostics: Diagnostic[] = [];
  /** The predicted failures. */
  readonly failures: PredictedFailure[] = [];
  #step = 0;

  /** @param builder the builder whose failures these are (named on each failure) */
  constructor(readonly builder: Builder) {}

  /** Records a failure a real build would stop at; the first one in Docker's order becomes the build error. */
  fail(phase: FailurePhase, code: BuildFailureCode, message: string, range: Range | null): void {
    const d = buildFailure(code, message, range, this.builder);
    this.diagnostics.push(d);
    this.failures.push({ diagnostic: d, phase, order: this.#step++ });
  }

  /** The failure a real build reports: the lowest phase, then the earliest; null when none. */
  firstFailure(): Diagnostic | null {
    let best: PredictedFailure | undefined;
    for (const f of this.failures) if (best === undefined || f.phase < best.phase || (f.phase === best.phase && f.order < best.order)) best = f;
    return best?.diagnostic ?? null;
  }

  /** Whether a known divergence with this id was already reported at this range. */
  hasDivergenceAt(divergence: KnownDivergenceId, range: Range): boolean {
    return this.diagnostics.some((d) => isKnownDivergence(d) && d.divergence === divergence && d.range === range);
  }
}

/** Anything that carries the evaluation's sink (the evaluation context, a planning context). */
export interface WithSink {
  readonly sink: DiagnosticSink;
}

/** Records a diagnostic that does not fail the build. */
export function note(ctx: WithSink, code: NoticeCode, severity: Notice["severity"], message: string, range: Range | null): void {
  ctx.sink.diagnostics.push(notice(code, severity, message, range));
}

/**
 * Warns that a real build may differ from the prediction here, in one of the documented ways
 * ({@link KnownDivergenceId}); `builder` when only that builder is concerned.
 */
export function warnDivergence(ctx: WithSink, divergence: KnownDivergenceId, message: string, range: Range | null, builder?: Builder): void {
  ctx.sink.diagnostics.push(knownDivergence(divergence, message, range, builder));
}

/**
 * Records a failure a real build would stop at (see {@link DiagnosticSink.fail}); `state`, when
 * given, is the stage it stops (marked failed).
 */
export function fail(ctx: WithSink, phase: FailurePhase, code: BuildFailureCode, message: string, range: Range | null, state?: { failed: boolean }): void {
  ctx.sink.fail(phase, code, message, range);
  if (state !== undefined) state.failed = true;
}

/**
 * Records that a budget ran out: a `budget/exceeded` notice naming it, and the stage marked as
 * no longer exact from here (never a predicted failure). `realBuild` says what Docker does there
 * (by default it goes on).
 */
export function exceedBudget(ctx: WithSink, hit: BudgetHit, what: string, range: Range | null, state?: { budgetExceeded?: boolean }, realBuild = "a real build goes on"): void {
  ctx.sink.diagnostics.push(notice("budget/exceeded", "warning", `${budgetMessage(hit)} ${what}: the simulation does not know the result, and what depends on it is unknown (${realBuild})`, range));
  if (state !== undefined) state.budgetExceeded = true;
}
