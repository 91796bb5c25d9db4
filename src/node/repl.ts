import { readdirSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { createInterface, type Interface } from "node:readline";
import { completeLine } from "../session/complete.js";
import { interpret, loadSource } from "../session/interpret.js";
import type { SessionState } from "../session/state.js";

/** How the CLI starts a REPL: the initial session and what to load first. */
export interface ReplStart {
  readonly state: SessionState;
  /** A Dockerfile or context directory to load before the first prompt, or null. */
  readonly load: string | null;
}

/** The streams and settings of a REPL (injectable, so tests can drive it without a terminal). */
export interface ReplIo {
  readonly input: NodeJS.ReadableStream;
  readonly output: NodeJS.WritableStream;
  /** Whether to use line editing, history and completion (a TTY). */
  readonly terminal: boolean;
  readonly cwd: string;
  readonly prompt?: string;
}

/** Reads a Dockerfile, or `PATH/Dockerfile` when PATH is a directory. */
export async function readDockerfile(cwd: string, path: string): Promise<{ ok: true; path: string; text: string } | { ok: false; error: string }> {
  const full = resolve(cwd, path);
  try {
    const file = statSync(full).isDirectory() ? join(full, "Dockerfile") : full;
    const shown = file === full ? path : join(path, "Dockerfile");
    return { ok: true, path: shown, text: await readFile(file, "utf8") };
  } catch (e) {
    return { ok: false, error: `cannot read ${path}: ${(e as Error).message}` };
  }
}

/** File-name completion for `load PATH`. */
function completeFiles(cwd: string, word: string): string[] {
  const dir = word.endsWith("/") ? word : dirname(word);
  const prefix = word.endsWith("/") ? "" : basename(word);
  try {
    return readdirSync(resolve(cwd, dir), { withFileTypes: true })
      .filter((e) => e.name.startsWith(prefix) && (prefix.startsWith(".") || !e.name.startsWith(".")))
      .map((e) => `${dir === "." && !word.startsWith("./") ? "" : dir.endsWith("/") ? dir : `${dir}/`}${e.name}${e.isDirectory() ? "/" : ""}`);
  } catch {
    return [];
  }
}

/**
 * The interactive `explain-cmd -i`: a thin node:readline shell (line editing, history, tab
 * completion) around the pure interpreter {@link interpret}. Loads files when the interpreter
 * asks, and returns the exit status when the user types `exit` or closes the input.
 */
export async function runRepl(start: ReplStart, io: ReplIo): Promise<number> {
  let state = start.state;
  const write = (s: string) => {
    if (s !== "") io.output.write(s);
  };
  const rl: Interface = createInterface({
    input: io.input,
    output: io.output,
    terminal: io.terminal,
    historySize: 1000,
    removeHistoryDuplicates: true,
    prompt: io.prompt ?? "explain> ",
    completer: (line: string) => {
      const c = completeLine(state, line);
      return [c.files ? completeFiles(io.cwd, c.word) : [...c.candidates], c.word];
    },
  });
  rl.on("SIGINT", () => {
    write("^C\n");
    rl.write(null, { ctrl: true, name: "u" });
    rl.prompt();
  });
  const load = async (path: string) => {
    const r = await readDockerfile(io.cwd, path);
    if (!r.ok) return write(`${r.error}\n`);
    const step = loadSource(state, r.path, r.text);
    state = step.state;
    write(step.output);
  };
  // Lines are queued as they arrive (piped input can arrive all at once, before a load is done)
  // and handled one at a time, in order.
  const lines = lineQueue(rl);
  write("explain-cmd: what Docker would build and run, without building. Type help for commands, exit to leave.\n");
  if (start.load !== null) await load(start.load);
  rl.prompt();
  for (let line = await lines.next(); line !== null; line = await lines.next()) {
    const step = interpret(state, line);
    state = step.state;
    write(step.output);
    if (step.effect?.kind === "exit") break;
    if (step.effect?.kind === "load") await load(step.effect.path);
    rl.prompt();
  }
  rl.close();
  return 0;
}

/** The lines of a readline interface, buffered from the start; `null` once the input is closed. */
function lineQueue(rl: Interface): { next: () => Promise<string | null> } {
  const buffered: (string | null)[] = [];
  let waiting: ((line: string | null) => void) | null = null;
  const push = (line: string | null) => {
    if (waiting !== null) {
      const w = waiting;
      waiting = null;
      w(line);
    } else buffered.push(line);
  };
  rl.on("line", (line) => push(line));
  rl.on("close", () => push(null));
  return {
    next: () => (buffered.length > 0 ? Promise.resolve(buffered.shift()!) : new Promise((r) => (waiting = r))),
  };
}
