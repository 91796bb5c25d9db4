import { readFile } from "node:fs/promises";
import { statSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { Command, CommanderError } from "commander";
import type { Builder } from "../core/builder.js";
import type { BuildContext } from "../fs/context-types.js";
import { memoryContext } from "../fs/context/memory-context.js";
import { listFiles } from "../fs/vfs/list-tree.js";
import { explainRun } from "../explain/explain-run.js";
import { PLAIN, renderExplanation } from "../explain/render-text.js";
import { initialSession } from "../explain/session/state.js";
import { lintDockerfile } from "../lint/lint-dockerfile.js";
import { toJsonReport } from "../report/json-report.js";
import { fetchDownloads } from "../fetch-downloads.js";
import { simulate, type SimulateOptions } from "../simulate.js";
import { ANSI, wantsColour } from "./ansi.js";
import { diskContext } from "./disk-context.js";
import { loadImageFiles } from "./image-files.js";
import type { ReplStart } from "./repl.js";

/** Where the CLI reads and writes; injectable for tests. */
export interface CliIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly readStdin: () => Promise<string>;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly isTTY: boolean;
  readonly cwd: string;
  /** Starts the REPL (`-i`, or no arguments on a TTY); absent where there is no terminal to run it on. */
  readonly interactive?: (start: ReplStart) => Promise<number>;
}

const collect = (value: string, previous: string[]) => [...previous, value];

function program(): Command {
  return new Command()
    .name("explain-cmd")
    .description("Tells what Docker would build and run from a Dockerfile, without building it: read as `docker build CONTEXT` followed by `docker run IMAGE [COMMAND [ARG...]]`.")
    .enablePositionalOptions()
    .passThroughOptions()
    .allowExcessArguments(true)
    .option("--json", "print one JSON object (a stable contract) instead of an explanation")
    .option("-i, --interactive", "explore interactively (a REPL: run, env, why, config, stages…)")
    .option("-f, --file <dockerfile>", "the Dockerfile (default CONTEXT/Dockerfile; - reads standard input)")
    .option("--target <stage>", "the stage to build")
    .option("--build-arg <k=v>", "a build argument (repeatable)", collect, [])
    .option("--builder <builder>", "buildkit or legacy", "buildkit")
    .option("--image <ref=file>", "a base image's config, as saved by `docker image inspect REF > FILE` (repeatable)", collect, [])
    .option("--files <path>", "list the files at and under PATH in the image (repeatable)", collect, [])
    .option("--fetch", "download the URLs of ADD instructions first, as a real build would (default: report them as not fetched)")
    .option("--entrypoint <cmd>", "docker run --entrypoint")
    .option("-e, --env <k=v>", "docker run -e (repeatable)", collect, [])
    .option("-w, --workdir <dir>", "docker run -w")
    .option("-u, --user <user>", "docker run -u")
    .argument("<context>", "the build context directory")
    .argument("[command...]", "what follows the image in docker run")
    .exitOverride()
    .configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
}

interface Parsed {
  json?: boolean;
  interactive?: boolean;
  file?: string;
  target?: string;
  buildArg: string[];
  builder: string;
  image: string[];
  files: string[];
  fetch?: boolean;
  entrypoint?: string;
  env: string[];
  workdir?: string;
  user?: string;
}

/** `K=V` → [K, V]; a bare `K` takes its value from the environment, as the docker CLI does (or is dropped when unset). */
function keyValues(items: readonly string[], env: CliIo["env"]): Map<string, string> {
  const out = new Map<string, string>();
  for (const item of items) {
    const eq = item.indexOf("=");
    if (eq < 0) {
      const v = env[item];
      if (v !== undefined) out.set(item, v);
    } else out.set(item.slice(0, eq), item.slice(eq + 1));
  }
  return out;
}

/** Exit status: the simulation ran (even when it predicts a failing build). */
export const EXIT_OK = 0;
/** Exit status: an I/O error writing the output, or an internal error (one line on standard error). */
export const EXIT_FAILURE = 1;
/** Exit status: a usage error, or an input that cannot be read (one line on standard error). */
export const EXIT_USAGE = 2;

/**
 * Runs `explain-cmd` with the given arguments (without `node` and the script). Returns the exit
 * status: {@link EXIT_OK} whenever the simulation ran (even when it predicts a failing build),
 * {@link EXIT_USAGE} for usage errors and unreadable inputs, {@link EXIT_FAILURE} for anything
 * else, always with one line on standard error and never a stack trace.
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await mainUnguarded(argv, io);
  } catch (e) {
    io.stderr(`explain-cmd: ${oneLine(e)}\n`);
    return EXIT_FAILURE;
  }
}

/** An error as one line: its message (never its stack). */
function oneLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.replace(/\s*\n\s*/g, " ");
}

