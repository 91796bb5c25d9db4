import { goQuote } from "../docker/go-quote.js";
import type { Builder } from "../core/builder.js";
import { budgetsOf, type Budgets } from "../core/budget.js";
import type { Diagnostic } from "../core/diagnostic.js";
import { withSuggestion } from "../core/suggest.js";
import { parseImageReference } from "../docker/index.js";
import { expandWord } from "../expand/index.js";
import { unknownImage, type BaseImage, type BaseImageResolver } from "../image/base-image.js";
import type { Vfs } from "../fs/vfs/tree.js";
import type { Downloads } from "../fs/download/download.js";
import type { GitCheckouts, GitFetchRequest } from "../fs/git/checkout.js";
import type { ArchiveReader, BuildContext } from "../fs/context-types.js";
import type { TracedConfig } from "../image/config.js";
import { historyEntries, historyList, type HistoryEntry, type HistoryList } from "../image/history.js";
import type { Instruction } from "../parse/instruction.js";
import { parseDockerfile, type ParsedDockerfile } from "../parse/parse-dockerfile.js";
import { exceedBudget, fail, note, resolveExternalImage, type EvalContext, type PredictedFailure } from "./context.js";
import { checkContextProblems } from "./context-problems.js";
import { dispatchInstruction } from "./dispatch.js";
import { evaluateGlobalArgs, type Platform } from "./global-args.js";
import { configFromImage, configFromStage, scratchConfig, stageStartConfig } from "./initial-config.js";
import type { StageBase, StageState } from "./stage-state.js";
import { findCycle, findStageByName, reachableStages, resolveCopyFrom } from "./stage-graph.js";
import { planStages, type PlannedStage } from "./stage-plan.js";
import { contextSourcePatterns, resolveContext, stageStartFiles, type ContextOption } from "./stage-files.js";
import { emptyScope, scopeFromEnv, type VariableInForce, type VariableScope } from "./variables.js";

/** Build options, read as `docker build` takes them. */
export interface BuildOptions {
  /** Which builder to follow; default `buildkit`. */
  readonly builder?: Builder;
  /** `--build-arg K=V` values. */
  readonly buildArgs?: Readonly<Record<string, string>> | ReadonlyMap<string, string>;
  /** `--target`; default the last stage. */
  readonly target?: string;
  /** Supplies external base images; unknown images are simulated as empty and reported. */
  readonly resolver?: BaseImageResolver;
  /** The target platform; default `linux/amd64`. */
  readonly platform?: Platform;
  /** The Dockerfile's name for the classic builder's messages; default `Dockerfile`. */
  readonly dockerfileName?: string;
  /**
   * The build context COPY and ADD read from: a context, or a function giving the context as a
   * builder sees it (`.dockerignore` handling differs). Without one, context files are unknown.
   */
  readonly context?: ContextOption;
  /**
   * How ADD reads archives, when the build context has no reader of its own (a custom
   * {@link BuildContext}) or for downloads without a context: `ARCHIVE_READER`. Without either,
   * whether an ADD source is an archive is reported as unknown.
   */
  readonly archives?: ArchiveReader;
  /**
   * What the URLs of `ADD <url>` sources return, as a real build would download them (see
   * {@link fetchDownloads}). The simulator never fetches by itself: a URL missing here is reported
   * as not fetched, and the file it would write as unknown.
   */
  readonly downloads?: Downloads;
  /**
   * The budgets that bound time and memory on any input . One that
   * runs out gives a `budget/exceeded` notice naming it, and the result it stopped is unknown, never
   * a predicted failure. Defaults: `DEFAULT_BUDGETS`.
   */
  readonly budgets?: Partial<Budgets>;
  /** What the git repositories of `ADD <git source>` hold (see `fetchGitSources` of `dockerfile-semantics/node`); without them their contents are unknown. */
  readonly gitCheckouts?: GitCheckouts;
}

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
  /** The stage's filesystem as far as the simulator knows it. */
  readonly files: Vfs;
}

