/**
 * `explain-cmd` as a process: {@link main} wired to the process's streams, environment and terminal, and
 * its exit status; the REPL is loaded only when a run asks for it.
 *
 * @module
 */
import { main } from "./main.js";
import { EXIT_FAILURE, EXIT_OK, oneLine } from "./exit-status.js";

/**
 * Watches a process output stream: a reader that went away (`EPIPE`, as in `explain-cmd … | head`)
 * ends the process quietly with the status so far; any other write error prints one line and ends
 * it with {@link EXIT_FAILURE}.
 */
function guardOutput(stream: NodeJS.WriteStream, name: string): void {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? EXIT_OK);
    try {
      process.stderr.write(`explain-cmd: cannot write to ${name}: ${oneLine(e)}\n`);
    } finally {
      process.exit(EXIT_FAILURE);
    }
  });
}

/**
 * The process entry point used by `bin/explain-cmd.js`: runs {@link main} on `process.argv` and sets
 * `process.exitCode`.
 *
 * @example
 * ```ts
 * void run();
 * ```
 */
export async function run(): Promise<void> {
  guardOutput(process.stdout, "standard output");
  guardOutput(process.stderr, "standard error");
  const readStdin = async () => {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString("utf8");
  };
  const code = await main(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    readStdin,
    env: process.env,
    isTTY: process.stdout.isTTY === true,
    cwd: process.cwd(),
    interactive: async (start) => {
      const { runRepl } = await import("../repl.js");
      return runRepl(start, { input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY === true && process.stdout.isTTY === true, cwd: process.cwd() });
    },
  });
  process.exitCode = code;
}
