import { BUILDERS, type Builder } from "../core/builder.js";
import type { Simulation } from "../simulate.js";
import { explainField } from "../explain/explain-field.js";
import { renderFieldAnswer } from "../explain/render-field.js";
import { parseRunWords, runOptionsText } from "./run-options.js";
import { simulationOf, type SessionState } from "./state.js";
import { variablesAt } from "./variables-at.js";
import { configView, explanationView, historyView, layersView, stagesView, variablesView, warningsView, filesView } from "./views.js";

/** Something only the shell around the interpreter can do (it touches files or the process). */
export type SessionEffect = { readonly kind: "load"; readonly path: string } | { readonly kind: "exit" };

/** The result of one command: the next state, what to print, and an effect for the shell. */
export interface SessionStep {
  readonly state: SessionState;
  readonly output: string;
  readonly effect?: SessionEffect;
}

/** One REPL command. */
export interface SessionCommand {
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  /** What the words after the command name complete to (beyond the shell's file names). */
  readonly completes?: "stages" | "builders" | "fields" | "set" | "commands" | "files";
  readonly run: (state: SessionState, args: readonly string[]) => SessionStep;
}

const say = (state: SessionState, output: string): SessionStep => ({ state, output: output.endsWith("\n") || output === "" ? output : output + "\n" });

/** Runs `f` with the simulation, or says that nothing is loaded. */
function withSim(state: SessionState, f: (sim: Simulation) => string): SessionStep {
  const sim = simulationOf(state);
  return say(state, sim === null ? "No Dockerfile loaded: load PATH (a Dockerfile or a context directory).\n" : f(sim));
}

/** What a state change does to the build, in one line. */
export function summaryOf(state: SessionState): string {
  const sim = simulationOf(state);
  if (sim === null) return "";
  const stage = sim.stage === null ? "no stage" : `stage ${JSON.stringify(sim.stage.label)}`;
  const run = sim.run === null ? "" : sim.run.ok ? `; runs ${JSON.stringify([sim.run.path, ...sim.run.args])}` : `; docker run fails: ${sim.run.error}`;
  const err = sim.error === null ? "" : `; a real build fails: ${sim.error.message}`;
  const builder = state.builder === "buildkit" ? "BuildKit" : "classic builder";
  // The run options of the last `run` stay in force; say so, or a changed build seems to run them by itself.
  const options = runOptionsText(state.run);
  const kept = options === "" ? "" : `; as ${options} (from your last run; \`run\` alone clears it)`;
  return `${builder}, ${stage}${run}${kept}${err}\n`;
}

function parseLine(word: string | undefined): number | null | "bad" {
  if (word === undefined) return null;
  return /^\d+$/.test(word) && Number(word) > 0 ? Number(word) : "bad";
}

