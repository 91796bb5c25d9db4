/**
 * The build plan: everything about a Dockerfile that is known before any stage is evaluated, and
 * computed once — the stages and global ARGs, the FROM names expanded with the globals, the
 * `--target`, the stage dependency graph and the stages to build, BuildKit's include patterns, and
 * what each `COPY --from` names. Immutable once made; its failures go to the sink.
 *
 * @module
 */
import { withSuggestion } from "../core/suggest.js";
import { goQuote } from "../docker/go-quote.js";
import { parseImageReference } from "../docker/index.js";
import type { ArgInstruction, CopyInstruction, Instruction } from "../parse/instruction.js";
import type { ParsedDockerfile } from "../parse/parse-dockerfile.js";
import { mountSources, mountValues } from "../parse/run-mount.js";
import { checkBaseNamesUpFront, expandFromName } from "./base-resolution.js";
import { fail, note } from "./diagnostic-sink.js";
import { FailurePhase } from "./failure-phase.js";
import { evaluateGlobalArgs, type Platform } from "./global-args.js";
import type { PlanningContext } from "./planning-context.js";
import { contextSourcePatterns } from "./stage-files.js";
import { findCycle, findStageByName, reachableStages, resolveCopyFrom, type CopySource } from "./stage-graph.js";
import { planStages, type PlannedStage, type StagePlan } from "./stage-plan.js";
import type { VariableInForce } from "./variables.js";

/** What a build is asked to do, besides the Dockerfile. */
export interface PlanInputs {
  /** `--build-arg` values. */
  readonly buildArgs: ReadonlyMap<string, string>;
  /** `--target`, or undefined for the last stage. */
  readonly target: string | undefined;
  readonly platform: Platform;
}

/** Everything known about a build before its stages are evaluated. */
export interface BuildPlan {
  /** The stages as written, in file order. */
  readonly stages: readonly PlannedStage[];
  /** The ARGs before the first FROM. */
  readonly metaArgs: readonly ArgInstruction[];
  /** The global ARGs after evaluation. */
  readonly globals: ReadonlyMap<string, VariableInForce>;
  /** The index of the target stage. */
  readonly targetIndex: number;
  /** Each stage's FROM name expanded with the global ARGs (null where that failed or the FROM did not parse), by index. */
  readonly baseNames: readonly (string | null)[];
  /** The stages each stage needs (BuildKit: its FROM stage, its `COPY --from` stages and its `RUN --mount` stages), by index. */
  readonly dependencies: ReadonlyMap<number, ReadonlySet<number>>;
  /** The stages the builder builds (BuildKit: what the target needs; classic: every stage up to it). */
  readonly toBuild: ReadonlySet<number>;
  /** BuildKit: every context source path of the built stages' COPY/ADD instructions (sent as include patterns). */
  readonly includePatterns: readonly string[];
  /** What each `COPY --from` of the stages names (null: no `--from`), by instruction. */
  readonly copyFrom: ReadonlyMap<Instruction, CopySource | null>;
}

/**
 * Plans a parsed Dockerfile, recording every failure met while planning (parse errors, no stage,
 * unknown target, stage graph errors). Returns null when the build stops before any stage (the
 * reason is in the sink), beside the stages as written (grouped once, given even then).
 */
export function planBuild(ctx: PlanningContext, parsed: ParsedDockerfile, inputs: PlanInputs): { readonly layout: StagePlan; readonly plan: BuildPlan | null } {
  noteDirectives(ctx, parsed);
  const layout = planStages(ctx, parsed);
  return { layout, plan: planLayout(ctx, parsed, layout, inputs) };
}

