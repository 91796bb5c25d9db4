import { readdirSync, readFileSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { Command, CommanderError } from "commander";
import type { Builder } from "../core/builder.js";
import type { BuildContext } from "../fs/context-types.js";
import { ARCHIVE_READER } from "../fs/archive/index.js";
import { listFiles } from "../fs/vfs/list-tree.js";
import { explainRun } from "../explain/explain-run.js";
import { PLAIN, renderExplanation } from "../explain/render-text.js";
import { initialSession } from "../session/state.js";
import { lintDockerfile } from "../lint/lint-dockerfile.js";
import { toJsonReport } from "../report/json-report.js";
import { fetchDownloads } from "./fetch-downloads.js";
import { simulate, type SimulateOptions, type Simulation } from "../simulate.js";
import { fetchGitSources } from "./fetch-git-sources.js";
import { ANSI, wantsColour } from "./ansi.js";
import { diskContext } from "./disk-context.js";
import { resolveImages } from "../resolve-images.js";
import { defaultImageChain } from "./images/image-chain.js";
import { parsePlatform } from "./images/oci.js";
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

/** This package's version, from its package.json: two levels up from `src/node/cli.ts` and `dist/node/cli.js`, one from the bundled `dist/explain-cmd.mjs`. */
function packageVersion(): string {
  for (const up of ["../../package.json", "../package.json"]) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), "utf8")) as { name?: unknown; version?: unknown };
      if (pkg.name === "dockerfile-semantics" && typeof pkg.version === "string") return pkg.version;
    } catch {
      // not there: try the next place
    }
  }
  return "unknown";
}

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
    .option("--image <ref=path>", "a base image from a file: the JSON of `docker image inspect REF`, a `docker save` tarball or an OCI image layout (repeatable; first in the chain)", collect, [])
    .option("--pull", "ask registries for base images the local Docker Engine and the cache do not have (default: offline, except the local engine)")
    .option("--platform <os/arch[/variant]>", "the build platform: chooses the image in a multi-platform index, and sets TARGETPLATFORM (default linux/amd64)")
    .option("--image-files", "also read the base images' files (tree, modes, owners, /etc/passwd, /etc/group) from the engine, registry or --image archive, within a size bound")
    .option("--no-daemon", "do not ask the local Docker Engine (DOCKER_HOST or /var/run/docker.sock) for base images")
    .option("--files <path>", "list the files at and under PATH in the image (repeatable)", collect, [])
    .option("--no-catalog", "do not fall back on the bundled catalog of Docker Official Images for base images nothing else knows")
    .option("--fetch", "download the URLs and clone the git repositories of ADD instructions first, as a real build would (default: report them as not fetched)")
    .option("--entrypoint <cmd>", "docker run --entrypoint")
    .option("-e, --env <k=v>", "docker run -e (repeatable)", collect, [])
    .option("-w, --workdir <dir>", "docker run -w")
    .option("-u, --user <user>", "docker run -u")
    .argument("[context]", "the build context directory (optional with -f: without it, the files COPY and ADD read from it are unknown)")
    .argument("[command...]", "what follows the image in docker run")
    .version(packageVersion(), "-V, --version", "print the version")
    .exitOverride()
    .configureOutput({ writeOut: () => undefined, writeErr: () => undefined });
}

