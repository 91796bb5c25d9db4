import { fail, ok, type Outcome } from "../core/result.js";
import { suggestClosest } from "../core/suggest.js";
import type { StageResult } from "../evaluate/evaluate-stage.js";
import { stateOf, type StageSnapshot } from "../evaluate/instruction-steps.js";
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

/**
 * Where in the stage the variables are asked for: at the start (just after the FROM and its
 * triggers), before the instruction at `line` (index into the stage's instructions), or at the end.
 */
function pointIn(stage: LintStage, line: number | null): { at: number | null; beforeLine: number | null } {
  if (line === null) return { at: null, beforeLine: null };
  const fromEnd = stage.from?.range.end.line ?? -1;
  if (line - 1 <= fromEnd) return { at: 0, beforeLine: line };
  const at = stage.instructions.findIndex((i) => i.range.end.line >= line - 1);
  return at < 0 ? { at: null, beforeLine: null } : { at, beforeLine: stage.instructions[at]!.line };
}

/** The state a stage was in at that point, read from the evaluation's record of it (null: it has none). */
function snapshotAt(result: StageResult, stage: LintStage, at: number | null): StageSnapshot | null {
  if (at === null) return result;
  if (at === 0) return stateOf(result.start);
  const step = result.steps[at - 1];
  return step !== undefined && step.instruction === stage.instructions[at - 1] ? stateOf(step) : null;
}

/** The 0-based line to cut the Dockerfile at so that the stage's last instruction is the one just before instruction `at`. */
function cutLine(stage: LintStage, next: LintStage | undefined, total: number, at: number | null): number {
  if (at === null) return next?.from?.range.start.line ?? total;
  if (at === 0) return (stage.from?.range.end.line ?? -1) + 1;
  return stage.instructions[at]!.range.start.line;
}

/**
 * The variables (ARG and ENV, marked) an instruction sees: at the end of a stage, or just before
 * the instruction on `line`. Read from the state the evaluation kept after each instruction; only a
 * stage the build did not evaluate is simulated afresh (the Dockerfile cut before that point).
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
  const { at, beforeLine } = pointIn(stage, line);
  const inputs = { buildArgs: new Map(state.buildArgs), globals: sim.evaluation.globals };
  const recorded = stage.result === undefined ? null : snapshotAt(stage.result, stage, at);
  if (recorded !== null) return ok({ stage: stage.label, beforeLine, variables: variablesInForce(recorded.scope, recorded.config.Env, inputs) });
  // A stage the build did not evaluate (BuildKit builds only what the target needs), or one a
  // budget stopped early: simulate the Dockerfile cut just before that point.
  const cut = cutLine(stage, stages[stage.index + 1], ctx.parsed.lines.length, at);
  const { target: _target, run: _run, ...options } = simulateOptionsOf(state);
  const cutSim = simulate(ctx.parsed.lines.slice(0, cut).join("\n") + "\n", options);
  const result = cutSim.evaluation.stages.find((s) => s.index === stage.index);
  if (result === undefined) return fail(`stage ${JSON.stringify(stage.label)} could not be evaluated${cutSim.error === null ? "" : `: ${cutSim.error.message}`}`);
  const variables = variablesInForce(result.scope, result.config.Env, { ...inputs, globals: cutSim.evaluation.globals });
  return ok({ stage: stage.label, beforeLine, variables });
}
