/**
 * What each stage is built FROM: the FROM name expanded with the global ARGs (while planning),
 * BuildKit's up-front check of every base name, and the base itself — an earlier stage, scratch,
 * or an image from the resolver — when the stage is evaluated.
 *
 * @module
 */
import { goQuote } from "../docker/go-quote.js";
import { parseImageReference } from "../docker/index.js";
import { expandWord } from "../expand/index.js";
import { unknownImage } from "../image/base-image.js";
import { exceedBudget, fail, note } from "./diagnostic-sink.js";
import { resolveExternalImage, type ImageLookup } from "./external-images.js";
import { FailurePhase } from "./failure-phase.js";
import type { PlanningContext } from "./planning-context.js";
import type { StageBase } from "./stage-state.js";
import { findStageByName } from "./stage-graph.js";
import type { PlannedStage } from "./stage-plan.js";
import type { VariableInForce } from "./variables.js";

const LEGACY_EMPTY_PLATFORM =
  'failed to parse platform : "" is an invalid OS component of "": OSAndVersion specifier component must match "^([A-Za-z0-9_-]+)(?:\\\\(([A-Za-z0-9_.%-]*)((?:\\\\+[A-Za-z0-9_.%-]+)*)\\\\))?$": invalid argument';

/** A stage's FROM name expanded with the global ARGs, or null when it cannot be (the failure is recorded). */
export function expandFromName(ctx: PlanningContext, s: PlannedStage, globals: ReadonlyMap<string, VariableInForce>): string | null {
  if (s.from === null) return null;
  const raw = s.from.image.value;
  const r = expandWord(raw, (n) => globals.get(n)?.value, { escape: ctx.escape, budgets: ctx.budgets, work: ctx.work });
  if (!r.ok) {
    if (r.budget !== undefined) exceedBudget(ctx, r.budget, "expanding the FROM image name", s.from.range);
    else fail(ctx, FailurePhase.stageGraph, "build/expansion", r.error, s.from.range);
    return null;
  }
  if (r.value === "") {
    fail(ctx, FailurePhase.stageGraph, "build/stage", `base name (${raw}) should not be blank`, s.from.image.range);
    return null;
  }
  if (s.from.platform !== null) {
    const p = expandWord(s.from.platform, (n) => globals.get(n)?.value, { escape: ctx.escape, budgets: ctx.budgets, work: ctx.work });
    if (!p.ok && p.budget !== undefined) exceedBudget(ctx, p.budget, "expanding --platform", s.from.range);
    else if (!p.ok) fail(ctx, FailurePhase.stageGraph, "build/expansion", `failed to process arguments for platform ${s.from.platform}: ${p.error}`, s.from.range);
    // Only the empty case of an invalid platform is modelled.
    else if (ctx.rules.rejectsEmptyPlatform && p.value === "") fail(ctx, FailurePhase.stageGraph, "build/invalid-value", LEGACY_EMPTY_PLATFORM, s.from.range);
  }
  return r.value;
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
export function checkBaseNamesUpFront(ctx: PlanningContext, planned: readonly PlannedStage[], baseNames: readonly (string | null)[]): void {
  for (const s of planned) {
    const name = baseNames[s.index];
    if (name === null || name === undefined || name === "scratch") continue;
    const b = findStageByName(planned, name, s.index);
    if (b !== undefined && planned[b]!.name === name) continue;
    const ref = parseImageReference(name);
    if (!ref.ok) fail(ctx, FailurePhase.stageNames, "build/stage", `failed to parse stage name ${goQuote(name)}: ${ref.error}`, s.from?.image.range ?? s.fromRange);
  }
}

/**
 * A stage's base: an earlier stage evaluated already (by index, with its result), scratch, or an
 * image from the resolver.
 */
export function resolveBase<S extends { readonly label: string }>(
  ctx: PlanningContext & ImageLookup,
  planned: readonly PlannedStage[],
  s: PlannedStage,
  name: string | null,
  done: ReadonlyMap<number, S>,
): { base: StageBase; stage?: S } {
  if (name === null) return { base: { kind: "image", image: unknownImage("(unknown)") } };
  const stageIndex = findStageByName(planned, name, s.index);
  const matches = stageIndex !== undefined && (ctx.rules.fromMatchesStageNameLoosely || planned[stageIndex]!.name === name);
  if (matches) {
    const st = done.get(stageIndex);
    if (st !== undefined) return { base: { kind: "stage", stage: st.label, index: stageIndex }, stage: st };
  }
  if (name === "scratch" || (ctx.rules.scratchAnyCase && name.toLowerCase() === "scratch")) return { base: { kind: "scratch" } };
  const ref = parseImageReference(name);
  const range = s.from?.image.range ?? s.fromRange;
  if (!ref.ok) {
    // BuildKit's failure is recorded for every stage up front (checkBaseNamesUpFront).
    if (ctx.rules.failsOnBadBaseNameAtDispatch) fail(ctx, FailurePhase.dispatch, "build/stage", ref.error, range);
    return { base: { kind: "image", image: unknownImage(name) } };
  }
  const image = resolveExternalImage(ctx, ref.value.normalized);
  if (!image.known) {
    note(ctx, "image/unknown", "warning", `base image ${ref.value.familiar} is unknown to the simulator: its config is taken as empty (supply it with --image ${ref.value.familiar}=FILE)`, range);
  }
  return { base: { kind: "image", image } };
}
