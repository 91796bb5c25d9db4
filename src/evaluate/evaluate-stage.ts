/**
 * Evaluates one stage: its starting config, variables and files from its base, its ONBUILD
 * triggers, then its instructions in order.
 *
 * @module
 */
import { workTotal } from "../core/budget.js";
import { goQuote } from "../docker/go-quote.js";
import { parseImageReference } from "../docker/index.js";
import type { Vfs } from "../fs/vfs/tree.js";
import type { TracedConfig } from "../image/config.js";
import { historyEntries, historyList, type HistoryEntry, type HistoryList } from "../image/history.js";
import type { CopyInstruction, Instruction, RunInstruction } from "../parse/instruction.js";
import { mountSources, mountValues } from "../parse/run-mount.js";
import { recordStart, StepLog, type InstructionStep, type RecordedState } from "./instruction-steps.js";
import { resolveBase } from "./base-resolution.js";
import { chargeConfigEntries, type EvalContext } from "./context.js";
import { exceedBudget, fail, note } from "./diagnostic-sink.js";
import { resolveExternalImage } from "./external-images.js";
import { dispatchInstruction } from "./dispatch.js";
import { FailurePhase } from "./failure-phase.js";
import { configFromImage, configFromStage, scratchConfig, stageStartConfig } from "./initial-config.js";
import { parseTrigger, type Trigger } from "./onbuild.js";
import { copySourceOf } from "./copy-from.js";
import type { StageBase, StageState } from "./stage-state.js";
import { findStageByName } from "./stage-graph.js";
import type { PlannedStage } from "./stage-plan.js";
import { stageStartFiles } from "./stage-files.js";
import type { FilesTrack } from "./files-track.js";
import { emptyScope, scopeFromEnv, type VariableScope } from "./variables.js";

/** The outcome of one stage. */
export interface StageResult {
  readonly index: number;
  readonly name: string | null;
  /** The name, or the index as a string. */
  readonly label: string;
  readonly base: StageBase;
  readonly config: TracedConfig;
  /**
   * History entries added on top of the external base image (earlier stages' included), oldest
   * first. Made from {@link StageResult.historyList} on first read and cached (the same array
   * every time; do not change it). On the evaluator's results it is an accessor, which object
   * spread (`{ ...stage }`) does not copy.
   */
  readonly history: readonly HistoryEntry[];
  /**
   * The same history as a persistent list: this stage's own entries on top of the list of the
   * stage it was built `FROM`, shared rather than copied (so a `FROM <stage>` chain costs the same
   * per stage at any depth). Its `length` and `layers` need no array.
   */
  readonly historyList: HistoryList;
  /** Base image layers + non-empty history entries; `null` when the base image's layers are unknown. */
  readonly layers: number | null;
  /** The variables in force at the end of the stage. */
  readonly scope: VariableScope;
  /** Whether the stage's base image (or that of a stage it derives from) is unknown to the simulator. */
  readonly unknownBase: boolean;
  /**
   * Whether a budget stopped the stage: past it (or from its start, when taking over the stage it is
   * built FROM exceeded one) its state is what the simulation reached, not an answer.
   */
  readonly budgetExceeded: boolean;
  /** The stage's filesystem as far as the simulator knows it. */
  readonly files: Vfs;
  /** The state after the FROM and the base's ONBUILD triggers, before the stage's first instruction (read it with {@link stateOf}). */
  readonly start: RecordedState;
  /**
   * The state after each of the stage's own instructions, in order (fewer than its instructions
   * when a budget stopped the stage); read one with {@link stateOf}. Kept cheaply: while evaluating,
   * references to the config and variables (shared with the evaluation, not copied) and four list
   * lengths per instruction in flat arrays; on the evaluator's results this is an accessor that makes
   * the step objects on first read (so, like `history`, `{ ...stage }` does not copy it).
   */
  readonly steps: readonly InstructionStep[];
}

/**
 * A {@link StageResult} whose `history` array is made from `historyList` only when read: a
 * prototype accessor (shared by every stage, so a deep `FROM <stage>` chain keeps one small object
 * per stage). Being an accessor, `history` is not copied by `{ ...stage }`. It also keeps the ARGs
 * the stage declared, for a stage built on it (BuildKit's RUN `|N` prefix).
 */
export class EvaluatedStage implements StageResult {
  constructor(
    readonly index: number, readonly name: string | null, readonly label: string, readonly base: StageBase, readonly config: TracedConfig,
    readonly historyList: HistoryList, readonly layers: number | null, readonly scope: VariableScope, readonly unknownBase: boolean, readonly files: Vfs,
    /** The ARGs declared in the stage (inherited ones included): name to declared value. */
    readonly runArgs: ReadonlyMap<string, string | null>,
    /** What the evaluator tracked about the stage's files (for a stage built on it, and `COPY --from`). */
    readonly track: FilesTrack,
    readonly start: RecordedState,
    readonly budgetExceeded: boolean,
    /** The states after the stage's instructions, as recorded (see {@link StepLog}). */
    private readonly stepLog: StepLog,
  ) {}
  get history(): readonly HistoryEntry[] {
    return historyEntries(this.historyList);
  }
  /** The state after each of the stage's instructions (made from the log on first read; the same array every time). */
  get steps(): readonly InstructionStep[] {
    return this.stepLog.steps();
  }
}

