import type { Range } from "../core/range.js";
import { expandHeredocBody, expandWord, expandWords, type VariableLookup } from "../expand/index.js";
import type { ArchiveReader, BuildContext } from "../fs/context-types.js";
import type { Downloads } from "../fs/download/download.js";
import type { GitCheckouts, GitFetchRequest } from "../fs/git/checkout.js";
import type { Vfs } from "../fs/vfs/tree.js";
import type { StageFiles } from "./files-track.js";
import type { BaseImage, BaseImageResolver } from "../image/base-image.js";
import type { HistoryEntry } from "../image/history.js";
import type { InstructionSite, Origin } from "../image/origin.js";
import type { Instruction } from "../parse/instruction.js";
import { exceedBudget, fail } from "./diagnostic-sink.js";
import type { ImageLookup } from "./external-images.js";
import { FailurePhase } from "./failure-phase.js";
import type { BuildPlan } from "./plan.js";
import type { PlanningContext } from "./planning-context.js";
import type { StageState } from "./stage-state.js";

export { exceedBudget, fail, note, warnDivergence, type PredictedFailure } from "./diagnostic-sink.js";
export { resolveExternalImage } from "./external-images.js";
export type { PlanningContext } from "./planning-context.js";
import { lookupVariable, type BuildInputs } from "./variables.js";

/** Build-wide state shared by every stage's evaluation: the immutable plan, the inputs, and the sink. */
export interface EvalContext extends PlanningContext, ImageLookup {
  /** The plan, computed once before any stage is evaluated. */
  readonly plan: BuildPlan;
  /** Build arguments and the global ARGs after evaluation. */
  readonly inputs: BuildInputs;
  readonly resolver: BaseImageResolver;
  /** The build context COPY/ADD read from; null when the caller gave none (its files are then unknown). */
  readonly context: BuildContext | null;
  /** How ADD reads archives (the caller's, else the context's); null: whether a source is an archive is unknown. */
  readonly archives: ArchiveReader | null;
  /** The final filesystem of each stage evaluated so far, by index (for `COPY --from`). */
  readonly stageFiles: Map<number, StageFiles>;
  /** What `ADD <url>` sources return, when the caller fetched them; undefined: nothing was fetched. */
  readonly downloads: Downloads | undefined;
  /** The URLs ADD instructions download, in build order (collected for {@link Evaluation.downloadUrls}). */
  readonly downloadUrls: Set<string>;
  /** What `ADD <git source>` checkouts hold, when the caller fetched them; undefined: nothing was fetched. */
  readonly gitCheckouts: GitCheckouts | undefined;
  /** The git sources BuildKit's ADD instructions clone, in build order (for {@link Evaluation.gitRequests}). */
  readonly gitRequests: GitFetchRequest[];
  /** The external images asked for so far, by normalized reference (for {@link Evaluation.images}). */
  readonly images: Map<string, BaseImage>;
  /** The filesystem made from each external image's supplied files, once per image (read-only: COPY only reads it). */
  readonly imageFileSystems: Map<BaseImage, Vfs>;
  /** What the build has used of the budgets counted across stages. */
  readonly usage: { configEntries: number };
}

/**
 * Charges `n` config entries to the `configEntries` budget; false (nothing charged) when they do
 * not fit, and the caller then says the result is unknown.
 */
export function chargeConfigEntries(ctx: EvalContext, n: number): boolean {
  if (ctx.usage.configEntries + n > ctx.budgets.configEntries) return false;
  ctx.usage.configEntries += n;
  return true;
}

/** Where an instruction is, for provenance. */
export function siteOf(state: StageState, i: Instruction): InstructionSite {
  const site: InstructionSite = i.keyword === "RUN" || i.keyword === "CMD" || i.keyword === "ENTRYPOINT"
    ? { stage: state.label, keyword: i.keyword, line: i.line, range: i.range, text: i.original, index: state.at, form: i.command.form }
    : { stage: state.label, keyword: i.keyword, line: i.line, range: i.range, text: i.original, index: state.at };
  return i.triggeredBy === undefined ? site : { ...site, triggeredBy: i.triggeredBy };
}

