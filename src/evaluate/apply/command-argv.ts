import type { CommandLine } from "../../parse/instruction.js";
import type { EvalContext } from "../context.js";
import type { StageState } from "../stage-state.js";

/** The shell a stage uses for shell form: its SHELL, else the OS default (`/bin/sh -c`, Windows `cmd /S /C`). */
export function shellOf(state: StageState): readonly string[] {
  const s = state.config.Shell.value;
  if (s !== null && s.length > 0) return s;
  return baseOs(state) === "windows" ? ["cmd", "/S", "/C"] : ["/bin/sh", "-c"];
}

function baseOs(state: StageState): string {
  return state.base.kind === "image" ? state.base.image.os : "linux";
}

/**
 * The argv a CMD, ENTRYPOINT or RUN stores, per builder (Docker 28.5):
 *
 * - exec form: the array as written (an empty ENTRYPOINT array becomes null: `emptyAsNil`);
 * - shell form: SHELL ++ [text], the text never expanded by the builder;
 * - bare `CMD` / `ENTRYPOINT` with no arguments: BuildKit `["/bin/sh","-c",""]`; the classic
 *   builder `["/bin/sh","-c"]` for CMD and null for ENTRYPOINT (moby `resolveCmdLine` prepends the
 *   shell only to a non-nil list).
 */
export function commandArgv(ctx: EvalContext, state: StageState, command: CommandLine, bare: boolean, kind: "CMD" | "ENTRYPOINT" | "RUN"): readonly string[] | null {
  if (command.form === "exec") {
    if (kind === "ENTRYPOINT" && command.argv.length === 0) return null;
    return command.argv;
  }
  const shell = shellOf(state);
  if (bare && ctx.builder === "legacy") return kind === "ENTRYPOINT" ? null : [...shell];
  return [...shell, command.text];
}