/** The outcome of evaluating a Dockerfile. */
export interface Evaluation {
  readonly builder: Builder;
  readonly parsed: ParsedDockerfile;
  /** The stages that were evaluated (BuildKit: the ones the target needs; classic: every stage up to the target). */
  readonly stages: readonly StageResult[];
  readonly target: StageResult | null;
  /** The global ARGs after evaluation. */
  readonly globals: ReadonlyMap<string, VariableInForce>;
  /** The error a real build would stop with, or null when it would succeed. */
  readonly error: Diagnostic | null;
  readonly diagnostics: readonly Diagnostic[];
  /** The URLs the evaluated `ADD` instructions download (expanded, each once, in build order), fetched or not. */
  readonly downloadUrls: readonly string[];
  /**
   * The external images the evaluated stages use (`FROM <image>` and `COPY --from=<image>`), each
   * once, in build order, as the resolver answered (`source: "unknown"` when it did not know one).
   */
  readonly images: readonly BaseImage[];
  /** The git sources BuildKit's ADD instructions clone (what `fetchGitSources` fetches). */
  readonly gitRequests: readonly GitFetchRequest[];
}

const DEFAULT_PLATFORM: Platform = { os: "linux", architecture: "amd64" };

function toMap(v: BuildOptions["buildArgs"]): Map<string, string> {
  if (v === undefined) return new Map();
  return v instanceof Map ? new Map(v) : new Map(Object.entries(v as Record<string, string>));
}

function firstFailure(failures: readonly PredictedFailure[]): Diagnostic | null {
  let best: PredictedFailure | undefined;
  for (const f of failures) if (best === undefined || f.phase < best.phase || (f.phase === best.phase && f.order < best.order)) best = f;
  return best?.diagnostic ?? null;
}

/**
 * Evaluates a Dockerfile as the chosen builder of Docker Engine 28.5 would build it, without
 * building: every stage's image config with provenance, the history and layer count, and the
 * error a real build would stop with. Never throws.
 *
 * @example
 * ```ts
 * const ev = evaluateDockerfile('FROM scratch\nENTRYPOINT ["/app"]\nCMD ["--help"]\n');
 * ev.target?.config.Entrypoint.value; // ["/app"]
 * ```
 */