/** The origin "set by this instruction". */
export function byInstruction(state: StageState, i: Instruction): Origin {
  return { kind: "instruction", site: siteOf(state, i) };
}

function lookupIn(ctx: EvalContext, state: StageState): VariableLookup {
  return (name: string): string | undefined => lookupVariable(state.scope, state.config.Env, ctx.inputs, name)?.value;
}

/**
 * Expands one word with the variables in force, as the builder does for ENV, LABEL, WORKDIR…
 * On an expansion error, records Docker's message as a failure and returns `null`.
 */
export function expandIn(ctx: EvalContext, state: StageState, word: string, range: Range): string | null {
  const r = expandWord(word, lookupIn(ctx, state), ctx.expand);
  if (r.ok) return r.value;
  if (r.budget !== undefined) exceedBudget(ctx, r.budget, "expanding this word", range, state);
  else fail(ctx, FailurePhase.dispatch, "build/expansion", r.error, range, state);
  return null;
}

/**
 * Expands a COPY/ADD heredoc body as BuildKit does (`expandHeredocBody`). On an expansion error,
 * records Docker's message as a failure (a budget that ran out: a notice) and returns `null`.
 */
export function expandHeredocIn(ctx: EvalContext, state: StageState, body: string, range: Range): string | null {
  const r = expandHeredocBody(body, lookupIn(ctx, state), ctx.budgets, ctx.work);
  if (r.ok) return r.value;
  if (r.budget !== undefined) exceedBudget(ctx, r.budget, "expanding this heredoc", range, state);
  else fail(ctx, FailurePhase.dispatch, "build/expansion", r.error, range, state);
  return null;
}

/** Expands with word splitting (EXPOSE). */
export function expandWordsIn(ctx: EvalContext, state: StageState, word: string, range: Range): string[] | null {
  const r = expandWords(word, lookupIn(ctx, state), ctx.expand);
  if (r.ok) return r.words;
  if (r.budget !== undefined) exceedBudget(ctx, r.budget, "expanding this word", range, state);
  else fail(ctx, FailurePhase.dispatch, "build/expansion", r.error, range, state);
  return null;
}

/**
 * Appends a metadata (no-layer) history entry in the builder's format. `text` may be a function
 * that makes the text when the entry's `created_by` is first read (for texts that grow with what
 * an instruction names rather than with its characters).
 */
export function commitMetadata(ctx: EvalContext, state: StageState, i: Instruction, text: string | (() => string), workdirStyle = false): void {
  const shell = state.config.Shell.value ?? ["/bin/sh", "-c"];
  const origin = byInstruction(state, i);
  if (typeof text === "function") {
    // Written out when first read (an `EXPOSE 0-65535` lists 65,536 ports): an own enumerable
    // getter, so spreading or serialising the entry reads it like a plain field.
    const rules = ctx.rules;
    let createdBy: string | undefined;
    state.history.push({
      get created_by() {
        return (createdBy ??= rules.metadataCreatedBy(text(), shell, workdirStyle));
      },
      empty_layer: true,
      origin,
      ...historyComment(ctx),
    });
    return;
  }
  state.history.push({ created_by: ctx.rules.metadataCreatedBy(text, shell, workdirStyle), empty_layer: true, origin, ...historyComment(ctx) });
}

/** Appends a history entry that adds a layer. */
export function commitLayer(ctx: EvalContext, state: StageState, i: Instruction, createdBy: string, extra: Partial<HistoryEntry> = {}): void {
  state.history.push({
    created_by: createdBy,
    empty_layer: false,
    origin: byInstruction(state, i),
    ...historyComment(ctx),
    ...extra,
  });
}

function historyComment(ctx: EvalContext): { comment?: string } {
  const comment = ctx.rules.historyComment;
  return comment === undefined ? {} : { comment };
}
