/**
 * Whether a budget stopped the simulation of the built image: of the target stage, or of a stage
 * it is built `FROM`. Past a budget a stage's state is unknown (src/core/budget.ts), so its config
 * and the process `docker run` starts are what the simulation reached, not an answer: the report
 * and the headline say so rather than state a command or a refusal. Browser-safe.
 *
 * @module
 */
import type { StageResult } from "../evaluate/evaluate-dockerfile.js";
import type { Simulation } from "../simulate.js";

/**
 * The `budget/exceeded` notice that stopped the built stage or a stage it is built FROM (the first
 * such notice), or null when every one of them was simulated to its end.
 *
 * @example
 * ```ts
 * budgetStopOf(simulate("FROM scratch\n" + "WORKDIR a\n".repeat(2000) + "CMD x\n"));
 * // "the pathLength budget (3840) was exceeded by a 3842-byte working directory: …"
 * ```
 */
export function budgetStopOf(sim: Simulation): string | null {
  const notices = sim.diagnostics.filter((d) => d.code === "budget/exceeded");
  if (notices.length === 0 || sim.stage === null) return null;
  let stage: StageResult | undefined = sim.stage;
  for (let hops = 0; stage !== undefined && hops <= sim.evaluation.stages.length; hops++) {
    if (stage.budgetExceeded) {
      const lines = stageLines(sim, stage.index);
      const own = notices.find((d) => d.range !== null && d.range.start.line >= lines.first && d.range.start.line <= lines.last);
      return (own ?? notices[0]!).message;
    }
    const base: StageResult["base"] = stage.base;
    if (base.kind !== "stage") return null;
    stage = sim.evaluation.stages.find((s) => s.index === base.index);
  }
  return null;
}

/** The 0-based source lines a planned stage spans (its FROM to its last instruction). */
function stageLines(sim: Simulation, index: number): { first: number; last: number } {
  const s = sim.evaluation.layout.stages.find((x) => x.index === index);
  if (s === undefined) return { first: 0, last: -1 };
  const last = s.instructions.length === 0 ? s.fromRange.end.line : s.instructions[s.instructions.length - 1]!.range.end.line;
  return { first: s.fromRange.start.line, last };
}