export function evaluateDockerfile(text: string, options: BuildOptions = {}): Evaluation {
  const builder = options.builder ?? "buildkit";
  const parsed = parseDockerfile(text);
  const context = resolveContext(options.context, builder);
  const ctx: EvalContext = {
    builder,
    escape: parsed.escape,
    inputs: { buildArgs: toMap(options.buildArgs), globals: new Map() },
    resolver: options.resolver ?? { resolve: () => undefined },
    diagnostics: [],
    failures: [],
    step: 0,
    context,
    archives: options.archives ?? context?.archives ?? null,
    includePatterns: [],
    stageFiles: new Map(),
    plannedStages: [],
    downloads: options.downloads,
    downloadUrls: new Set(),
    budgets: budgetsOf(options.budgets),
    images: new Map(),
    gitCheckouts: options.gitCheckouts,
    gitRequests: [],
  };
  const done = (stages: StageResult[], target: StageResult | null, globals: ReadonlyMap<string, VariableInForce>): Evaluation => ({
    builder, parsed, stages, target, globals, error: firstFailure(ctx.failures), diagnostics: ctx.diagnostics, downloadUrls: [...ctx.downloadUrls], images: [...ctx.images.values()], gitRequests: ctx.gitRequests,
  });
  if (text.length === 0) {
    fail(ctx, 0, "build/empty-dockerfile", builder === "buildkit" ? "the Dockerfile cannot be empty" : `the Dockerfile (${options.dockerfileName ?? "Dockerfile"}) cannot be empty`, null);
    return done([], null, new Map());
  }
  noteDirectives(ctx, parsed);
  const plan = planStages(ctx, parsed);
  const planned = plan.stages;
  (ctx as { plannedStages: readonly PlannedStage[] }).plannedStages = planned;
  if (planned.length === 0) {
    // BuildKit says so; the classic builder's daemon panics and the CLI reports the cut stream (verified on 28.5).
    if (parsed.entries.length > 0 && ctx.failures.length === 0) fail(ctx, 3, "build/no-stages", builder === "buildkit" ? "dockerfile contains no stages to build" : "unexpected EOF", null);
    return done([], null, new Map());
  }

  // --target
  let targetIndex = planned.length - 1;
  if (options.target !== undefined && options.target !== "") {
    const t = findStageByName(planned, options.target);
    if (t === undefined) {
      const names = planned.map((s) => s.name).filter((n): n is string => n !== null);
      // Only BuildKit adds a suggestion; the classic builder says just this (verified on 28.5.2, doc F).
      const message = `target stage ${goQuote(options.target)} could not be found`;
      fail(ctx, 3, "build/target", builder === "buildkit" ? withSuggestion(message, options.target, names, true) : message, null);
      return done([], null, new Map());
    }
    targetIndex = t;
  }
  const targetName = options.target ?? planned[planned.length - 1]!.name ?? "";
  const globals = evaluateGlobalArgs(ctx, plan.metaArgs, ctx.inputs.buildArgs, options.platform ?? DEFAULT_PLATFORM, targetName, parsed.escape);
  (ctx.inputs as { globals: ReadonlyMap<string, VariableInForce> }).globals = globals;

  // FROM names (expanded with the global ARGs) and the dependency graph
  const baseNames = planned.map((s) => resolveFromName(ctx, s, globals));
  const deps = new Map<number, Set<number>>();
  for (const s of planned) {
    const set = new Set<number>();
    const base = baseNames[s.index];
    if (base !== null && base !== undefined && builder === "buildkit") {
      const b = findStageByName(planned, base, s.index);
      if (b !== undefined && planned[b]!.name === base) set.add(b);
    }
    for (const i of s.instructions) {
      if (i.keyword !== "COPY") continue;
      const src = resolveCopyFrom(builder, planned, s.index, i);
      if (src?.kind === "stage") set.add(src.index);
      else if (src?.kind === "error" && builder === "buildkit") fail(ctx, 3, "build/stage", src.message, i.range);
    }
    deps.set(s.index, set);
  }
  if (builder === "buildkit") {
    const cyc = findCycle(planned.length, deps);
    if (cyc !== undefined) fail(ctx, 3, "build/stage", `circular dependency detected on stage: ${planned[cyc]!.name ?? `stage-${cyc}`}`, planned[cyc]!.fromRange);
    checkBuildkitBaseNames(ctx, planned, baseNames);
  }
  const toBuild = builder === "buildkit" ? reachableStages(targetIndex, deps) : new Set(planned.slice(0, targetIndex + 1).map((s) => s.index));
  // BuildKit transfers only the paths the stages it builds name (a stage the target does not need
  // adds none: verified on 28.5, gen-unreachable-stage-include-pattern).
  (ctx as { includePatterns: readonly string[] }).includePatterns = contextSourcePatterns(planned.filter((s) => toBuild.has(s.index)), (n) => globals.get(n)?.value ?? ctx.inputs.buildArgs.get(n), parsed.escape);
  checkContextProblems(ctx);

  // Stages, in file order
  const results: StageResult[] = [];
  const byIndex = new Map<number, StageResult>();
  const seenNames = new Set<string>();
  for (const s of planned) {
    if (!toBuild.has(s.index)) continue;
    if (builder === "legacy" && s.name !== null) {
      if (seenNames.has(s.name)) fail(ctx, 4, "build/stage", `${s.name} stage name already used`, s.fromRange);
      seenNames.add(s.name);
    }
    const r = evaluateStage(ctx, s, baseNames[s.index] ?? null, planned, byIndex);
    results.push(r);
    ctx.stageFiles.set(s.index, r.files);
    byIndex.set(s.index, r);
  }
  const target = byIndex.get(targetIndex) ?? null;
  // Classic builder: a stage that dispatches nothing is its base's image (D6 below), so an empty
  // target whose chain of empty stages ends at scratch has no image at all (verified on 28.5.2:
  // `FROM scratch`, `FROM scratch AS a` + `FROM a`, and `FROM scratch AS a` + `FROM a AS b` + `FROM b`
  // all fail so; a LABEL anywhere in the chain builds). moby builder/dockerfile/builder.go `(*Builder).build`:
  // `state.imageID == ""` after the last stage.
  if (builder === "legacy" && target !== null && target.historyList.length === 0 && planned[targetIndex]!.instructions.length === 0 && rootBase(target, byIndex).kind === "scratch") {
    fail(ctx, 5, "build/no-stages", "No image was generated. Is your Dockerfile empty?", null);
  }
  return done(results, target, globals);
}