interface Parsed {
  json?: boolean;
  /** False with --no-catalog. */
  catalog?: boolean;
  interactive?: boolean;
  file?: string;
  target?: string;
  buildArg: string[];
  builder: string;
  image: string[];
  pull?: boolean;
  platform?: string;
  imageFiles?: boolean;
  daemon: boolean;
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
      if (e.code === "commander.version") {
        io.stdout(`explain-cmd ${packageVersion()} (Docker Engine 28.5 rules)\n`);
        return 0;
      }
      if (e.code === "commander.helpDisplayed") {
        io.stdout(cmd.helpInformation());
        return 0;
      }
      io.stderr(`explain-cmd: ${e.message.replace(/^error: /, "")}\n${cmd.helpInformation()}`);
      return 2;
    }
    throw e;
  }
  const o = cmd.opts<Parsed>();
  const [context, command] = cmd.processedArgs as [string | undefined, string[]];
  if (context === undefined && o.file === undefined) {
    io.stderr(`explain-cmd: give the build context directory (or -f DOCKERFILE to explain a Dockerfile without one)\n${cmd.helpInformation()}`);
    return 2;
  }
  // With -f, a missing context only leaves COPY/ADD sources unknown (readBuildContext warns); without it, nothing can be read.
  const contextProblem = context === undefined ? null : checkContextDirectory(resolve(io.cwd, context), context, o.file === undefined);
  if (contextProblem !== null) {
    io.stderr(`explain-cmd: ${contextProblem}\n`);
    return 2;
  }
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
  const dockerfilePath = o.file === undefined ? join(context!, "Dockerfile") : o.file;
  try {
    if (o.file === "-") text = await io.readStdin();
    else {
      // Synchronous: a one-shot run would otherwise load fs/promises (and the streams under it) for one read.
      const bytes = readFileSync(resolve(io.cwd, dockerfilePath));
      text = new TextDecoder("utf-8").decode(bytes);
      const encoding = notUtf8(bytes);
      if (encoding !== null) io.stderr(`explain-cmd: warning: ${dockerfilePath} is ${encoding}, not UTF-8 text; docker build reads a Dockerfile as UTF-8, so its parser sees other characters than you do. On Docker 28.5 the classic builder then fails with "dockerfile parse error on line 1: unknown instruction: …", and BuildKit, whose message would carry the invalid bytes, with "failed to solve: Internal: stream terminated by RST_STREAM with error code: INTERNAL_ERROR". Save it as UTF-8.\n`);
    }
  } catch (e) {
    io.stderr(`explain-cmd: cannot read the Dockerfile ${dockerfilePath}: ${(e as Error).message}\n`);
    return 2;
  }
  const platform = o.platform === undefined ? undefined : parsePlatform(o.platform);
  if (platform !== undefined && !platform.ok) {
    io.stderr(`explain-cmd: --platform: ${platform.error}\n`);
    return 2;
  }
  const chain = await defaultImageChain({
    images: o.image.map((spec) => resolveImageSpecPath(spec, io.cwd)),
    env: io.env,
    daemon: o.daemon,
    pull: o.pull === true,
    files: o.imageFiles === true,
    ...(platform === undefined ? {} : { platform: platform.value }),
    // The bundled catalog answers last, for official images nothing else knew (loaded only when used).
    ...(o.catalog === false ? {} : { catalog: async () => (await import("../catalog/index.js")).catalogResolver() }),
    warn: (m) => io.stderr(`explain-cmd: warning: ${m}\n`),
  });
  if (!chain.ok) {
    io.stderr(`explain-cmd: ${chain.error}\n`);
    return 2;
  }
  const env = o.env.map((item) => (item.includes("=") || io.env[item] === undefined ? item : `${item}=${io.env[item]}`));
  const buildArgs = keyValues(o.buildArg, io.env);
  const buildContext = context === undefined
    ? ({ ok: false, error: null } as const)
    : readBuildContext(resolve(io.cwd, context), o.file === undefined ? "Dockerfile" : o.file === "-" ? null : relative(resolve(io.cwd, context), resolve(io.cwd, o.file)), io.stderr);
  if (!buildContext.ok && buildContext.error !== null) io.stderr(`explain-cmd: warning: ${buildContext.error}; COPY and ADD sources are taken as unknown\n`);
  let options: SimulateOptions = {
    builder,
    // Downloads (ADD --unpack) are read with it too, with or without a context.
    archives: ARCHIVE_READER,
    buildArgs,
    ...(buildContext.ok ? { context: buildContext.context } : {}),
    ...(o.target === undefined ? {} : { target: o.target }),
    ...(platform === undefined ? {} : { platform: platform.value }),
    run: {
      args: command,
      env,
      ...(o.entrypoint === undefined ? {} : { entrypoint: o.entrypoint }),
      ...(o.workdir === undefined ? {} : { workdir: o.workdir }),
      ...(o.user === undefined ? {} : { user: o.user }),
    },
  };
  options = { ...options, resolver: await resolveImages(text, { ...options, resolver: chain.value.explicit }, chain.value.load) };
  if (o.interactive === true && io.interactive !== undefined) {
    const state = initialSession({ builder, target: o.target ?? null, buildArgs, resolver: options.resolver, run: options.run ?? {}, style: colour ? ANSI : PLAIN, ...(buildContext.ok ? { context: buildContext.context } : {}) });
    return io.interactive({ state, load: dockerfilePath });
  }
  if (o.fetch === true) {
    const downloads = await fetchDownloads(text, options);
    for (const [url, d] of downloads) if (d.kind === "failed") io.stderr(`explain-cmd: warning: could not download ${url}: ${d.cause}\n`);
      else if (d.kind === "exceeded") io.stderr(`explain-cmd: warning: stopped downloading ${url} at the ${d.budget.budget} budget (${d.budget.limit} bytes): its file is unknown\n`);
    const gitCheckouts = await fetchGitSources(text, options);
    for (const [source, c] of gitCheckouts) if (c.kind === "failed") io.stderr(`explain-cmd: warning: could not fetch ${source}: ${c.message}\n`);
    options = { ...options, downloads, gitCheckouts };
  }
  const sim = simulate(text, options);
  if (context === undefined) {
    const lines = contextReaders(sim);
    if (lines.length > 0) io.stderr(`explain-cmd: note: no build context was given, so the files ${lines.length === 1 ? "the COPY/ADD on line" : "the COPY/ADD instructions on lines"} ${lines.join(", ")} ${lines.length === 1 ? "reads" : "read"} from it are unknown; give the context directory after the options to know them\n`);
  }
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

