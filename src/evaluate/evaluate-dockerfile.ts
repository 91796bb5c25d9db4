/**
 * The evaluator: a Dockerfile, parsed and planned once ({@link planBuild}), then its stages
 * evaluated in file order ({@link evaluateStage}), with the failures a real build would meet
 * ordered by {@link FailurePhase} and the builder's differences in `src/builders`.
 *
 * @module
 */
import { rulesOf } from "../builders/index.js";
import type { Builder } from "../core/builder.js";
import { budgetsOf, WorkMeter, type Budgets, type WorkCount } from "../core/budget.js";
import type { Diagnostic } from "../core/diagnostic.js";
import type { Downloads } from "../fs/download/download.js";
import type { ArchiveReader } from "../fs/context-types.js";
import type { GitCheckouts, GitFetchRequest } from "../fs/git/checkout.js";
import type { BaseImage, BaseImageResolver } from "../image/base-image.js";
import { parseDockerfile, type ParsedDockerfile } from "../parse/parse-dockerfile.js";
import type { EvalContext } from "./context.js";
import { checkContextProblems } from "./context-problems.js";
import { DiagnosticSink, fail } from "./diagnostic-sink.js";
import { evaluateStage, type EvaluatedStage, type StageResult } from "./evaluate-stage.js";

export type { StageResult } from "./evaluate-stage.js";
import { FailurePhase } from "./failure-phase.js";
import type { Platform } from "./global-args.js";
import { planBuild } from "./plan.js";
import type { StagePlan } from "./stage-plan.js";
import type { PlanningContext } from "./planning-context.js";
import type { StageBase } from "./stage-state.js";
import { resolveContext, type ContextOption } from "./stage-files.js";
import type { VariableInForce } from "./variables.js";

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
   * `BuildContext`) or for downloads without a context: `ARCHIVE_READER`. Without either,
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

/** The outcome of evaluating a Dockerfile. */
export interface Evaluation {
  readonly builder: Builder;
  readonly parsed: ParsedDockerfile;
  /**
   * The global ARGs and the stages as written (each FROM with the instructions that parsed after
   * it), grouped once while planning; empty when the Dockerfile is empty.
   */
  readonly layout: StagePlan;
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
  /**
   * The work the simulation did (instructions, expansion, pattern matching, file changes): a
   * deterministic measure of cost, linear in the input within the budgets.
   */
  readonly work: WorkCount;
}

const DEFAULT_PLATFORM: Platform = { os: "linux", architecture: "amd64" };

function toMap(v: BuildOptions["buildArgs"]): Map<string, string> {
  if (v === undefined) return new Map();
  return v instanceof Map ? new Map(v) : new Map(Object.entries(v as Record<string, string>));
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
  const rules = rulesOf(builder);
  const parsed = parseDockerfile(text);
  const sink = new DiagnosticSink(builder);
  const budgets = budgetsOf(options.budgets);
  const work = new WorkMeter();
  const planning: PlanningContext = { builder, rules, sink, escape: parsed.escape, budgets, work, expand: { escape: parsed.escape, budgets, work } };
  const images = new Map<string, BaseImage>();
  const gitRequests: GitFetchRequest[] = [];
  const downloadUrls = new Set<string>();
  let layout: StagePlan = { metaArgs: [], stages: [] };
  const done = (stages: StageResult[], target: StageResult | null, globals: ReadonlyMap<string, VariableInForce>): Evaluation => ({
    builder, parsed, layout, stages, target, globals, error: sink.firstFailure(), diagnostics: sink.diagnostics, downloadUrls: [...downloadUrls], images: [...images.values()], gitRequests, work: planning.work.snapshot(),
  });
  if (text.length === 0) {
    fail(planning, FailurePhase.emptyDockerfile, "build/empty-dockerfile", rules.emptyDockerfileMessage(options.dockerfileName ?? "Dockerfile"), null);
    return done([], null, new Map());
  }
  const buildArgs = toMap(options.buildArgs);
  const planned = planBuild(planning, parsed, { buildArgs, target: options.target, platform: options.platform ?? DEFAULT_PLATFORM });
  layout = planned.layout;
  const plan = planned.plan;
  if (plan === null) return done([], null, new Map());
  const context = resolveContext(options.context, builder);
  const ctx: EvalContext = {
    ...planning,
    plan,
    inputs: { buildArgs, globals: plan.globals },
    resolver: options.resolver ?? { resolve: () => undefined },
    context,
    archives: options.archives ?? context?.archives ?? null,
    stageFiles: new Map(),
    downloads: options.downloads,
    downloadUrls,
    images,
    imageFileSystems: new Map(),
    gitCheckouts: options.gitCheckouts,
    gitRequests,
    usage: { configEntries: 0 },
  };
  checkContextProblems(ctx);

  // Stages, in file order
  const results: StageResult[] = [];
  const byIndex = new Map<number, EvaluatedStage>();
  const seenNames = new Set<string>();
  for (const s of plan.stages) {
    if (!plan.toBuild.has(s.index)) continue;
    if (rules.failsOnDuplicateStageName && s.name !== null) {
      if (seenNames.has(s.name)) fail(ctx, FailurePhase.dispatch, "build/stage", `${s.name} stage name already used`, s.fromRange);
      seenNames.add(s.name);
    }
    const r = evaluateStage(ctx, s, byIndex);
    results.push(r);
    ctx.stageFiles.set(s.index, { files: r.files, track: r.track });
    byIndex.set(s.index, r);
  }
  const target = byIndex.get(plan.targetIndex) ?? null;
  // Classic builder: a stage that dispatches nothing is its base's image, so an empty target whose
  // chain of empty stages ends at scratch has no image at all (verified on 28.5.2: `FROM scratch`,
  // `FROM scratch AS a` + `FROM a`, and `FROM scratch AS a` + `FROM a AS b` + `FROM b` all fail so;
  // a LABEL anywhere in the chain builds). moby builder/dockerfile/builder.go `(*Builder).build`:
  // `state.imageID == ""` after the last stage.
  if (rules.emptyStageIsBaseImage && target !== null && target.historyList.length === 0 && plan.stages[plan.targetIndex]!.instructions.length === 0 && rootBase(target, byIndex).kind === "scratch") {
    fail(ctx, FailurePhase.noImage, "build/no-stages", "No image was generated. Is your Dockerfile empty?", null);
  }
  return done(results, target, plan.globals);
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