/** The base a stage's chain of `FROM <stage>` ends at (an image or scratch). */
function rootBase(stage: StageResult, byIndex: ReadonlyMap<number, StageResult>): StageBase {
  let s = stage;
  for (let guard = 0; s.base.kind === "stage" && guard < 10_000; guard++) {
    const parent = byIndex.get(s.base.index);
    if (parent === undefined) break;
    s = parent;
  }
  return s.base;
}

/**
 * BuildKit parses the base name of every stage that is not built on another stage, reachable from
 * the target or not, before it converts any instruction (vendored buildkit
 * frontend/dockerfile/dockerfile2llb/convert.go, `resolveReachableStages`: `reference.ParseNormalizedNamed`
 * for each state without a base, wrapped as `failed to parse stage name %q`). Verified on 28.5.2:
 * `FROM oracle/busybox AS base` / `FROM Base` / `FROM oracle/busybox` fails so, though the target
 * does not need stage 1. The classic builder reports an invalid name only in the stages it builds
 * (every stage up to the target), in {@link resolveBase}.
 */
function checkBuildkitBaseNames(ctx: EvalContext, planned: readonly PlannedStage[], baseNames: readonly (string | null)[]): void {
  for (const s of planned) {
    const name = baseNames[s.index];
    if (name === null || name === undefined || name === "scratch") continue;
    const b = findStageByName(planned, name, s.index);
    if (b !== undefined && planned[b]!.name === name) continue;
    const ref = parseImageReference(name);
    if (!ref.ok) fail(ctx, BUILDKIT_STAGE_NAME_PHASE, "build/stage", `failed to parse stage name ${goQuote(name)}: ${ref.error}`, s.from?.image.range ?? s.fromRange);
  }
}

/** BuildKit parses stage names after the stage graph is checked (phase 3) and before any instruction is converted (phase 4). */
const BUILDKIT_STAGE_NAME_PHASE = 3.5;

/**
 * What each builder does with the directives and lines the simulator does not model further:
 * BuildKit runs the frontend a `# syntax=` names (here: the one built into Docker 28.5 is
 * simulated), lints with `# check=`, and warns about blank lines inside continuations.
 */
function noteDirectives(ctx: EvalContext, parsed: ParsedDockerfile): void {
  for (const d of parsed.directives) {
    if (d.name === "syntax") {
      note(ctx, "syntax/frontend-ignored", "info", ctx.builder === "buildkit"
        ? `BuildKit would fetch and run the frontend ${d.value}; the simulation follows the Dockerfile frontend built into Docker 28.5 (BuildKit v0.25)`
        : "the classic builder ignores the syntax directive", d.range);
    } else if (d.name === "check" && ctx.builder === "buildkit") {
      note(ctx, "syntax/frontend-ignored", "info", `BuildKit runs its build checks with ${d.value}; the simulator does not run them`, d.range);
    }
  }
  if (ctx.builder === "buildkit") {
    for (const r of parsed.emptyContinuations) note(ctx, "syntax/empty-continuation", "warning", "Empty continuation line found (BuildKit check NoEmptyContinuation): a blank line inside a continued instruction is skipped, and will become an error", r);
  }
}

