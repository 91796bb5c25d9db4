import { BUILDERS } from "../core/builder.js";
import { FIELD_NAMES } from "../explain/explain-field.js";
import { exposedPortKeys } from "../image/exposed-ports.js";
import { lintContextOf } from "../lint/lint-context.js";
import { COMMANDS, findCommand } from "./commands.js";
import { simulateOptionsOf, simulationOf, type SessionState } from "./state.js";

function stageNames(state: SessionState): string[] {
  const sim = simulationOf(state);
  if (sim === null) return [];
  return lintContextOf(sim, simulateOptionsOf(state)).stages.map((s) => s.name ?? s.label);
}

function fieldNames(state: SessionState): string[] {
  const c = simulationOf(state)?.stage?.config;
  const keyed = c === undefined ? [] : [
    ...c.Env.map((e) => `Env.${e.key}`), ...c.Labels.map((e) => `Labels.${e.key}`),
    ...exposedPortKeys(c.ExposedPorts).map((k) => `ExposedPorts.${k}`), ...c.Volumes.map((e) => `Volumes.${e.key}`),
  ];
  return [...FIELD_NAMES, ...keyed];
}

/**
 * Tab completion, in node:readline's shape `[candidates, the word being completed]`: command
 * names first, then per command stage names, builders, fields or build-arg names. File names
 * (`load`) are the shell's job: `files` is returned as `null` candidates for it.
 */
export function completeLine(state: SessionState, line: string): { readonly candidates: readonly string[]; readonly word: string; readonly files: boolean } {
  const words = line.split(/\s+/);
  const word = words[words.length - 1] ?? "";
  const starts = (options: readonly string[]) => options.filter((o) => o.startsWith(word));
  // A command name completes with the space after it, so the next Tab completes its argument.
  if (words.length <= 1) return { candidates: starts(COMMANDS.map((c) => c.name)).map((n) => `${n} `), word, files: false };
  const command = findCommand(words[0]!);
  const position = words.length - 1;
  switch (command?.completes) {
    case "stages":
      return { candidates: position === 1 ? starts([...stageNames(state), ...(command.name === "env" ? ["global"] : [])]) : [], word, files: false };
    case "builders":
      return { candidates: position === 1 ? starts(BUILDERS) : [], word, files: false };
    case "fields": {
      // Field names complete case-insensitively (`why wo` → WorkingDir), as explainField reads them.
      const lower = word.toLowerCase();
      return { candidates: fieldNames(state).filter((f) => f.toLowerCase().startsWith(lower)), word, files: false };
    }
    case "commands":
      return { candidates: position === 1 ? starts(COMMANDS.map((c) => c.name)) : [], word, files: false };
    case "set":
      if (position === 1) return { candidates: starts(["build-arg"]), word, files: false };
      return { candidates: position === 2 ? starts([...state.buildArgs.keys()].map((k) => (command.name === "set" ? `${k}=` : k))) : [], word, files: false };
    case "files":
      return { candidates: [], word, files: true };
    case undefined:
      return { candidates: [], word, files: false };
  }
}
