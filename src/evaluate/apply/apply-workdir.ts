import { rulesOf } from "../../builders/index.js";
import type { WorkdirInstruction } from "../../parse/instruction.js";
import { byInstruction, commitLayer, commitMetadata, exceedBudget, expandIn, fail, type EvalContext } from "../context.js";
import type { StageState } from "../stage-state.js";
import { goJoin, goClean, utf8Length } from "../../docker/go-path.js";
import { execPhase, FailurePhase } from "../failure-phase.js";
import { mkdirWorkdir } from "./workdir-mkdir.js";
import { pathParts } from "../../fs/vfs/tree.js";
import { noteStep } from "../files-track.js";
import { PATH_WORK_PER_CHAR } from "../../core/budget.js";

/**
 * The new working directory, per builder (Docker 28.5; `BuilderRules.workdirNormalization`):
 * - BuildKit (`system.NormalizeWorkdir`): an absolute path is kept as written (`/a/b/` stays),
 *   a relative one is joined to the current directory and cleaned, an empty one keeps the current.
 * - classic (moby `normalizeWorkdir`): an absolute path is cleaned, a relative one joined and
 *   cleaned, an empty one fails with `cannot normalize nothing`.
 */
export function resolveWorkdir(builder: "buildkit" | "legacy", current: string, requested: string): { ok: true; path: string } | { ok: false; error: string } {
  if (rulesOf(builder).workdirNormalization === "normalizeWorkdir") {
    if (requested === "") return { ok: false, error: "cannot normalize nothing" };
    return { ok: true, path: requested.startsWith("/") ? goClean(requested) : goJoin("/", current, requested) };
  }
  const parent = current === "" ? "/" : current.startsWith("/") ? current : goJoin("/", current);
  if (requested === "") return { ok: true, path: parent };
  return { ok: true, path: requested.startsWith("/") ? requested : goJoin(parent, requested) };
}

/**
 * `WORKDIR path`: expanded, resolved against the current directory, stored in `WorkingDir`.
 * The directory is created in the stage's files. BuildKit always adds a layer (the mkdir) unless
 * the path is `/`; the classic builder adds one only when the directory did not exist yet (when
 * the base image's files are unknown, the entry says it depends).
 */
export function applyWorkdir(ctx: EvalContext, state: StageState, i: WorkdirInstruction): void {
  const requested = expandIn(ctx, state, i.path.value, i.path.range);
  if (requested === null) return;
  const r = resolveWorkdir(ctx.builder, state.config.WorkingDir.value, requested);
  if (!r.ok) {
    fail(ctx, FailurePhase.dispatch, "build/invalid-value", r.error, i.path.range, state);
    return;
  }
  // Each WORKDIR resolves and records its whole path: bounded by the pathLength budget (past
  // Linux's PATH_MAX with the daemon's storage path before it, a real build fails at a point and
  // with a message that depend on the daemon), and charged to the work meter.
  const bytes = utf8Length(r.path);
  if (bytes > ctx.budgets.pathLength) {
    const real = "a real build fails with `file name too long` where the daemon's storage directory and this path together reach Linux's PATH_MAX of 4096 bytes";
    exceedBudget(ctx, { budget: "pathLength", limit: ctx.budgets.pathLength }, `by a ${bytes}-byte working directory`, i.path.range, state, real);
    return;
  }
  ctx.work.paths += PATH_WORK_PER_CHAR * r.path.length;
  state.config = { ...state.config, WorkingDir: { value: r.path, origin: byInstruction(state, i), replaced: state.config.WorkingDir } };
  const parts = pathParts(r.path);
  const made = mkdirWorkdir(ctx.builder, state.files, state.track.rootfs, r.path, state.config.User.value, parts);
  // BuildKit's WORKDIR is a mkdir file operation (dockerfile2llb `dispatchWorkdir`), a step of the
  // stage's LLB state; its failures are execution errors, reported after every cache key.
  if (ctx.rules.workdirIsFileOp && r.path !== "/") noteStep(state.track, state.files, `WORKDIR ${r.path} ${state.config.User.value}`);
  if (!made.ok) {
    fail(ctx, execPhase(ctx.rules), "build/invalid-value", made.error, i.path.range, state);
    state.track.execFailure ??= made.error;
    return;
  }
  // BuildKit's mkdir gives a `FROM scratch` stage its root filesystem snapshot.
  if (ctx.rules.workdirIsFileOp && parts.length > 0) state.track.rootfs = true;
  if (made.ownerUnknown !== undefined) state.files.markOpaque(`WORKDIR at line ${i.line}: the owner is unknown (${made.ownerUnknown})`);
  if (ctx.rules.workdirIsFileOp) {
    if (r.path === "/") commitMetadata(ctx, state, i, "WORKDIR /");
    else commitLayer(ctx, state, i, `WORKDIR ${r.path}`);
  } else {
    // The classic builder commits a layer only when the directory was created (docs/semantics/copy-add.md §9.5).
    const shell = state.config.Shell.value ?? ["/bin/sh", "-c"];
    const text = `${shell.join(" ")} #(nop) WORKDIR ${r.path}`;
    if (made.created === null) commitLayer(ctx, state, i, text, { layerDependsOnChanges: true });
    else commitLayer(ctx, state, i, text, { empty_layer: !made.created });
  }
}
