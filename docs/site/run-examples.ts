/**
 * Runs the docs' examples the way a reader would, and captures what they print: the TypeScript examples in
 * `docs/examples/` (each a program importing `dockerfile-semantics`) and the terminal sessions of the CLI
 * guide (`explain-cmd …` and REPL sessions). The site build (`docs/site/generate.ts`) puts the captured
 * output on the pages, and `spec/docs/examples-run.spec.ts` runs every one of them.
 *
 * Node only (child processes). The package is resolved from the sources through the
 * `dockerfile-semantics-source` export condition, so nothing needs building first.
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository's root directory. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
/** Where the TypeScript examples live. */
export const EXAMPLES_DIR = join(ROOT, "docs/examples");

/** How a captured program is started: Node with the sources' export condition and tsx. */
export const NODE_ARGS = ["--conditions=dockerfile-semantics-source", "--import", "tsx"] as const;

/** What a program printed. */
export interface Captured {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function node(args: readonly string[], input?: string): Captured {
  const r = spawnSync(process.execPath, [...NODE_ARGS, ...args], {
    cwd: ROOT,
    input: input ?? "",
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0", COLUMNS: "100" },
    maxBuffer: 16 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The examples' paths relative to the root (`docs/examples/effective-command.ts`), sorted. */
export function listExamples(): string[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((f) => f.endsWith(".ts"))
    .sort()
    .map((f) => relative(ROOT, join(EXAMPLES_DIR, f)));
}

/** Runs one example as `npm run example <path>` does. */
export function runExample(path: string): Captured {
  return node([path]);
}

/** A terminal session of the CLI guide: one `explain-cmd` command line, or a REPL fed these lines. */
export interface CliSession {
  readonly name: string;
  /** The arguments after `explain-cmd`. */
  readonly args: readonly string[];
  /** Lines typed at the REPL (with `-i`). */
  readonly input?: readonly string[];
}

/** The sessions the CLI guide shows (run from the repository's root, on its `examples/`). */
export const CLI_SESSIONS: readonly CliSession[] = [
  { name: "explain", args: ["--image", "python:3.12-slim=examples/shell-entrypoint/python.inspect.json", "examples/shell-entrypoint"] },
  { name: "explain-run-args", args: ["--image", "python:3.12-slim=examples/shell-entrypoint/python.inspect.json", "-u", "nobody", "examples/shell-entrypoint", "--verbose"] },
  { name: "json", args: ["--json", "--image", "python:3.12-slim=examples/shell-entrypoint/python.inspect.json", "examples/shell-entrypoint"] },
  { name: "legacy-files", args: ["--builder", "legacy", "--files", "/srv", "--image", "python:3.12-slim=examples/shell-entrypoint/python.inspect.json", "examples/shell-entrypoint"] },
  {
    name: "repl",
    args: ["-i", "--image", "python:3.12-slim=examples/shell-entrypoint/python.inspect.json", "examples/shell-entrypoint"],
    input: ["why Cmd", "run --entrypoint python -- app.py --port 9000", "history", "builder legacy", "layers", "exit"],
  },
];

/** The shell line a session stands for, as shown on the page. */
export function commandLineOf(s: CliSession): string {
  const quote = (w: string) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`);
  return `$ explain-cmd ${s.args.map(quote).join(" ")}`;
}

/** Runs a session and renders it as a terminal would show it (REPL input lines echoed after the prompt). */
export function runCliSession(s: CliSession): Captured & { readonly transcript: string } {
  const input = s.input === undefined ? undefined : s.input.join("\n") + "\n";
  const r = node(["docs/site/explain-cmd.ts", ...s.args], input);
  let body = r.stdout;
  if (s.input !== undefined) {
    // Piped input is not echoed: put each line back after the prompt that read it.
    const parts = body.split("explain> ");
    body = parts.map((p, i) => (i === 0 ? p : `explain> ${s.input![i - 1] ?? ""}\n${p}`)).join("");
  }
  const transcript = `${commandLineOf(s)}\n${body}${r.stderr}`.replace(/\s+$/, "") + "\n";
  return { ...r, transcript };
}
