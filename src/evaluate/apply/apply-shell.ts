import type { ShellInstruction } from "../../parse/instruction.js";
import { byInstruction, commitMetadata, type EvalContext } from "../context.js";
import { goList } from "../history-text.js";
import type { StageState } from "../stage-state.js";

/** `SHELL [...]`: the shell for later shell-form RUN/CMD/ENTRYPOINT; stored in the config and inherited. */
export function applyShell(ctx: EvalContext, state: StageState, i: ShellInstruction): void {
  state.config = { ...state.config, Shell: { value: i.shell, origin: byInstruction(state, i), replaced: state.config.Shell } };
  commitMetadata(ctx, state, i, `SHELL ${goList(i.shell)}`);
}