/** Evaluates one planned stage, given the stages evaluated before it (by index). */
export function evaluateStage(ctx: EvalContext, s: PlannedStage, done: ReadonlyMap<number, EvaluatedStage>): EvaluatedStage {
  const label = s.name ?? String(s.index);
  const { base, stage } = resolveBase(ctx, ctx.plan.stages, s, ctx.plan.baseNames[s.index] ?? null, done);
  const rules = ctx.rules;
  let config: TracedConfig;
  let baseLayers: number | null;
  let triggers: Trigger[] = [];
  let inheritedScope: VariableScope | undefined;
  let runArgs = new Map<string, string | null>();
  let unknownBase = false;
  let os = "linux";
  // What a stage takes over from the stage it is built FROM is copied (its config entries, its
  // variables): a long chain of growing stages would cost the square of its length, so the
  // configEntries budget bounds it, and past it the stage is simulated on an unknown base.
  const takenOver = stage === undefined ? 0 : inheritedEntries(stage, rules.stageInheritsVariables);
  const overBudget = stage !== undefined && !chargeConfigEntries(ctx, Math.max(0, takenOver - FREE_INHERITED_ENTRIES));
  if (overBudget) {
    exceedBudget(ctx, { budget: "configEntries", limit: ctx.budgets.configEntries }, `taking over the config and variables of stage ${stage.label}`, s.fromRange);
    config = scratchConfig(ctx.builder);
    baseLayers = null;
    unknownBase = true;
  } else if (stage !== undefined) {
    config = configFromStage(stage.config, stage.label);
    ctx.work.entries += takenOver;
    baseLayers = stage.layers === null ? null : stage.layers - stage.historyList.layers;
    triggers = stage.config.OnBuild.map((e) => ({ expression: e.value, from: stage.label }));
    unknownBase = stage.unknownBase;
    if (rules.stageInheritsVariables) {
      inheritedScope = stage.scope;
      runArgs = new Map(stage.runArgs);
    }
  } else if (base.kind === "image") {
    config = configFromImage(base.image);
    baseLayers = base.image.layers;
    os = base.image.os;
    unknownBase = !base.image.known;
    triggers = config.OnBuild.map((e) => ({ expression: e.value, from: base.image.ref }));
    config = { ...config, OnBuild: [] };
  } else {
    config = scratchConfig(ctx.builder);
    baseLayers = 0;
  }
  const baseConfig = config;
  config = stageStartConfig(ctx.builder, config, os);
  const state: StageState = {
    index: s.index, name: s.name, label, base, config,
    scope: rules.variableScope === "state-env" ? scopeFromEnv(config.Env, inheritedScope) : emptyScope("declared-args"),
    // This stage's own entries; those of a stage it is built FROM stay in that stage's list.
    history: [], baseLayers, cmdSet: false, runArgs, failed: false, at: -1,
    ...stageStartFiles(base, overBudget || stage === undefined ? undefined : ctx.stageFiles.get(stage.index)),
  };
  for (const trigger of triggers) {
    const instr = parseTrigger(ctx, trigger, s);
    if (instr !== null) dispatchCounted(ctx, state, instr);
  }
  const start = recordStart(state);
  const steps = new StepLog(label, s.instructions);
  for (const i of s.instructions) {
    // Past a budget the stage's state is unknown: simulating on would present guesses as facts.
    if (state.budgetExceeded === true) break;
    if (workTotal(ctx.work) > ctx.budgets.work) {
      exceedBudget(ctx, { budget: "work", limit: ctx.budgets.work }, `before this ${i.keyword}`, i.range, state);
      break;
    }
    state.at = steps.length;
    if (i.keyword === "COPY") checkCopyFrom(ctx, state, i, done);
    else if (i.keyword === "RUN" && ctx.rules.readsRunMountSources) noteRunMountImages(ctx, i);
    dispatchCounted(ctx, state, i);
    steps.record(state);
  }
  // (Not for an image unknown to the simulator: its config is a stand-in, and the defaults keep the
  // two builders' stand-ins alike.)
  if (rules.emptyStageIsBaseImage && triggers.length === 0 && s.instructions.length === 0 && !(base.kind === "image" && !base.image.known)) state.config = baseConfig;
  const list = historyList(stage?.historyList ?? null, state.history);
  const layers = state.baseLayers === null ? null : state.baseLayers + list.layers;
  return new EvaluatedStage(s.index, s.name, label, base, state.config, list, layers, state.scope, unknownBase, state.files, state.runArgs, state.track, start, overBudget || state.budgetExceeded === true, steps);
}