const LEGACY_EMPTY_PLATFORM =
  'failed to parse platform : "" is an invalid OS component of "": OSAndVersion specifier component must match "^([A-Za-z0-9_-]+)(?:\\\\(([A-Za-z0-9_.%-]*)((?:\\\\+[A-Za-z0-9_.%-]+)*)\\\\))?$": invalid argument';

function resolveFromName(ctx: EvalContext, s: PlannedStage, globals: ReadonlyMap<string, VariableInForce>): string | null {
  if (s.from === null) return null;
  const raw = s.from.image.value;
  const r = expandWord(raw, (n) => globals.get(n)?.value, { escape: ctx.escape, budgets: ctx.budgets });
  if (!r.ok) {
    if (r.budget !== undefined) exceedBudget(ctx, r.budget, "expanding the FROM image name", s.from.range);
    else fail(ctx, 3, "build/expansion", r.error, s.from.range);
    return null;
  }
  if (r.value === "") {
    fail(ctx, 3, "build/stage", `base name (${raw}) should not be blank`, s.from.image.range);
    return null;
  }
  if (s.from.platform !== null) {
    const p = expandWord(s.from.platform, (n) => globals.get(n)?.value, { escape: ctx.escape, budgets: ctx.budgets });
    if (!p.ok && p.budget !== undefined) exceedBudget(ctx, p.budget, "expanding --platform", s.from.range);
    else if (!p.ok) fail(ctx, 3, "build/expansion", `failed to process arguments for platform ${s.from.platform}: ${p.error}`, s.from.range);
    // The classic builder has no automatic platform ARGs, so `--platform=$BUILDPLATFORM` expands to "" and
    // containerd's platforms.Parse rejects it (verified on 28.5.2, doc C.6). Only the empty case is modelled.
    else if (ctx.builder === "legacy" && p.value === "") fail(ctx, 3, "build/invalid-value", LEGACY_EMPTY_PLATFORM, s.from.range);
  }
  return r.value;
}

function resolveBase(ctx: EvalContext, s: PlannedStage, name: string | null, planned: readonly PlannedStage[], done: ReadonlyMap<number, StageResult>): { base: StageBase; stage?: StageResult } {
  if (name === null) return { base: { kind: "image", image: unknownImage("(unknown)") } };
  const stageIndex = findStageByName(planned, name, s.index);
  const matches = stageIndex !== undefined && (ctx.builder === "legacy" || planned[stageIndex]!.name === name);
  if (matches) {
    const st = done.get(stageIndex);
    if (st !== undefined) return { base: { kind: "stage", stage: st.label, index: stageIndex }, stage: st };
  }
  if (name.toLowerCase() === "scratch" && (ctx.builder === "legacy" || name === "scratch")) return { base: { kind: "scratch" } };
  const ref = parseImageReference(name);
  const range = s.from?.image.range ?? s.fromRange;
  if (!ref.ok) {
    // BuildKit's failure is recorded for every stage up front (checkBuildkitBaseNames).
    if (ctx.builder === "legacy") fail(ctx, 4, "build/stage", ref.error, range);
    return { base: { kind: "image", image: unknownImage(name) } };
  }
  const image = resolveExternalImage(ctx, ref.value.normalized);
  if (!image.known) {
    note(ctx, "image/unknown", "warning", `base image ${ref.value.familiar} is unknown to the simulator: its config is taken as empty (supply it with --image ${ref.value.familiar}=FILE)`, range);
  }
  return { base: { kind: "image", image } };
}

