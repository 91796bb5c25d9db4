import type { Range } from "../core/range.js";
import type { ArgInstruction, FromInstruction, Instruction } from "../parse/instruction.js";
import { checkDirectiveError } from "../parse/directives.js";
import type { ParsedDockerfile } from "../parse/parse-dockerfile.js";
import type { PlanningContext } from "./planning-context.js";
import { fail } from "./diagnostic-sink.js";
import { FailurePhase } from "./failure-phase.js";

/** One stage as written: its FROM and its instructions (the ones that parsed). */
export interface PlannedStage {
  readonly index: number;
  /** The FROM, or null when it failed to parse (the stage then starts from an unknown base). */
  readonly from: FromInstruction | null;
  readonly fromRange: Range;
  readonly name: string | null;
  readonly instructions: readonly Instruction[];
}

/** The global ARGs and the stages of a Dockerfile. */
export interface StagePlan {
  readonly metaArgs: readonly ArgInstruction[];
  readonly stages: readonly PlannedStage[];
}

/**
 * Groups parsed lines into global ARGs and stages, recording the parse failures in Docker's order
 * (every line-level failure before any instruction-level one), `no build stage in current context`
 * for an instruction before the first FROM, and `file with no instructions`.
 */
export function planStages(ctx: PlanningContext, parsed: ParsedDockerfile): StagePlan {
  if (parsed.directiveError !== null) fail(ctx, FailurePhase.lineParse, "build/directive", lineLevel(ctx, parsed.directiveError.message), parsed.directiveError.range);
  // BuildKit validates `# check=` (verified on 28.5.2: `failed to parse check options: invalid check option "bogus"`); the classic builder ignores it.
  const check = parsed.directives.find((d) => d.name === "check");
  const checkError = check === undefined || !ctx.rules.readsCheckDirective ? null : checkDirectiveError(check.value);
  if (check !== undefined && checkError !== null) fail(ctx, FailurePhase.lineParse, "build/directive", `failed to parse check options: ${checkError}`, check.range);
  const metaArgs: ArgInstruction[] = [];
  const stages: { index: number; from: FromInstruction | null; fromRange: Range; name: string | null; instructions: Instruction[] }[] = [];
  for (const e of parsed.entries) {
    if (!e.ok) {
      for (const f of e.failures) {
        const message = f.phase === 2 && f.bare !== true ? `dockerfile parse error on line ${e.logical.startLine + 1}: ${f.message}` : lineLevel(ctx, f.message);
        fail(ctx, f.phase === 1 ? FailurePhase.lineParse : FailurePhase.instructionParse, f.code, message, f.range);
      }
      if (e.keyword === "FROM") stages.push({ index: stages.length, from: null, fromRange: e.range, name: null, instructions: [] });
      continue;
    }
    const i = e.instruction;
    if (i.keyword === "FROM") {
      stages.push({ index: stages.length, from: i, fromRange: i.range, name: i.stageName?.value ?? null, instructions: [] });
      continue;
    }
    const current = stages[stages.length - 1];
    if (current === undefined) {
      if (i.keyword === "ARG") metaArgs.push(i);
      else fail(ctx, FailurePhase.instructionParse, "build/no-build-stage", "no build stage in current context", i.range);
      continue;
    }
    current.instructions.push(i);
  }
  if (parsed.entries.length === 0 && parsed.directiveError === null) {
    const last = Math.max(parsed.lines.length - 1, 0);
    fail(ctx, FailurePhase.lineParse, "build/no-instructions", lineLevel(ctx, "file with no instructions"), { start: { line: last, character: 0 }, end: { line: last, character: 0 } });
  }
  return { metaArgs, stages };
}

function lineLevel(ctx: PlanningContext, message: string): string {
  return ctx.rules.lineLevelParseMessage(message);
}