/** Dispatches one instruction, counting it and the file changes it made in `ctx.work`. */
function dispatchCounted(ctx: EvalContext, state: StageState, i: Instruction): void {
  const files = state.files;
  const before = files.changeCount;
  ctx.work.instructions++;
  dispatchInstruction(ctx, state, i);
  ctx.work.files += Math.max(0, files.changeCount - before);
}

/** What a stage may take over from the stage it is built FROM without charging the configEntries budget. */
const FREE_INHERITED_ENTRIES = 128;

/**
 * The config entries (an EXPOSE span is one, however many ports it names) and variables a stage
 * built FROM `stage` takes over; the budget is charged what is beyond
 * {@link FREE_INHERITED_ENTRIES} (a chain of small stages is never charged).
 */
function inheritedEntries(stage: EvaluatedStage, withVariables: boolean): number {
  const c = stage.config;
  const n = c.Env.length + c.ExposedPorts.length + c.Volumes.length + c.Labels.length;
  const scope = stage.scope;
  const variables = scope.kind === "state-env" ? scope.state.size : scope.declared.size;
  return withVariables ? n + variables + stage.runArgs.size : n;
}

function checkCopyFrom(ctx: EvalContext, state: StageState, i: CopyInstruction, done: ReadonlyMap<number, StageResult>): void {
  const src = copySourceOf(ctx, state.index, i);
  if (src === null) return;
  if (src.kind === "error") {
    if (!ctx.rules.copyFromErrorsWhilePlanning) fail(ctx, FailurePhase.dispatch, "build/stage", src.message, i.range, state);
    return;
  }
  if (src.kind === "image") {
    noteCopyFromImage(ctx, state, i, src.ref);
    return;
  }
  if (src.kind === "stage" && ctx.rules.copyFromNeedsEarlierStage && !done.has(src.index) && src.index !== state.index) {
    fail(ctx, FailurePhase.dispatch, "build/stage", `cannot copy from stage ${goQuote(i.from ?? "")}, it needs to be defined before current stage ${goQuote(state.name ?? `stage-${state.index}`)}`, i.range, state);
  }
}

/**
 * `COPY --from=<image>`: an external image, which the build uses from the engine or pulls. Unknown
 * to the simulator unless a resolver knows it, so its files are unknown and the build succeeds only
 * if the image can be had; said in an `image/unknown` notice. The classic builder looks for a stage
 * name only among the stages before the current one, so a later stage's name or the current stage's
 * own (`FROM x AS me` + `COPY --from=me`) is an image reference to it (verified on 28.5: it pulls
 * `docker.io/library/me:latest` and, where that fails, stops with `invalid from flag value me: <the
 * pull's error>`; spec/fixtures/engine-28.5/copy-from-image.json).
 */
function noteCopyFromImage(ctx: EvalContext, state: StageState, i: CopyInstruction, from: string): void {
  const ref = parseImageReference(from);
  if (!ref.ok || resolveExternalImage(ctx, ref.value.normalized).known) return;
  const planned = ctx.plan.stages;
  const stage = ctx.rules.copyFromSeesEarlierStagesOnly ? findStageByName(planned, from) : undefined;
  const why = stage === undefined
    ? ""
    : stage === state.index
      ? ` (not this stage: the classic builder looks up --from names only among earlier stages, so this stage's own name is an image reference)`
      : ` (not stage ${JSON.stringify(planned[stage]!.name)}: the classic builder looks up --from names only among earlier stages, and that one comes later)`;
  const fails = ctx.rules.copyFromImagePullFailure(from, ref.value.normalized);
  note(ctx, "image/unknown", "warning", `COPY --from=${from} on line ${i.line} copies from the image ${ref.value.familiar}${why}, which is unknown to the simulator: its files are unknown, and the build uses the engine's copy of it or pulls it, failing where it cannot ("${fails}")`, i.range);
}

/**
 * `RUN --mount=from=<image>` (BuildKit: a `from` that names no stage is an image, `from=0` included):
 * the build uses the engine's copy of the image or pulls it (verified on 28.5 with `--network=none`:
 * `0: failed to resolve source metadata for docker.io/library/0:latest: …`), which the simulator cannot
 * know unless a resolver has the image; said in an `image/unknown` notice.
 */
function noteRunMountImages(ctx: EvalContext, i: RunInstruction): void {
  for (const from of mountSources(mountValues(i.flags))) {
    if (from === "scratch" || findStageByName(ctx.plan.stages, from) !== undefined) continue;
    const ref = parseImageReference(from);
    if (!ref.ok || resolveExternalImage(ctx, ref.value.normalized).known) continue;
    note(ctx, "image/unknown", "warning", `RUN --mount=from=${from} on line ${i.line} mounts the image ${ref.value.familiar}, which is unknown to the simulator: the build uses the engine's copy of it or pulls it, failing where it cannot ("${from}: failed to resolve source metadata for ${ref.value.normalized}: <the pull's error>")`, i.range);
  }
}