function planLayout(ctx: PlanningContext, parsed: ParsedDockerfile, layout: StagePlan, inputs: PlanInputs): BuildPlan | null {
  const { metaArgs, stages } = layout;
  if (stages.length === 0) {
    if (parsed.entries.length > 0 && ctx.sink.failures.length === 0) fail(ctx, FailurePhase.stageGraph, "build/no-stages", ctx.rules.noStagesMessage, null);
    return null;
  }
  let targetIndex = stages.length - 1;
  if (inputs.target !== undefined && inputs.target !== "") {
    const t = findStageByName(stages, inputs.target);
    if (t === undefined) {
      const names = stages.map((s) => s.name).filter((n): n is string => n !== null);
      const message = `target stage ${goQuote(inputs.target)} could not be found`;
      fail(ctx, FailurePhase.stageGraph, "build/target", ctx.rules.suggestsTargetName ? withSuggestion(message, inputs.target, names, true) : message, null);
      return null;
    }
    targetIndex = t;
  }
  const targetName = inputs.target ?? stages[stages.length - 1]!.name ?? "";
  const globals = evaluateGlobalArgs(ctx, metaArgs, inputs.buildArgs, inputs.platform, targetName, parsed.escape);
  const baseNames = stages.map((s) => expandFromName(ctx, s, globals));

  const copyFrom = new Map<Instruction, CopySource | null>();
  const dependencies = new Map<number, Set<number>>();
  for (const s of stages) {
    const needs = new Set<number>();
    const base = baseNames[s.index];
    if (base !== null && base !== undefined) {
      const b = findStageByName(stages, base, s.index);
      if (b !== undefined && stages[b]!.name === base) needs.add(b);
    }
    for (const i of s.instructions) {
      if (i.keyword === "RUN" && ctx.rules.readsRunMountSources) addMountDependencies(ctx, stages, i, needs);
      if (i.keyword !== "COPY") continue;
      const src = resolveCopyFrom(ctx.builder, stages, s.index, i as CopyInstruction);
      copyFrom.set(i, src);
      if (src?.kind === "stage") needs.add(src.index);
      else if (src?.kind === "error" && ctx.rules.copyFromErrorsWhilePlanning) fail(ctx, FailurePhase.stageGraph, "build/stage", src.message, i.range);
    }
    dependencies.set(s.index, needs);
  }
  if (ctx.rules.checksStageGraphUpFront) {
    const cyc = findCycle(stages.length, dependencies);
    if (cyc !== undefined) fail(ctx, FailurePhase.stageGraph, "build/stage", `circular dependency detected on stage: ${stages[cyc]!.name ?? `stage-${cyc}`}`, stages[cyc]!.fromRange);
    checkBaseNamesUpFront(ctx, stages, baseNames);
  }
  const toBuild = ctx.rules.buildsOnlyNeededStages ? reachableStages(targetIndex, dependencies) : new Set(stages.slice(0, targetIndex + 1).map((s) => s.index));
  // BuildKit transfers only the paths the stages it builds name (a stage the target does not need
  // adds none: verified on 28.5, gen-unreachable-stage-include-pattern).
  const includePatterns = contextSourcePatterns(stages.filter((s) => toBuild.has(s.index)), (n) => globals.get(n)?.value ?? inputs.buildArgs.get(n), parsed.escape);
  return { stages, metaArgs, globals, targetIndex, baseNames, dependencies, toBuild, includePatterns, copyFrom };
}

/**
 * BuildKit's `detectRunMount`: each `RUN --mount` names a stage by name (case-insensitively, the last
 * definition of a name winning; never by index: `from=0` is the image `0`), `scratch` when it has no
 * `from`; the stage is built before the RUN and its failure is the build's (verified on 28.5:
 * `RUN --mount=from=a` fails on stage `a`'s missing COPY source, and a stage mounting itself is a
 * circular dependency). Any other value is an image, whose name BuildKit parses for every stage, built
 * or not (`failed to parse stage name "Foo": invalid reference format: …`).
 */
function addMountDependencies(ctx: PlanningContext, stages: readonly PlannedStage[], i: Instruction, needs: Set<number>): void {
  for (const from of mountSources(mountValues(i.flags))) {
    const stage = findStageByName(stages, from);
    if (stage !== undefined) needs.add(stage);
    else if (from !== "scratch") {
      const ref = parseImageReference(from);
      if (!ref.ok) fail(ctx, FailurePhase.stageNames, "build/stage", `failed to parse stage name ${goQuote(from)}: ${ref.error}`, i.range);
    }
  }
}

/**
 * What each builder does with the directives and lines the simulator does not model further:
 * BuildKit runs the frontend a `# syntax=` names (here: the one built into Docker 28.5 is
 * simulated), lints with `# check=`, and warns about blank lines inside continuations.
 */
function noteDirectives(ctx: PlanningContext, parsed: ParsedDockerfile): void {
  for (const d of parsed.directives) {
    if (d.name === "syntax") note(ctx, "syntax/frontend-ignored", "info", ctx.rules.syntaxDirectiveNote(d.value), d.range);
    else if (d.name === "check" && ctx.rules.readsCheckDirective) {
      note(ctx, "syntax/frontend-ignored", "info", `BuildKit runs its build checks with ${d.value}; the simulator does not run them`, d.range);
    }
  }
  if (ctx.rules.warnsEmptyContinuation) {
    for (const r of parsed.emptyContinuations) note(ctx, "syntax/empty-continuation", "warning", "Empty continuation line found (BuildKit check NoEmptyContinuation): a blank line inside a continued instruction is skipped, and will become an error", r);
  }
}
