import type { BuilderRules } from "../builders/index.js";
import type { BudgetHit } from "../core/budget.js";
import { expandWord, type EscapeToken } from "../expand/index.js";
import type { Origin } from "../image/origin.js";
import type { ArgInstruction } from "../parse/instruction.js";
import { exceedBudget, fail } from "./diagnostic-sink.js";
import { FailurePhase } from "./failure-phase.js";
import type { PlanningContext } from "./planning-context.js";
import { PROXY_ARGS, type VariableInForce } from "./variables.js";

/** The platform a build targets (the daemon's own by default). */
export interface Platform {
  readonly os: string;
  readonly architecture: string;
  readonly variant?: string;
}

/** BuildKit's automatic platform ARGs (global scope; a stage sees them only after `ARG NAME`). */
export function automaticArgs(platform: Platform, targetStage: string): [string, string][] {
  const p = platform.variant === undefined || platform.variant === "" ? `${platform.os}/${platform.architecture}` : `${platform.os}/${platform.architecture}/${platform.variant}`;
  return [
    ["BUILDPLATFORM", p], ["BUILDOS", platform.os], ["BUILDOSVERSION", ""], ["BUILDARCH", platform.architecture], ["BUILDVARIANT", platform.variant ?? ""],
    ["TARGETPLATFORM", p], ["TARGETOS", platform.os], ["TARGETOSVERSION", ""], ["TARGETARCH", platform.architecture], ["TARGETVARIANT", platform.variant ?? ""],
    ["TARGETSTAGE", targetStage === "" ? "default" : targetStage],
  ];
}

/**
 * Evaluates the ARGs before the first FROM (the global scope, used by FROM lines and by stage
 * ARGs that redeclare a name without a default).
 *
 * BuildKit (`buildMetaArgs`): starts from the automatic platform ARGs (a `--build-arg` of the
 * same name overrides them); each ARG takes its `--build-arg`, else its default expanded with the
 * globals so far. Classic (`processMetaArg`): no automatic ARGs; names and defaults are expanded
 * with the globals so far (and proxy build-args); a `--build-arg` overrides the value. (The
 * builder's rules, "Global ARGs" in src/builders/builder-rules.ts, say which.)
 */
export function evaluateGlobalArgs(
  ctx: PlanningContext,
  metaArgs: readonly ArgInstruction[],
  buildArgs: ReadonlyMap<string, string>,
  platform: Platform,
  targetStage: string,
  escape: EscapeToken,
): Map<string, VariableInForce> {
  const rules = ctx.rules;
  const globals = new Map<string, VariableInForce>();
  if (rules.automaticPlatformArgs) {
    for (const [k, v] of automaticArgs(platform, targetStage)) {
      const over = buildArgs.get(k);
      globals.set(k, { name: k, value: over ?? v, kind: "ARG", origin: { kind: "default", reason: "BuildKit's automatic platform ARG" }, argSource: over === undefined ? "automatic" : "build-arg" });
    }
  }
  for (const [index, instr] of metaArgs.entries()) {
    const origin: Origin = { kind: "instruction", site: { stage: "global", keyword: "ARG", line: instr.line, range: instr.range, text: instr.original, index } };
    // BuildKit expands each default with the globals so far, sequentially; the classic builder expands
    // the whole instruction with the globals from before it (moby `processMetaArg`: `meta.Expand`).
    const whole = rules.globalArgExpandsWholeInstruction;
    const lookup = globalsLookup(rules, whole ? new Map(globals) : globals, buildArgs);
    // Classic: each name, in order, then sets or clears the global (`AddMetaArg(key, value)` stores a
    // nil value for a name without one), so `ARG A=hello A` leaves A without a value (verified on
    // 28.5.2: a stage's `ARG A` + `ENV X=$A` gives `X=`; BuildKit keeps `hello`).
    const pending: { name: string; v: VariableInForce | null }[] = [];
    for (const a of instr.args) {
      let name = a.name.value;
      if (whole) {
        const n = expandWord(name, lookup, { escape, budgets: ctx.budgets, work: ctx.work });
        if (!n.ok) return n.budget !== undefined ? exceeded(ctx, n.budget, instr, globals) : failed(ctx, n.error, instr, globals);
        name = n.value;
      }
      const fromBuildArg = buildArgs.get(name);
      let value: string | null = null;
      if (rules.globalBuildArgSkipsDefault && fromBuildArg !== undefined) value = fromBuildArg;
      else if (a.defaultValue !== null) {
        const r = expandWord(a.defaultValue.value, lookup, { escape, budgets: ctx.budgets, work: ctx.work });
        if (!r.ok) return r.budget !== undefined ? exceeded(ctx, r.budget, instr, globals) : failed(ctx, r.error, instr, globals);
        value = r.value;
      }
      if (!rules.globalBuildArgSkipsDefault && fromBuildArg !== undefined) value = fromBuildArg;
      const v: VariableInForce | null = value === null ? null : { name, value, kind: "ARG", origin, argSource: fromBuildArg !== undefined ? "build-arg" : "default" };
      if (!whole) {
        if (v !== null) globals.set(name, v);
      } else pending.push({ name, v });
    }
    for (const { name, v } of pending) {
      if (v === null) globals.delete(name);
      else globals.set(name, v);
    }
  }
  return globals;
}

function failed(ctx: PlanningContext, message: string, instr: ArgInstruction, globals: Map<string, VariableInForce>): Map<string, VariableInForce> {
  fail(ctx, FailurePhase.stageGraph, "build/expansion", message, instr.range);
  return globals;
}

function exceeded(ctx: PlanningContext, hit: BudgetHit, instr: ArgInstruction, globals: Map<string, VariableInForce>): Map<string, VariableInForce> {
  exceedBudget(ctx, hit, "expanding a global ARG", instr.range);
  return globals;
}

function globalsLookup(rules: BuilderRules, globals: ReadonlyMap<string, VariableInForce>, buildArgs: ReadonlyMap<string, string>) {
  return (name: string): string | undefined => {
    const g = globals.get(name);
    if (g !== undefined) return g.value;
    if (rules.proxyBuildArgsExpandInGlobalArgs && PROXY_ARGS.has(name)) return buildArgs.get(name);
    return undefined;
  };
}