function evaluateStage(ctx: EvalContext, s: PlannedStage, name: string | null, planned: readonly PlannedStage[], done: ReadonlyMap<number, StageResult>): StageResult {
  const label = s.name ?? String(s.index);
  const { base, stage } = resolveBase(ctx, s, name, planned, done);
  let config: TracedConfig;
  // This stage's own entries; those of a stage it is built FROM stay in that stage's list.
  const history: HistoryEntry[] = [];
  let baseLayers: number | null;
  let triggers: { expression: string; from: string }[] = [];
  let inheritedScope: VariableScope | undefined;
  let runArgs = new Map<string, string | null>();
  let unknownBase = false;
  let os = "linux";
  if (stage !== undefined) {
    config = configFromStage(stage.config, stage.label);
    baseLayers = stage.layers === null ? null : stage.layers - stage.historyList.layers;
    triggers = stage.config.OnBuild.map((e) => ({ expression: e.value, from: stage.label }));
    unknownBase = stage.unknownBase;
    if (ctx.builder === "buildkit") {
      // BuildKit's `dispatchState.init` (vendored buildkit dockerfile2llb/convert.go): a stage on a
      // stage starts from the parent's LLB state (its env: ENV and ARG values) and appends the
      // parent's `buildArgs` (every ARG it declared, with the value resolved then, nil when none)
      // to its own, so they count in RUN's `|N` prefix (verified on 28.5.2: a valueless `ARG A` in
      // the parent gives the child's RUN `|1 A= …`).
      inheritedScope = stage.scope;
      runArgs = new Map(RUN_ARGS.get(stage));
    }
  } else if (base.kind === "scratch") {
    config = scratchConfig(ctx.builder);
    baseLayers = 0;
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
    scope: ctx.builder === "buildkit" ? scopeFromEnv("buildkit", config.Env, inheritedScope) : emptyScope("legacy"),
    history, baseLayers, cmdSet: false, runArgs, failed: false,
    files: stageStartFiles(base, stage?.files),
  };
  for (const trig of triggers) {
    const instr = parseTrigger(ctx, trig.expression, trig.from, s);
    if (instr !== null) dispatchInstruction(ctx, state, instr);
  }
  for (const i of s.instructions) {
    // Past a budget the stage's state is unknown: simulating on would present guesses as facts.
    if (state.budgetExceeded === true) break;
    if (i.keyword === "COPY") checkCopyFrom(ctx, state, i, planned, done);
    dispatchInstruction(ctx, state, i);
  }
  // (Not for an image unknown to the simulator: its config is a stand-in, and the defaults keep the
  // two builders' stand-ins alike.)
  if (ctx.builder === "legacy" && triggers.length === 0 && s.instructions.length === 0 && !(base.kind === "image" && !base.image.known)) {
    // The classic builder commits nothing for a stage that dispatches nothing, and the stage's image
    // is its base's image as is: Author kept, no default PATH added (verified on 28.5.2: `FROM b`
    // after `MAINTAINER x` in stage b gives Author x; `FROM <image without PATH>` alone gives the
    // image itself, same ID). moby builder/dockerfile/builder.go: the stage's `imageID` is only
    // replaced by a commit.
    state.config = baseConfig;
  }
  const list = historyList(stage?.historyList ?? null, state.history);
  const layers = state.baseLayers === null ? null : state.baseLayers + list.layers;
  const result = new EvaluatedStage(s.index, s.name, label, base, state.config, list, layers, state.scope, unknownBase, state.files);
  RUN_ARGS.set(result, state.runArgs);
  return result;
}

/** BuildKit: the ARGs each evaluated stage declared (inherited ones included), for stages built on it. */
const RUN_ARGS = new WeakMap<StageResult, ReadonlyMap<string, string | null>>();

