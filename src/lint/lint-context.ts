import { simulate, type SimulateOptions, type Simulation } from "../simulate.js";
import type { LintContext, LintStage } from "./rule.js";

/**
 * A simulation's global ARGs and stages (as written, as the evaluator's planner grouped them, each
 * with its evaluated result), for the rules to read.
 */
export function lintContextOf(sim: Simulation, options: SimulateOptions): LintContext {
  const parsed = sim.evaluation.parsed;
  // The stages as the planner grouped them (a FROM that failed to parse starts a stage without one).
  const { metaArgs, stages: planned } = sim.evaluation.layout;
  const results = new Map(sim.evaluation.stages.map((r) => [r.index, r] as const));
  const stages: LintStage[] = planned.map((s) => {
    const name = s.from?.stageName?.value ?? null;
    return { index: s.index, name, label: name ?? String(s.index), from: s.from, instructions: s.instructions, result: results.get(s.index) };
  });
  const target = sim.stage === null ? null : stages[sim.stage.index] ?? null;
  let other: Simulation | undefined;
  const otherBuilder = () => {
    other ??= simulate(parsed.text, { ...options, builder: sim.evaluation.builder === "buildkit" ? "legacy" : "buildkit" });
    return other;
  };
  return { sim, options, parsed, globalArgs: metaArgs, stages, target, otherBuilder };
}