async function mainUnguarded(argv: readonly string[], io: CliIo): Promise<number> {
  const colour = wantsColour(io.isTTY, io.env);
  if (argv.length === 0 && io.isTTY && io.interactive !== undefined) {
    return io.interactive({ state: initialSession({ style: colour ? ANSI : PLAIN }), load: null });
  }
  const cmd = program();
  try {
    cmd.parse([...argv], { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.version") {
        io.stdout(cmd.helpInformation());
        return 0;
      }
      io.stderr(`explain-cmd: ${e.message.replace(/^error: /, "")}\n${cmd.helpInformation()}`);
      return 2;
    }
    throw e;
  }
  const o = cmd.opts<Parsed>();
  const [context, command] = cmd.processedArgs as [string, string[]];
  if (o.builder !== "buildkit" && o.builder !== "legacy") {
    io.stderr(`explain-cmd: --builder must be buildkit or legacy, not ${JSON.stringify(o.builder)}\n`);
    return 2;
  }
  const builder: Builder = o.builder;
  if (o.interactive === true && (io.interactive === undefined || o.file === "-")) {
    io.stderr(`explain-cmd: -i needs a terminal${o.file === "-" ? " (it cannot read the Dockerfile from standard input)" : ""}\n`);
    return 2;
  }
  let text: string;
  const dockerfilePath = o.file === undefined ? join(context, "Dockerfile") : o.file;
  try {
    text = o.file === "-" ? await io.readStdin() : await readFile(resolve(io.cwd, dockerfilePath), "utf8");
  } catch (e) {
    io.stderr(`explain-cmd: cannot read the Dockerfile ${dockerfilePath}: ${(e as Error).message}\n`);
    return 2;
  }
  const images = await loadImageFiles(o.image);
  if (!images.ok) {
    io.stderr(`explain-cmd: ${images.error}\n`);
    return 2;
  }
  const env = o.env.map((item) => (item.includes("=") || io.env[item] === undefined ? item : `${item}=${io.env[item]}`));
  const buildArgs = keyValues(o.buildArg, io.env);
  const buildContext = readBuildContext(resolve(io.cwd, context), o.file === undefined ? "Dockerfile" : o.file === "-" ? null : relative(resolve(io.cwd, context), resolve(io.cwd, o.file)), io.stderr);
  if (!buildContext.ok) io.stderr(`explain-cmd: warning: ${buildContext.error}; COPY and ADD sources are taken as unknown\n`);
  let options: SimulateOptions = {
    builder,
    buildArgs,
    ...(buildContext.ok ? { context: buildContext.context } : {}),
    ...(o.target === undefined ? {} : { target: o.target }),
    resolver: images.resolver,
    run: {
      args: command,
      env,
      ...(o.entrypoint === undefined ? {} : { entrypoint: o.entrypoint }),
      ...(o.workdir === undefined ? {} : { workdir: o.workdir }),
      ...(o.user === undefined ? {} : { user: o.user }),
    },
  };
  if (o.interactive === true && io.interactive !== undefined) {
    const state = initialSession({ builder, target: o.target ?? null, buildArgs, resolver: images.resolver, run: options.run ?? {}, style: colour ? ANSI : PLAIN, ...(buildContext.ok ? { context: buildContext.context } : {}) });
    return io.interactive({ state, load: dockerfilePath });
  }
  if (o.fetch === true) {
    const downloads = await fetchDownloads(text, options);
    for (const [url, d] of downloads) if (d.kind === "failed") io.stderr(`explain-cmd: warning: could not download ${url}: ${d.cause}\n`);
    options = { ...options, downloads };
  }
  const sim = simulate(text, options);
  const warnings = lintDockerfile(sim, { simulate: options });
  if (o.json === true) {
    const report = toJsonReport(sim);
    const stageFiles = sim.stage?.files;
    const files = o.files.length === 0 ? {} : { files: Object.fromEntries(o.files.map((p) => [p, stageFiles === undefined ? [] : listFiles(stageFiles, p).entries])) };
    io.stdout(JSON.stringify({ ...report, diagnostics: [...report.diagnostics, ...warnings], ...files }, null, 2) + "\n");
  } else {
    io.stdout(renderExplanation(explainRun(sim), colour ? ANSI : PLAIN, warnings));
  }
  return 0;
}

/**
 * The build context directory as each builder sees it (read once per builder, on demand), or why it
 * cannot be read. `dockerfile` is the Dockerfile's path inside it (null when it is not inside).
 */
function readBuildContext(dir: string, dockerfile: string | null, warn: (s: string) => void): { ok: true; context: (b: Builder) => BuildContext } | { ok: false; error: string } {
  try {
    if (!statSync(dir).isDirectory()) return { ok: false, error: `${dir} is not a directory` };
  } catch (e) {
    return { ok: false, error: `cannot read the build context ${dir}: ${(e as Error).message}` };
  }
  const inside = dockerfile !== null && !dockerfile.startsWith("..") && !isAbsolute(dockerfile) ? dockerfile.split(sep).join("/") : null;
  const cache = new Map<Builder, BuildContext>();
  const empty = memoryContext({});
  return {
    ok: true,
    context: (b) => {
      let c = cache.get(b);
      if (c === undefined) {
        try {
          c = diskContext(dir, { builder: b === "legacy" ? "classic" : "buildkit", dockerfile: inside });
        } catch (e) {
          warn(`explain-cmd: warning: cannot read the build context ${dir}: ${(e as Error).message}; COPY and ADD sources are taken as missing\n`);
          c = empty;
        }
        cache.set(b, c);
      }
      return c;
    },
  };
}

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

/** The process entry point used by `bin/explain-cmd.js`. */
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
      const { runRepl } = await import("./repl.js");
      return runRepl(start, { input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY === true && process.stdout.isTTY === true, cwd: process.cwd() });
    },
  });
  process.exitCode = code;
}