/**
 * A {@link StageResult} whose `history` array is made from `historyList` only when read: a
 * prototype accessor (shared by every stage, so a deep `FROM <stage>` chain keeps one small object
 * per stage). Being an accessor, `history` is not copied by `{ ...stage }`.
 */
class EvaluatedStage implements StageResult {
  constructor(
    readonly index: number, readonly name: string | null, readonly label: string, readonly base: StageBase, readonly config: TracedConfig,
    readonly historyList: HistoryList, readonly layers: number | null, readonly scope: VariableScope, readonly unknownBase: boolean, readonly files: Vfs,
  ) {}
  get history(): readonly HistoryEntry[] {
    return historyEntries(this.historyList);
  }
}

function parseTrigger(ctx: EvalContext, expression: string, from: string, s: PlannedStage): Instruction | null {
  const parsed = parseDockerfile(expression);
  const entry = parsed.entries[0];
  if (parsed.entries.length !== 1 || entry === undefined) {
    fail(ctx, 4, "build/onbuild", "onbuild trigger should be a single expression", s.fromRange);
    return null;
  }
  if (!entry.ok) {
    const f = entry.failures[0]!;
    // A trigger's parse error is reported bare, without `dockerfile parse error on line N: `, by both builders
    // (verified on 28.5.2: `ONBUILD FOO x` triggered by `FROM s` fails with `unknown instruction: FOO (did you mean FROM?)`).
    fail(ctx, 4, "build/onbuild", f.message, s.fromRange);
    return null;
  }
  return { ...entry.instruction, range: s.fromRange, keywordRange: s.fromRange, line: s.fromRange.start.line + 1, triggeredBy: from } as Instruction;
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
function noteCopyFromImage(ctx: EvalContext, state: StageState, i: Extract<Instruction, { keyword: "COPY" }>, from: string, planned: readonly PlannedStage[]): void {
  const ref = parseImageReference(from);
  if (!ref.ok || resolveExternalImage(ctx, ref.value.normalized).known) return;
  const stage = ctx.builder === "legacy" ? findStageByName(planned, from) : undefined;
  const why = stage === undefined
    ? ""
    : stage === state.index
      ? ` (not this stage: the classic builder looks up --from names only among earlier stages, so this stage's own name is an image reference)`
      : ` (not stage ${JSON.stringify(planned[stage]!.name)}: the classic builder looks up --from names only among earlier stages, and that one comes later)`;
  const fails = ctx.builder === "legacy" ? `invalid from flag value ${from}: <the pull's error>` : `${from}: failed to resolve source metadata for ${ref.value.normalized}: <the pull's error>`;
  note(ctx, "image/unknown", "warning", `COPY --from=${from} on line ${i.line} copies from the image ${ref.value.familiar}${why}, which is unknown to the simulator: its files are unknown, and the build uses the engine's copy of it or pulls it, failing where it cannot ("${fails}")`, i.range);
}

function checkCopyFrom(ctx: EvalContext, state: StageState, i: Extract<Instruction, { keyword: "COPY" }>, planned: readonly PlannedStage[], done: ReadonlyMap<number, StageResult>): void {
  const src = resolveCopyFrom(ctx.builder, planned, state.index, i);
  if (src === null) return;
  if (src.kind === "error") {
    if (ctx.builder === "legacy") fail(ctx, 4, "build/stage", src.message, i.range, state);
    return;
  }
  if (src.kind === "image") {
    noteCopyFromImage(ctx, state, i, src.ref, planned);
    return;
  }
  if (src.kind === "stage" && ctx.builder === "buildkit" && !done.has(src.index) && src.index !== state.index) {
    const other = planned[src.index]!;
    fail(ctx, 4, "build/stage", `cannot copy from stage ${goQuote(i.from ?? "")}, it needs to be defined before current stage ${goQuote(state.name ?? `stage-${state.index}`)}`, i.range, state);
    void other;
  }
}
