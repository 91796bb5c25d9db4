import { budgetMessage, type BudgetHit, type Budgets } from "../core/budget.js";
import { notice } from "../core/diagnostic.js";
import type { Range } from "../core/range.js";
import { expandHeredocBody, expandWord, expandWords, type EscapeToken } from "../expand/index.js";
import type { ArchiveReader, BuildContext } from "../fs/context-types.js";
import type { Downloads } from "../fs/download/download.js";
import type { GitCheckouts, GitFetchRequest } from "../fs/git/checkout.js";
import type { Vfs } from "../fs/vfs/tree.js";
import { unknownImage, type BaseImage, type BaseImageResolver } from "../image/base-image.js";
import type { HistoryEntry } from "../image/history.js";
import type { InstructionSite, Origin } from "../image/origin.js";
import type { Instruction } from "../parse/instruction.js";
import { fail, type DiagnosticSink } from "./diagnostic-sink.js";
import { BUILDKIT_HISTORY_COMMENT, metadataCreatedBy } from "./history-text.js";
import type { StageState } from "./stage-state.js";

export { fail, note, warnDivergence, type DiagnosticSink, type PredictedFailure } from "./diagnostic-sink.js";
import type { PlannedStage } from "./stage-plan.js";
import { lookupVariable, type BuildInputs } from "./variables.js";

/** Build-wide state shared by every stage's evaluation. */
export interface EvalContext extends DiagnosticSink {
  readonly escape: EscapeToken;
  readonly inputs: BuildInputs;
  readonly resolver: BaseImageResolver;
  /** The build context COPY/ADD read from; null when the caller gave none (its files are then unknown). */
  readonly context: BuildContext | null;
  /** How ADD reads archives (the caller's, else the context's); null: whether a source is an archive is unknown. */
  readonly archives: ArchiveReader | null;
  /** BuildKit: every context source path of the build's COPY/ADD instructions (sent as include patterns). */
  readonly includePatterns: readonly string[];
  /** The final filesystem of each stage evaluated so far, by index (for `COPY --from`). */
  readonly stageFiles: Map<number, Vfs>;
  /** The planned stages (for resolving `COPY --from`). */
  readonly plannedStages: readonly PlannedStage[];
  /** What `ADD <url>` sources return, when the caller fetched them; undefined: nothing was fetched. */
  readonly downloads: Downloads | undefined;
  /** The URLs ADD instructions download, in build order (collected for {@link Evaluation.downloadUrls}). */
  readonly downloadUrls: Set<string>;
  /** What `ADD <git source>` checkouts hold, when the caller fetched them; undefined: nothing was fetched. */
  readonly gitCheckouts: GitCheckouts | undefined;
  /** The git sources BuildKit's ADD instructions clone, in build order (for {@link Evaluation.gitRequests}). */
  readonly gitRequests: GitFetchRequest[];
  /** The budgets in force (defaults with the caller's overrides). */
  readonly budgets: Budgets;
  /** The external images asked for so far, by normalized reference (for {@link Evaluation.images}). */
  readonly images: Map<string, BaseImage>;
}

/**
 * Records that a budget ran out: a `budget/exceeded` notice naming it, and the stage marked as
 * no longer exact from here (never a predicted failure: Docker would go on).
 */
export function exceedBudget(ctx: EvalContext, hit: BudgetHit, what: string, range: Range | null, state?: StageState): void {
  ctx.diagnostics.push(notice("budget/exceeded", "warning", `${budgetMessage(hit)} ${what}: the simulation does not know the result, and what depends on it is unknown (a real build goes on)`, range));
  if (state !== undefined) state.budgetExceeded = true;
}

/**
 * The external image a normalized reference names, asked of the resolver once per build and
 * recorded for {@link Evaluation.images}; an image the resolver does not know is {@link unknownImage}.
 */
export function resolveExternalImage(ctx: EvalContext, ref: string): BaseImage {
  let image = ctx.images.get(ref);
  if (image === undefined) {
    image = ctx.resolver.resolve(ref) ?? unknownImage(ref);
    ctx.images.set(ref, image);
  }
  return image;
}

/** Where an instruction is, for provenance. */
export function siteOf(state: StageState, i: Instruction): InstructionSite {
  const site: InstructionSite = { stage: state.label, keyword: i.keyword, line: i.line, range: i.range, text: i.original };
  return i.triggeredBy === undefined ? site : { ...site, triggeredBy: i.triggeredBy };
}

/** The origin "set by this instruction". */
export function byInstruction(state: StageState, i: Instruction): Origin {
  return { kind: "instruction", site: siteOf(state, i) };
}

function lookupIn(ctx: EvalContext, state: StageState) {
  return (name: string): string | undefined => lookupVariable(state.scope, state.config.Env, ctx.inputs, name)?.value;
}

/**
 * Expands one word with the variables in force, as the builder does for ENV, LABEL, WORKDIR…
 * On an expansion error, records Docker's message as a failure and returns `null`.
 */
export function expandIn(ctx: EvalContext, state: StageState, word: string, range: Range): string | null {
  const r = expandWord(word, lookupIn(ctx, state), { escape: ctx.escape, budgets: ctx.budgets });
  if (r.ok) return r.value;
  if (r.budget !== undefined) exceedBudget(ctx, r.budget, "expanding this word", range, state);
  else fail(ctx, 4, "build/expansion", r.error, range, state);
  return null;
}

/**
 * Expands a COPY/ADD heredoc body as BuildKit does (`expandHeredocBody`). On an expansion error,
 * records Docker's message as a failure (a budget that ran out: a notice) and returns `null`.
 */
export function expandHeredocIn(ctx: EvalContext, state: StageState, body: string, range: Range): string | null {
  const r = expandHeredocBody(body, lookupIn(ctx, state), ctx.budgets);
  if (r.ok) return r.value;
  if (r.budget !== undefined) exceedBudget(ctx, r.budget, "expanding this heredoc", range, state);
  else fail(ctx, 4, "build/expansion", r.error, range, state);
  return null;
}

/** Expands with word splitting (EXPOSE). */
export function expandWordsIn(ctx: EvalContext, state: StageState, word: string, range: Range): string[] | null {
  const r = expandWords(word, lookupIn(ctx, state), { escape: ctx.escape, budgets: ctx.budgets });
  if (r.ok) return r.words;
  if (r.budget !== undefined) exceedBudget(ctx, r.budget, "expanding this word", range, state);
  else fail(ctx, 4, "build/expansion", r.error, range, state);
  return null;
}

/** Appends a metadata (no-layer) history entry in the builder's format. */
export function commitMetadata(ctx: EvalContext, state: StageState, i: Instruction, text: string, workdirStyle = false): void {
  const shell = state.config.Shell.value ?? ["/bin/sh", "-c"];
  const entry: HistoryEntry = {
    created_by: metadataCreatedBy(ctx.builder, text, shell, workdirStyle),
    empty_layer: true,
    origin: byInstruction(state, i),
    ...(ctx.builder === "buildkit" ? { comment: BUILDKIT_HISTORY_COMMENT } : {}),
  };
  state.history.push(entry);
}

/** Appends a history entry that adds a layer. */
export function commitLayer(ctx: EvalContext, state: StageState, i: Instruction, createdBy: string, extra: Partial<HistoryEntry> = {}): void {
  state.history.push({
    created_by: createdBy,
    empty_layer: false,
    origin: byInstruction(state, i),
    ...(ctx.builder === "buildkit" ? { comment: BUILDKIT_HISTORY_COMMENT } : {}),
    ...extra,
  });
}
