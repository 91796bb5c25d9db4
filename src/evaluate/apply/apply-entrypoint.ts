import type { EntrypointInstruction } from "../../parse/instruction.js";
import { byInstruction, commitMetadata, siteOf, type EvalContext } from "../context.js";
import { goQuoteList } from "../history-text.js";
import type { StageState } from "../stage-state.js";
import { commandArgv } from "./command-argv.js";

/**
 * `ENTRYPOINT`: sets `Entrypoint`, and clears `Cmd` unless a CMD was set earlier in the same
 * stage (an inherited CMD, from the base image or an earlier stage, is cleared; a CMD written
 * after the ENTRYPOINT is kept). Both builders; see {@link applyCmd} for what counts as "set".
 */
export function applyEntrypoint(ctx: EvalContext, state: StageState, i: EntrypointInstruction): void {
  const argv = commandArgv(ctx, state, i.command, i.empty, "ENTRYPOINT");
  let config = { ...state.config, Entrypoint: { value: argv, origin: byInstruction(state, i), replaced: state.config.Entrypoint } };
  if (ctx.rules.entrypointClearsArgsEscaped) config = { ...config, ArgsEscaped: false };
  if (!state.cmdSet) {
    const previous = state.config.Cmd;
    const reason = "no CMD was set in this stage before it";
    config = { ...config, Cmd: { value: null, origin: { kind: "reset", site: siteOf(state, i), reason }, replaced: previous } };
  }
  state.config = config;
  commitMetadata(ctx, state, i, `ENTRYPOINT ${goQuoteList(argv)}`);
}
