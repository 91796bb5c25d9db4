/**
 * Drives the pure REPL interpreter the way the readline shell does: lines in, output out, with
 * `load` effects served from an in-memory file table.
 *
 * @module
 */
import { interpret, loadSource } from "../../src/session/interpret.js";
import { initialSession, type SessionState } from "../../src/session/state.js";
import { resolverWith } from "../helpers/simulate.js";

/** A session whose `load PATH` reads from `files`; `type` returns each command's output. */
export function session(files: Readonly<Record<string, string>>, init: Partial<SessionState> = {}) {
  let state = initialSession({ resolver: resolverWith(), ...init });
  let exited = false;
  const type = (line: string): string => {
    const step = interpret(state, line);
    state = step.state;
    let out = step.output;
    if (step.effect?.kind === "exit") exited = true;
    if (step.effect?.kind === "load") {
      const text = files[step.effect.path];
      if (text === undefined) return out + `cannot read ${step.effect.path}\n`;
      const loaded = loadSource(state, step.effect.path, text);
      state = loaded.state;
      out += loaded.output;
    }
    return out;
  };
  return { type, state: () => state, exited: () => exited };
}
