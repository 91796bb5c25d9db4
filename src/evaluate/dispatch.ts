import { assertNever } from "../core/assert-never.js";
import type { Instruction } from "../parse/instruction.js";
import { applyArg } from "./apply/apply-arg.js";
import { applyCmd } from "./apply/apply-cmd.js";
import { applyCopy } from "./apply/apply-copy.js";
import { applyEntrypoint } from "./apply/apply-entrypoint.js";
import { applyEnv } from "./apply/apply-env.js";
import { applyExpose } from "./apply/apply-expose.js";
import { applyHealthcheck } from "./apply/apply-healthcheck.js";
import { applyLabel } from "./apply/apply-label.js";
import { applyMaintainer } from "./apply/apply-maintainer.js";
import { applyOnbuild } from "./apply/apply-onbuild.js";
import { applyRun } from "./apply/apply-run.js";
import { applyShell } from "./apply/apply-shell.js";
import { applyStopsignal } from "./apply/apply-stopsignal.js";
import { applyUser } from "./apply/apply-user.js";
import { applyVolume } from "./apply/apply-volume.js";
import { applyWorkdir } from "./apply/apply-workdir.js";
import type { EvalContext } from "./context.js";
import type { StageState } from "./stage-state.js";

/** Applies one instruction of a stage to its state (an exhaustive switch on the keyword). */
export function dispatchInstruction(ctx: EvalContext, state: StageState, i: Instruction): void {
  switch (i.keyword) {
    case "ENV": return applyEnv(ctx, state, i);
    case "LABEL": return applyLabel(ctx, state, i);
    case "ARG": return applyArg(ctx, state, i);
    case "CMD": return applyCmd(ctx, state, i);
    case "ENTRYPOINT": return applyEntrypoint(ctx, state, i);
    case "SHELL": return applyShell(ctx, state, i);
    case "WORKDIR": return applyWorkdir(ctx, state, i);
    case "USER": return applyUser(ctx, state, i);
    case "EXPOSE": return applyExpose(ctx, state, i);
    case "VOLUME": return applyVolume(ctx, state, i);
    case "STOPSIGNAL": return applyStopsignal(ctx, state, i);
    case "HEALTHCHECK": return applyHealthcheck(ctx, state, i);
    case "MAINTAINER": return applyMaintainer(ctx, state, i);
    case "ONBUILD": return applyOnbuild(ctx, state, i);
    case "RUN": return applyRun(ctx, state, i);
    case "COPY":
    case "ADD": return applyCopy(ctx, state, i);
    case "FROM": return; // stages are set up by the evaluator, never dispatched
    default: return assertNever(i, "instruction");
  }
}