/** Every command, in the order `help` lists them. */
export const COMMANDS: readonly SessionCommand[] = [
  {
    name: "load", usage: "load PATH", summary: "load a Dockerfile, or CONTEXT/Dockerfile", completes: "files",
    run: (state, args) => (args.length !== 1 ? say(state, "usage: load PATH") : { state, output: "", effect: { kind: "load", path: args[0]! } }),
  },
  {
    name: "reload", usage: "reload", summary: "read the loaded Dockerfile again",
    run: (state) => (state.source === null ? say(state, "Nothing loaded yet: load PATH") : { state, output: "", effect: { kind: "load", path: state.source.path } }),
  },
  {
    name: "run", usage: "run [--entrypoint CMD] [-e K=V]... [-w DIR] [-u USER] [COMMAND [ARG...]]", summary: "what docker run starts, and why",
    run: (state, args) => {
      const parsed = parseRunWords(args);
      if (!parsed.ok) return say(state, parsed.error);
      const next = { ...state, run: parsed.value };
      const sim = simulationOf(next);
      return sim === null ? withSim(next, () => "") : say(next, explanationView(next, sim));
    },
  },
  {
    name: "env", usage: "env [STAGE|global] [LINE]", summary: "variables in force (ARG and ENV marked)", completes: "stages",
    run: (state, args) => {
      if (args.length > 2) return say(state, "usage: env [STAGE|global] [LINE]");
      const lineWord = args.length === 2 ? args[1] : args.length === 1 && /^\d+$/.test(args[0]!) ? args[0] : undefined;
      const stage = args.length === 2 || (args.length === 1 && lineWord === undefined) ? args[0]! : null;
      const line = parseLine(lineWord);
      if (line === "bad") return say(state, `LINE must be a line number, not ${JSON.stringify(lineWord)}`);
      const v = variablesAt(state, stage, line);
      return say(state, v.ok ? variablesView(v.value, state.style) : v.error);
    },
  },
  { name: "config", usage: "config", summary: "the image config, as docker image inspect shows it", run: (state) => withSim(state, configView) },
  { name: "history", usage: "history", summary: "the history entries the build adds", run: (state) => withSim(state, (sim) => historyView(sim, state.style)) },
  { name: "layers", usage: "layers", summary: "the image's layer count", run: (state) => withSim(state, layersView) },
  { name: "stages", usage: "stages", summary: "the stages, the target marked with *", run: (state) => withSim(state, (sim) => stagesView(state, sim)) },
  {
    name: "files", usage: "files PATH", summary: "the files at PATH in the image",
    run: (state, args) => (args.length !== 1 ? say(state, "usage: files PATH") : withSim(state, (sim) => filesView(sim, args[0]!, state.style))),
  },
  {
    name: "why", usage: "why FIELD", summary: "where a config field came from (Cmd, Env.PATH, Labels.KEY, workdir…)", completes: "fields",
    run: (state, args) => withSim(state, (sim) => {
      if (args.length === 0) return "usage: why FIELD (Entrypoint, Cmd, Env, Env.KEY, WorkingDir, User, ExposedPorts, Volumes, Labels, StopSignal, Healthcheck, Shell, OnBuild, Author)";
      const a = explainField(sim, args.join(" "));
      return a.ok ? renderFieldAnswer(a.value, state.style) : a.error;
    }),
  },
  { name: "warnings", usage: "warnings", summary: "the traps found in this Dockerfile", run: (state) => withSim(state, (sim) => warningsView(state, sim)) },
  {
    name: "set", usage: "set build-arg K=V", summary: "set a --build-arg", completes: "set",
    run: (state, args) => {
      if (args.length === 0) {
        const ba = [...state.buildArgs].map(([k, v]) => `--build-arg ${k}=${v}`).join(" ");
        return say(state, `builder ${state.builder}; target ${state.target ?? "(last stage)"}; ${ba === "" ? "no build args" : ba}`);
      }
      const kv = args[1];
      if (args[0] !== "build-arg" || kv === undefined || args.length !== 2 || !kv.includes("=")) return say(state, "usage: set build-arg K=V");
      const eq = kv.indexOf("=");
      const next = { ...state, buildArgs: new Map([...state.buildArgs, [kv.slice(0, eq), kv.slice(eq + 1)]]) };
      return say(next, summaryOf(next));
    },
  },
  {
    name: "unset", usage: "unset build-arg K", summary: "remove a --build-arg", completes: "set",
    run: (state, args) => {
      if (args[0] !== "build-arg" || args.length !== 2) return say(state, "usage: unset build-arg K");
      const buildArgs = new Map(state.buildArgs);
      buildArgs.delete(args[1]!);
      const next = { ...state, buildArgs };
      return say(next, summaryOf(next));
    },
  },
  {
    name: "target", usage: "target [STAGE|-]", summary: "build STAGE (- for the last stage)", completes: "stages",
    run: (state, args) => {
      if (args.length === 0) return say(state, `target: ${state.target ?? "(last stage)"}`);
      const next = { ...state, target: args[0] === "-" ? null : args[0]! };
      return say(next, summaryOf(next));
    },
  },
  {
    name: "builder", usage: "builder buildkit|legacy", summary: "follow BuildKit or the classic builder", completes: "builders",
    run: (state, args) => {
      if (args.length === 0) return say(state, `builder: ${state.builder}`);
      const b = args[0] as Builder;
      if (args.length !== 1 || !BUILDERS.includes(b)) return say(state, "usage: builder buildkit|legacy");
      const next = { ...state, builder: b };
      return say(next, summaryOf(next));
    },
  },
  { name: "help", usage: "help [COMMAND]", summary: "this list", completes: "commands", run: (state, args) => say(state, helpText(args[0])) },
  { name: "exit", usage: "exit", summary: "leave (also quit, Ctrl-D)", run: (state) => ({ state, output: "", effect: { kind: "exit" } }) },
];

const ALIASES: Readonly<Record<string, string>> = { quit: "exit", "?": "help", lint: "warnings", inspect: "config" };

/** The command a name stands for (aliases included). */
export function findCommand(name: string): SessionCommand | undefined {
  const n = ALIASES[name.toLowerCase()] ?? name.toLowerCase();
  return COMMANDS.find((c) => c.name === n);
}

function helpText(name: string | undefined): string {
  if (name !== undefined) {
    const c = findCommand(name);
    return c === undefined ? `no command ${JSON.stringify(name)}; try help` : `${c.usage}\n  ${c.summary}`;
  }
  const width = Math.max(...COMMANDS.map((c) => c.usage.length));
  return ["Commands (Tab completes commands, stage names and fields):", ...COMMANDS.map((c) => `  ${c.usage.padEnd(Math.min(width, 34))}  ${c.summary}`)].join("\n");
}
