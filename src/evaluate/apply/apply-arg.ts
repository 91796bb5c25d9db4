import type { ArgInstruction } from "../../parse/instruction.js";
import { byInstruction, commitMetadata, expandIn, type EvalContext } from "../context.js";
import type { StageState } from "../stage-state.js";
import { withArg, type VariableInForce } from "../variables.js";

/**
 * `ARG name[=default] …` inside a stage.
 *
 * BuildKit (Docker 28.5, frontend ≥ 1.8): names are not expanded; each value is, in order:
 * the `--build-arg` (raw), else the default expanded with the variables so far (sequentially, so
 * `ARG a=1 b=$a` gives b=1), else the global ARG of that name. The history shows the value used.
 *
 * Classic builder: names and defaults are expanded with the variables from before the instruction;
 * the value is looked up when used (build-arg, else default, else global); ENV of the same name
 * still wins. The history shows the default.
 */
export function applyArg(ctx: EvalContext, state: StageState, i: ArgInstruction): void {
  const origin = byInstruction(state, i);
  const shown: string[] = [];
  if (state.scope.kind === "declared-args") {
    const expanded: { name: string; defaultValue: string | null }[] = [];
    for (const a of i.args) {
      const name = expandIn(ctx, state, a.name.value, a.name.range);
      const def = a.defaultValue === null ? null : expandIn(ctx, state, a.defaultValue.value, a.defaultValue.range);
      if (name === null || (a.defaultValue !== null && def === null)) return;
      expanded.push({ name, defaultValue: def });
    }
    for (const a of expanded) {
      state.scope = withArg(state.scope, null, { name: a.name, defaultValue: a.defaultValue, origin });
      shown.push(a.defaultValue === null ? a.name : `${a.name}=${a.defaultValue}`);
    }
  } else {
    for (const a of i.args) {
      const name = a.name.value;
      let v: VariableInForce | null = null;
      const fromBuildArg = ctx.inputs.buildArgs.get(name);
      if (fromBuildArg !== undefined) {
        v = { name, value: fromBuildArg, kind: "ARG", origin, argSource: "build-arg" };
      } else if (a.defaultValue !== null) {
        const value = expandIn(ctx, state, a.defaultValue.value, a.defaultValue.range);
        if (value === null) return;
        v = { name, value, kind: "ARG", origin, argSource: "default" };
      } else {
        const g = ctx.inputs.globals.get(name);
        if (g !== undefined) v = { name, value: g.value, kind: "ARG", origin, argSource: g.argSource === "automatic" ? "automatic" : "global" };
      }
      state.scope = withArg(state.scope, v, { name, defaultValue: v?.value ?? null, origin });
      state.runArgs.set(name, v?.value ?? null);
      shown.push(v === null ? name : `${name}=${v.value}`);
    }
  }
  commitMetadata(ctx, state, i, `ARG ${shown.join(" ")}`);
}
