import { suggestClosest } from "../core/suggest.js";
import { COMMANDS, findCommand, summaryOf, type SessionStep } from "./commands.js";
import { lintDockerfile } from "../lint/lint-dockerfile.js";
import { simulateOptionsOf, simulationOf, type SessionState } from "./state.js";
import { splitCommandLine } from "./words.js";

/**
 * Runs one line typed at the REPL: a pure function from the session and the line to the next
 * session, the text to print and an effect for the shell (load a file, exit). The line is split
 * into words like a shell would quote them and never evaluated.
 *
 * @example
 * ```ts
 * let state = initialSession();
 * let step = interpret(state, "load .");              // effect: { kind: "load", path: "." }
 * state = loadSource(step.state, "./Dockerfile", text).state;
 * step = interpret(state, "why Cmd");
 * console.log(step.output);
 * ```
 */
export function interpret(state: SessionState, line: string): SessionStep {
  let words: string[];
  try {
    words = splitCommandLine(line);
  } catch (e) {
    return { state, output: `cannot read that line: ${(e as Error).message}\n` };
  }
  const [name, ...args] = words;
  if (name === undefined) return { state, output: "" };
  const command = findCommand(name);
  if (command === undefined) {
    const guess = suggestClosest(name, COMMANDS.map((c) => c.name), false);
    return { state, output: `unknown command ${JSON.stringify(name)}${guess === undefined ? "" : ` (did you mean ${guess}?)`}; try help\n` };
  }
  return command.run(state, args);
}

/** The session after the shell read a Dockerfile for `load`/`reload`, with a one-line summary. */
export function loadSource(state: SessionState, path: string, text: string): SessionStep {
  const next: SessionState = { ...state, source: { path, text } };
  const sim = simulationOf(next);
  const n = sim === null ? 0 : lintDockerfile(sim, { simulate: simulateOptionsOf(next) }).length + sim.diagnostics.length;
  const hint = n === 0 ? "" : `${n} warning${n === 1 ? "" : "s"}: type warnings to see ${n === 1 ? "it" : "them"}\n`;
  return { state: next, output: `Loaded ${path}: ${summaryOf(next)}${hint}` };
}
