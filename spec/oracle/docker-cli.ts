/**
 * Thin, promise-based wrapper around the `docker` CLI for the oracle harness (node-side only).
 *
 * Everything here spawns the CLI binary named by an {@link Engine} with that engine's environment; nothing
 * goes through a shell, so arguments are passed verbatim.
 *
 * @module
 */
import { spawn } from "node:child_process";

/** A reachable Docker Engine, as found by `detectEngine()` in `engine.ts`. */
export interface Engine {
  /** Path (or PATH-resolved name) of the `docker` CLI binary. */
  docker: string;
  /** Complete environment for the CLI: `DOCKER_HOST`, `DOCKER_CONFIG`, … (no `DOCKER_BUILDKIT`). */
  env: NodeJS.ProcessEnv;
  /** `docker version`'s `.Server.Version`, e.g. `"28.5.2+dfsg4"`. */
  serverVersion: string;
}

/** Outcome of one CLI invocation. */
export interface DockerResult {
  /** Exit status; `null` when the process was killed (e.g. by the timeout) or could not be spawned. */
  code: number | null;
  /** Raw standard output. */
  stdout: Buffer;
  /** Standard error, decoded as UTF-8. */
  stderr: string;
}

/** Options of {@link runDocker}. */
export interface RunDockerOptions {
  /** Extra environment entries layered over `engine.env` (a value of `undefined` removes the entry). */
  env?: NodeJS.ProcessEnv;
  /** Kill the CLI after this many milliseconds (default 120 000). */
  timeoutMs?: number;
  /** Written to the CLI's standard input, which is then closed. */
  input?: string | Uint8Array;
  /** Working directory of the CLI (default: this process's). */
  cwd?: string;
}

/**
 * Runs `docker <args…>` against `engine` and collects its output. Never rejects: spawn failures and
 * timeouts come back as `code: null` with an explanation in `stderr`.
 */
export function runDocker(
  engine: Pick<Engine, "docker" | "env">,
  args: readonly string[],
  options: RunDockerOptions = {},
): Promise<DockerResult> {
  const env: NodeJS.ProcessEnv = { ...engine.env };
  for (const [k, v] of Object.entries(options.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return new Promise((resolve) => {
    let settled = false;
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const finish = (code: number | null, extra = ""): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ code, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString("utf8") + extra });
    };
    const child = spawn(engine.docker, args, { env, stdio: ["pipe", "pipe", "pipe"], ...(options.cwd !== undefined ? { cwd: options.cwd } : {}) });
    const timeoutMs = options.timeoutMs ?? 120_000;
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      finish(null, `\n[oracle] docker ${args[0] ?? ""} killed after ${timeoutMs} ms`);
    }, timeoutMs);
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    child.on("error", (e) => finish(null, `\n[oracle] cannot run ${engine.docker}: ${e.message}`));
    child.on("close", (code) => finish(code));
    child.stdin.on("error", () => {});
    child.stdin.end(options.input ?? undefined);
  });
}

/** Prefix the CLI puts before every error the daemon returns over the Engine API. */
const DAEMON_PREFIX = "Error response from daemon: ";

/**
 * Reduces the CLI's stderr for a failed daemon request (`docker create`, `docker inspect`, …) to the
 * daemon's own message: the last non-empty line, without the CLI's `Error response from daemon: ` prefix.
 */
export function daemonError(stderr: string): string {
  // Trailing spaces are the daemon's (e.g. `invalid signal: a=b ` for `STOPSIGNAL "a=b "`): kept.
  const lines = stderr.split(/\r?\n/).filter((l) => l.trim() !== "");
  const last = lines[lines.length - 1] ?? "";
  return last.startsWith(DAEMON_PREFIX) ? last.slice(DAEMON_PREFIX.length) : last;
}

/**
 * Reduces the stderr of a failed `docker build -q` to the engine's error message.
 *
 * What is stripped:
 * - BuildKit (buildx): everything before the last line that starts with `ERROR: ` (the progress output and
 *   the framed Dockerfile excerpt `Dockerfile:N / ---- / >>> …`), then the prefixes `ERROR: `,
 *   `failed to build: ` (added by buildx), `failed to solve: ` and `failed to run Build function: ` (added
 *   by the BuildKit client: which of the two depends on whether the solve or buildx's gateway callback
 *   reports the frontend's error first, so the same Dockerfile gets either, at random, when builds run
 *   concurrently), each as often as it repeats at the start. Continuation lines after the `ERROR:` line
 *   are kept.
 * - Legacy builder: the `DEPRECATED: The legacy builder…` banner and the step log the CLI replays on
 *   failure (`Sending build context…`, `Step n/m : …`, ` ---> …`, the RUN output); the message is the last
 *   non-blank line, without the `Error response from daemon: ` prefix when present.
 *
 * Trailing spaces are kept with both builders: the engine prints them (`STOPSIGNAL $A` with `A="a=b "`
 * fails with `invalid signal: a=b `, space included). Errors raised while
 *   a step runs (e.g. `The command '/bin/sh -c exit 3' returned a non-zero code: 3`, `COPY failed: …`)
 *   arrive in the build stream without that prefix and are kept as they are.
 *
 * So `FROM scratch\nFOO x` yields `dockerfile parse error on line 2: unknown instruction: FOO (did you mean
 * FROM?)` with both builders.
 */
export function buildError(stderr: string, builder: "buildkit" | "legacy"): string {
  const lines = stderr.split(/\r?\n/);
  if (builder === "buildkit") {
    let at = -1;
    for (let i = lines.length - 1; i >= 0; i--) {
      if (lines[i]!.startsWith("ERROR: ")) {
        at = i;
        break;
      }
    }
    if (at >= 0) {
      // Blank lines at the end go; trailing spaces of the message are the engine's and stay.
      let msg = lines.slice(at).join("\n").replace(/(\n[ \t]*)+$/, "");
      for (;;) {
        const next = msg.replace(/^(ERROR: |failed to build: |failed to solve: |failed to run Build function: )/, "");
        if (next === msg) break;
        msg = next;
      }
      return msg;
    }
  }
  return daemonError(stderr);
}
