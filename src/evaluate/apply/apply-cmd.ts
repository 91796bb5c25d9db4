import type { CmdInstruction } from "../../parse/instruction.js";
import { byInstruction, commitMetadata, type EvalContext } from "../context.js";
import { goQuoteList } from "../history-text.js";
import type { StageState } from "../stage-state.js";
import { commandArgv } from "./command-argv.js";

/**
 * `CMD`: sets `Cmd` (the last CMD wins) and marks "CMD set in this stage", which keeps a later
 * ENTRYPOINT from clearing it. BuildKit marks it for every CMD and sets `ArgsEscaped`; the classic
 * builder marks it only for a non-empty CMD (`CMD []` and a bare `CMD` do not count).
 */
export function applyCmd(ctx: EvalContext, state: StageState, i: CmdInstruction): void {
  const argv = commandArgv(ctx, state, i.command, i.empty, "CMD");
  state.config = { ...state.config, Cmd: { value: argv, origin: byInstruction(state, i), replaced: state.config.Cmd }, ArgsEscaped: ctx.rules.cmdSetsArgsEscaped };
  const nonEmpty = !i.empty && !(i.command.form === "exec" && i.command.argv.length === 0);
  if (ctx.rules.emptyCmdCountsAsSet || nonEmpty) state.cmdSet = true;
  commitMetadata(ctx, state, i, `CMD ${goQuoteList(argv)}`);
}
