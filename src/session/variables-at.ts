import { fail, ok, type Outcome } from "../core/result.js";
import { suggestClosest } from "../core/suggest.js";
import { variablesInForce, type VariableInForce } from "../evaluate/variables.js";
import { lintContextOf } from "../lint/lint-context.js";
import type { LintStage } from "../lint/rule.js";
import { simulate } from "../simulate.js";
import { simulateOptionsOf, simulationOf, type SessionState } from "./state.js";

/** The variables in force at one point of a Dockerfile. */
export interface VariablesAt {
  /** The stage's label, or `global` for the global scope (what FROM lines see). */
  readonly stage: string;
  /** The 1-based line whose instruction would see these variables, or null for the end of the stage. */
  readonly beforeLine: number | null;
  readonly variables: readonly VariableInForce[];
}

function findStage(stages: readonly LintStage[], query: string): Outcome<LintStage> {
  const q = query.toLowerCase();
  const hit = stages.find((s) => s.name === q || s.label === q);
  if (hit !== undefined) return ok(hit);
  const guess = suggestClosest(q, stages.map((s) => s.label), false);
  return fail(`no stage ${JSON.stringify(query)}${guess === undefined ? "" : ` (did you mean ${guess}?)`}; stages: ${stages.map((s) => s.label).join(", ")}`);
}

/** The 0-based line to cut the Dockerfile at so that the stage's last instruction is the one just before `line`. */
function cutLine(stage: LintStage, next: LintStage | undefined, total: number, line: number | null): { cut: number; beforeLine: number | null } {
  const end = next?.from?.range.start.line ?? total;
  if (line === null) return { cut: end, beforeLine: null };
  const fromEnd = stage.from?.range.end.line ?? -1;
  if (line - 1 <= fromEnd) return { cut: fromEnd + 1, beforeLine: line };
  const at = stage.instructions.find((i) => i.range.end.line >= line - 1);
  return at === undefined ? { cut: end, beforeLine: null } : { cut: at.range.start.line, beforeLine: at.line };
}

/**
 * The variables (ARG and ENV, marked) an instruction sees: at the end of a stage, or just before
 * the instruction on `line`. Computed by simulating the Dockerfile cut before that instruction.
 * `stage` is a name or index; without it, the stage holding `line`, else the built stage;
 * `global` (when no stage has that name) gives the global ARGs.
 */
export function variablesAt(state: SessionState, stageQuery: string | null, line: number | null): Outcome<VariablesAt> {
  const sim = simulationOf(state);
  if (sim === null) return fail("no Dockerfile loaded (load PATH)");
  const ctx = lintContextOf(sim, simulateOptionsOf(state));
  const stages = ctx.stages;
  if (stageQuery?.toLowerCase() === "global" && !stages.some((s) => s.name === "global")) {
    return ok({ stage: "global", beforeLine: null, variables: [...sim.evaluation.globals.values()] });
  }
  let stage: LintStage | undefined;
  if (stageQuery !== null) {
    const found = findStage(stages, stageQuery);
    if (!found.ok) return found;
    stage = found.value;
  } else if (line !== null) {
    stage = [...stages].reverse().find((s) => (s.from?.range.start.line ?? 0) <= line - 1);
    if (stage === undefined) return ok({ stage: "global", beforeLine: line, variables: [...sim.evaluation.globals.values()] });
  } else stage = ctx.target ?? stages[stages.length - 1];
  if (stage === undefined) return fail("the Dockerfile has no stages");
  const lines = ctx.parsed.lines;
  const { cut, beforeLine } = cutLine(stage, stages[stage.index + 1], lines.length, line);
  const { target: _target, run: _run, ...options } = simulateOptionsOf(state);
  const cutSim = simulate(lines.slice(0, cut).join("\n") + "\n", options);
  const result = cutSim.evaluation.stages.find((s) => s.index === stage.index);
  if (result === undefined) return fail(`stage ${JSON.stringify(stage.label)} could not be evaluated${cutSim.error === null ? "" : `: ${cutSim.error.message}`}`);
  const variables = variablesInForce(result.scope, result.config.Env, { buildArgs: new Map(state.buildArgs), globals: cutSim.evaluation.globals });
  return ok({ stage: stage.label, beforeLine, variables });
}
