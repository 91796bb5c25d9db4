/**
 * ONBUILD triggers: a base's registered triggers, parsed and run first when a stage is built FROM
 * it (both builders report a trigger's parse error bare, at the FROM).
 *
 * @module
 */
import type { Instruction } from "../parse/instruction.js";
import { parseDockerfile } from "../parse/parse-dockerfile.js";
import { fail, type WithSink } from "./diagnostic-sink.js";
import { FailurePhase } from "./failure-phase.js";
import type { PlannedStage } from "./stage-plan.js";

/** A trigger to run: its expression and the stage or image that registered it. */
export interface Trigger {
  readonly expression: string;
  readonly from: string;
}

/** Parses one trigger as the instruction it runs (placed at the FROM), or null when it fails (recorded). */
export function parseTrigger(ctx: WithSink, trigger: Trigger, s: PlannedStage): Instruction | null {
  const parsed = parseDockerfile(trigger.expression);
  const entry = parsed.entries[0];
  if (parsed.entries.length !== 1 || entry === undefined) {
    fail(ctx, FailurePhase.dispatch, "build/onbuild", "onbuild trigger should be a single expression", s.fromRange);
    return null;
  }
  if (!entry.ok) {
    const f = entry.failures[0]!;
    // A trigger's parse error is reported bare, without `dockerfile parse error on line N: `, by both builders
    // (verified on 28.5.2: `ONBUILD FOO x` triggered by `FROM s` fails with `unknown instruction: FOO (did you mean FROM?)`).
    fail(ctx, FailurePhase.dispatch, "build/onbuild", f.message, s.fromRange);
    return null;
  }
  return { ...entry.instruction, range: s.fromRange, keywordRange: s.fromRange, line: s.fromRange.start.line + 1, triggeredBy: trigger.from } as Instruction;
}