/** `REF=PATH` with PATH made absolute against the working directory. */
function resolveImageSpecPath(spec: string, cwd: string): string {
  const eq = spec.indexOf("=");
  return eq <= 0 ? spec : `${spec.slice(0, eq)}=${resolve(cwd, spec.slice(eq + 1))}`;
}

/**
 * Why CONTEXT cannot be a build context (missing, unreadable, or a file such as the Dockerfile
 * itself), or null when it is a directory that can be listed.
 */
function checkContextDirectory(dir: string, given: string, mustExist: boolean): string | null {
  try {
    if (statSync(dir).isDirectory()) return unreadableContext(dir, given);
    return `${given} is a file, not a build context directory; to explain it, use -f ${given} (followed by the context directory, if its COPY or ADD need files)`;
  } catch {
    if (!mustExist) return null;
    // docker build's own words (Docker 28.5 CLI).
    return `unable to prepare context: path ${JSON.stringify(given)} not found (the build context directory does not exist)`;
  }
}

/**
 * Why a context directory cannot be listed, or null. Docker 28.5 does not build from it either:
 * the classic builder's CLI stops at once (`open <dir>/.dockerignore: permission denied`), BuildKit
 * when a COPY or ADD reads from the context (`lstat <dir>/<file>: permission denied`). Simulating
 * an empty context instead would predict "not found" for files that are there.
 */
function unreadableContext(dir: string, given: string): string | null {
  try {
    readdirSync(dir);
    return null;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "EACCES" || code === "EPERM" ? "permission denied" : oneLine(e);
    return `cannot read the build context ${given}: ${why} (docker build fails too: the classic builder at once, BuildKit when COPY or ADD reads from it)`;
  }
}

/** What the bytes are when they are not UTF-8 text (a UTF-16 byte order mark, or other binary content), else null. */
function notUtf8(bytes: Uint8Array): string | null {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return "UTF-16 (it starts with a UTF-16 byte order mark)";
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return "binary (not valid UTF-8)";
  }
  return bytes.includes(0) ? "binary (it contains NUL bytes)" : null;
}

/** The lines of the COPY (without --from) and ADD instructions that read files from the build context. */
function contextReaders(sim: Simulation): number[] {
  const out: number[] = [];
  for (const e of sim.evaluation.parsed.entries) {
    if (!e.ok) continue;
    const i = e.instruction;
    if ((i.keyword === "COPY" && i.from === null) || i.keyword === "ADD") {
      if (i.sources.some((s) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(s.value) && !s.value.startsWith("git@") && !s.value.startsWith("<<"))) out.push(i.line);
    }
  }
  return out;
}

/**
 * The build context directory as each builder sees it (read once per builder, on demand), or why it
 * cannot be read. `dockerfile` is the Dockerfile's path inside it (null when it is not inside).
 */
function readBuildContext(dir: string, dockerfile: string | null, warn: (s: string) => void): { ok: true; context: (b: Builder) => BuildContext | null } | { ok: false; error: string } {
  try {
    if (!statSync(dir).isDirectory()) return { ok: false, error: `${dir} is not a directory` };
  } catch (e) {
    return { ok: false, error: `cannot read the build context ${dir}: ${(e as Error).message}` };
  }
  const inside = dockerfile !== null && !dockerfile.startsWith("..") && !isAbsolute(dockerfile) ? dockerfile.split(sep).join("/") : null;
  const cache = new Map<Builder, BuildContext | null>();
  const warned = new Set<string>();
  return {
    ok: true,
    context: (b) => {
      let c = cache.get(b);
      if (c === undefined) {
        try {
          c = diskContext(dir, { builder: b, dockerfile: inside });
        } catch (e) {
          // Too large, or unreadable since it was checked: its files are unknown, never missing.
          // Read once per builder: the same failure is reported once.
          const message = `explain-cmd: warning: cannot read the build context ${dir}: ${oneLine(e)}; the files COPY and ADD read from it are unknown\n`;
          if (!warned.has(message)) warn(message);
          warned.add(message);
          c = null;
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
