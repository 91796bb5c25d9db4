import type { ArgInstruction, FromInstruction, Instruction } from "../parse/instruction.js";
import { simulate, type SimulateOptions, type Simulation } from "../simulate.js";
import type { LintContext, LintStage } from "./rule.js";

/**
 * Groups a simulation's parsed Dockerfile into global ARGs and stages (as written, each with its
 * evaluated result), for the rules to read.
 */
export function lintContextOf(sim: Simulation, options: SimulateOptions): LintContext {
  const parsed = sim.evaluation.parsed;
  const globalArgs: ArgInstruction[] = [];
  const raw: { from: FromInstruction | null; instructions: Instruction[] }[] = [];
  for (const e of parsed.entries) {
    if (!e.ok) {
      if (e.keyword === "FROM") raw.push({ from: null, instructions: [] });
      continue;
    }
    const i = e.instruction;
    if (i.keyword === "FROM") raw.push({ from: i, instructions: [] });
    else if (raw.length === 0) {
      if (i.keyword === "ARG") globalArgs.push(i);
    } else raw[raw.length - 1]!.instructions.push(i);
  }
  const results = new Map(sim.evaluation.stages.map((r) => [r.index, r] as const));
  const stages: LintStage[] = raw.map((s, index) => {
    const name = s.from?.stageName?.value ?? null;
    return { index, name, label: name ?? String(index), from: s.from, instructions: s.instructions, result: results.get(index) };
  });
  const target = sim.stage === null ? null : stages[sim.stage.index] ?? null;
  let other: Simulation | undefined;
  const otherBuilder = () => {
    other ??= simulate(parsed.text, { ...options, builder: sim.evaluation.builder === "buildkit" ? "legacy" : "buildkit" });
    return other;
  };
  return { sim, options, parsed, globalArgs, stages, target, otherBuilder };
}
