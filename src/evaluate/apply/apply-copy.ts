import type { AddInstruction, CopyInstruction } from "../../parse/instruction.js";
import { commitLayer, expandIn, fail, type EvalContext } from "../context.js";
import type { StageState } from "../stage-state.js";

const REQUIRES_BUILDKIT = "the --chmod option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled";

/**
 * `COPY` / `ADD` as far as the image config and history go (files are issue #3's virtual
 * filesystem): sources, destination and `--chown`/`--chmod` are expanded (an expansion error fails
 * the build), the classic builder refuses `--chmod`, and a layer is added.
 */
export function applyCopy(ctx: EvalContext, state: StageState, i: CopyInstruction | AddInstruction): void {
  if (ctx.builder === "legacy" && i.chmod !== null && i.chmod !== "") {
    fail(ctx, 4, "build/flag", REQUIRES_BUILDKIT, i.range, state);
    return;
  }
  const chown = i.chown === null ? null : expandIn(ctx, state, i.chown, i.range);
  const chmod = i.chmod === null ? null : ctx.builder === "buildkit" ? expandIn(ctx, state, i.chmod, i.range) : i.chmod;
  const sources: string[] = [];
  for (const s of i.sources) {
    const v = expandIn(ctx, state, s.value, s.range);
    if (v === null) return;
    sources.push(v);
  }
  const dest = expandIn(ctx, state, i.destination.value, i.destination.range);
  if (dest === null) return;
  if (ctx.builder === "buildkit") {
    const flags = [chown ? `--chown=${chown}` : "", chmod ? `--chmod=${chmod}` : ""].filter((f) => f !== "");
    commitLayer(ctx, state, i, [i.keyword, ...flags, ...sources, dest].join(" ") + " # buildkit");
  } else {
    const shell = state.config.Shell.value ?? ["/bin/sh", "-c"];
    commitLayer(ctx, state, i, `${shell.join(" ")} #(nop) ${i.keyword} ${chown ? `--chown=${chown}` : ""}file:<content hash> in ${dest} `, { layerDependsOnChanges: false });
  }
}
