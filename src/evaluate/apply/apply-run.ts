import type { RunInstruction } from "../../parse/instruction.js";
import { commitLayer, fail, note, warnDivergence, type EvalContext } from "../context.js";
import type { StageState } from "../stage-state.js";
import { argsInForce, declaresArg, lookupVariable, PROXY_ARGS } from "../variables.js";
import { runArgv } from "./command-argv.js";
import { execPhase, FailurePhase } from "../failure-phase.js";
import { runExecError } from "./run-exec.js";
import { runUserOutcome } from "./run-user.js";

/**
 * BuildKit's `runCommandString`: `|N k=v … ` for the ARGs declared so far (deduplicated: first
 * position, the value now in force, else the declared one), then the argv.
 */
function buildkitRunText(ctx: EvalContext, state: StageState, argv: readonly string[]): string {
  if (state.runArgs.size === 0) return argv.join(" ");
  const pairs: string[] = [];
  for (const [key, declared] of state.runArgs) {
    pairs.push(`${key}=${lookupVariable(state.scope, state.config.Env, ctx.inputs, key)?.value ?? declared ?? ""}`);
  }
  return [`|${pairs.length}`, ...pairs, ...argv].join(" ");
}

/**
 * The classic builder's saved command: `|N k=v …` for the ARGs with a value not shadowed by ENV,
 * sorted; an undeclared proxy build-arg is in force but not listed (moby `prependEnvOnCmd` keeps
 * only `IsReferencedOrNotBuiltin` keys), so it alone gives `|0` (verified on 28.5.2, doc G).
 */
function legacyRunText(ctx: EvalContext, state: StageState, argv: readonly string[]): string {
  const inForce = argsInForce(state.scope, state.config.Env, ctx.inputs);
  if (inForce.length === 0) return argv.join(" ");
  const args = inForce.filter((v) => !PROXY_ARGS.has(v.name) || declaresArg(state.scope, v.name)).map((v) => `${v.name}=${v.value}`).sort();
  return [`|${args.length}`, ...args, ...argv].join(" ");
}

/**
 * `RUN`: no config change; adds a layer (BuildKit always; the classic builder only when files
 * changed, which a simulation cannot know, so the entry says it depends). The classic builder
 * refuses every RUN flag (`--mount`, `--network`, …).
 */
export function applyRun(ctx: EvalContext, state: StageState, i: RunInstruction): void {
  const refused = i.flags.length > 0 ? ctx.rules.refusedRunFlagMessage(i.flags[0]!.name) : null;
  if (refused !== null) {
    fail(ctx, FailurePhase.dispatch, "build/flag", refused, i.flags[0]!.range, state);
    return;
  }
  const argv = runArgv(ctx, state, i);
  checkRunStarts(ctx, state, i, argv);
  state.files.markOpaque(`RUN at line ${i.line} may have changed any file`);
  state.track.rootfs = true;
  if (ctx.rules.runAlwaysCommitsLayer) commitLayer(ctx, state, i, `RUN ${buildkitRunText(ctx, state, argv)} # buildkit`);
  else commitLayer(ctx, state, i, legacyRunText(ctx, state, argv), { layerDependsOnChanges: true });
}

/**
 * Whether the RUN's process can start: its user must resolve (run-user.ts), then its program must
 * exist (run-exec.ts). Both are execution failures (BuildKit: after every cache key). Where the
 * answer depends on files the simulator does not know, it predicts nothing and says so: a notice
 * for an image whose files it was not given, a known divergence when an earlier step of the build
 * (a RUN) may have changed them (docs/oracle.md, "Known divergences").
 */
function checkRunStarts(ctx: EvalContext, state: StageState, i: RunInstruction, argv: readonly string[]): void {
  const user = state.config.User.value;
  const failedProcess = (message: string): string => ctx.rules.runFailureMessage(argv.join(" "), message);
  const u = runUserOutcome(ctx.builder, state.files, user);
  if (u.kind === "error") {
    runFails(ctx, state, i, "build/user", failedProcess(u.message));
    return;
  }
  if (u.kind === "unknown") {
    const text = `RUN at line ${i.line} runs as user ${user}: a real build fails with "${failedProcess(u.mayFail)}" if the stage's /etc/passwd or /etc/group does not have it, and the simulator cannot tell (${u.reason})`;
    if (u.byStep) warnDivergence(ctx, "user-lookup-after-opaque-step", text, i.range, ctx.builder);
    else note(ctx, "files/unknown", "info", text, i.range);
  }
  // A `--mount` may put the program in place (BuildKit only; the classic builder refused the flag).
  if (i.flags.some((f) => f.name === "mount")) return;
  const path = lookupVariable(state.scope, state.config.Env, ctx.inputs, "PATH")?.value;
  const execError = runExecError(ctx.rules, state.files, argv, path);
  if (execError !== null) runFails(ctx, state, i, "build/run", execError);
}

function runFails(ctx: EvalContext, state: StageState, i: RunInstruction, code: "build/user" | "build/run", message: string): void {
  fail(ctx, execPhase(ctx.rules), code, message, i.range, state);
  state.track.execFailure ??= message;
}
