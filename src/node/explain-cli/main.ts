/**
 * `explain-cmd`'s run: parse the command line, read the inputs, resolve the base images, simulate, lint
 * and print, with an exit status and one line on standard error for anything that stops it.
 *
 * @module
 */
import { resolve, join, relative } from "node:path";
import { CommanderError } from "commander";
import type { Builder } from "../../core/builder.js";
import { ARCHIVE_READER } from "../../fs/archive/index.js";
import { PLAIN } from "../../explain/render-text.js";
import { initialSession } from "../../session/state.js";
import { lintDockerfile } from "../../lint/lint-dockerfile.js";
import { simulate, type SimulateOptions } from "../../simulate.js";
import { resolveImages } from "../../resolve-images.js";
import { ANSI, wantsColour } from "../ansi.js";
import { defaultImageChain } from "../images/image-chain.js";
import { parsePlatform } from "../images/oci.js";
import type { ReplStart } from "../repl.js";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, oneLine } from "./exit-status.js";
import { fetchAddSources } from "./fetch-sources.js";
import { checkContextDirectory, readBuildContext, readDockerfile } from "./inputs.js";
import { buildArgValues, explainProgram, packageVersion, resolveImageSpecPath, runEnvValues, type ExplainOptions } from "./options.js";
import { formatExplainOutput, missingContextNote } from "./output.js";

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

/**
 * Runs `explain-cmd` with the given arguments (without `node` and the script). Returns the exit
 * status: {@link EXIT_OK} whenever the simulation ran (even when it predicts a failing build),
 * {@link EXIT_USAGE} for usage errors and unreadable inputs, {@link EXIT_FAILURE} for anything
 * else, always with one line on standard error and never a stack trace.
 *
 * @example
 * ```ts
 * const status = await main(["--json", "."], { stdout, stderr, readStdin, env: process.env, isTTY: false, cwd: process.cwd() });
 * ```
 */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    return await mainUnguarded(argv, io);
  } catch (e) {
    io.stderr(`explain-cmd: ${oneLine(e)}\n`);
    return EXIT_FAILURE;
  }
}

async function mainUnguarded(argv: readonly string[], io: CliIo): Promise<number> {
  const colour = wantsColour(io.isTTY, io.env);
  if (argv.length === 0 && io.isTTY && io.interactive !== undefined) {
    return io.interactive({ state: initialSession({ style: colour ? ANSI : PLAIN }), load: null });
  }
  const cmd = explainProgram();
  try {
    cmd.parse([...argv], { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.version") {
        io.stdout(`explain-cmd ${packageVersion()} (Docker Engine 28.5 rules)\n`);
        return EXIT_OK;
      }
      if (e.code === "commander.helpDisplayed") {
        io.stdout(cmd.helpInformation());
        return EXIT_OK;
      }
      io.stderr(`explain-cmd: ${e.message.replace(/^error: /, "")}\n${cmd.helpInformation()}`);
      return EXIT_USAGE;
    }
    throw e;
  }
  const o = cmd.opts<ExplainOptions>();
  const [context, command] = cmd.processedArgs as [string | undefined, string[]];
  if (context === undefined && o.file === undefined) {
    io.stderr(`explain-cmd: give the build context directory (or -f DOCKERFILE to explain a Dockerfile without one)\n${cmd.helpInformation()}`);
    return EXIT_USAGE;
  }
  // With -f, a missing context only leaves COPY/ADD sources unknown (readBuildContext warns); without it, nothing can be read.
  const contextProblem = context === undefined ? null : checkContextDirectory(resolve(io.cwd, context), context, o.file === undefined);
  if (contextProblem !== null) {
    io.stderr(`explain-cmd: ${contextProblem}\n`);
    return EXIT_USAGE;
  }
  if (o.builder !== "buildkit" && o.builder !== "legacy") {
    io.stderr(`explain-cmd: --builder must be buildkit or legacy, not ${JSON.stringify(o.builder)}\n`);
    return EXIT_USAGE;
  }
  const builder: Builder = o.builder;
  if (o.interactive === true && (io.interactive === undefined || o.file === "-")) {
    io.stderr(`explain-cmd: -i needs a terminal${o.file === "-" ? " (it cannot read the Dockerfile from standard input)" : ""}\n`);
    return EXIT_USAGE;
  }
  const dockerfilePath = o.file === undefined ? join(context!, "Dockerfile") : o.file;
  const dockerfile = await readDockerfile(dockerfilePath, io);
  if (!dockerfile.ok) {
    io.stderr(`explain-cmd: ${dockerfile.error}\n`);
    return EXIT_USAGE;
  }
  const text = dockerfile.text;
  const platform = o.platform === undefined ? undefined : parsePlatform(o.platform);
  if (platform !== undefined && !platform.ok) {
    io.stderr(`explain-cmd: --platform: ${platform.error}\n`);
    return EXIT_USAGE;
  }
  const chain = await defaultImageChain({
    images: o.image.map((spec) => resolveImageSpecPath(spec, io.cwd)),
    env: io.env,
    daemon: o.daemon,
    pull: o.pull === true,
    files: o.imageFiles === true,
    ...(platform === undefined ? {} : { platform: platform.value }),
    // The bundled catalog answers last, for official images nothing else knew (loaded only when used).
    ...(o.catalog === false ? {} : { catalog: async () => (await import("../../catalog/index.js")).catalogResolver() }),
    warn: (m) => io.stderr(`explain-cmd: warning: ${m}\n`),
  });
  if (!chain.ok) {
    io.stderr(`explain-cmd: ${chain.error}\n`);
    return EXIT_USAGE;
  }
  const buildArgs = buildArgValues(o.buildArg, io.env);
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
      env: runEnvValues(o.env, io.env),
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
  if (o.fetch === true) options = await fetchAddSources(text, options, io.stderr);
  const sim = simulate(text, options);
  const note = context === undefined ? missingContextNote(sim) : null;
  if (note !== null) io.stderr(note);
  const warnings = lintDockerfile(sim, { simulate: options });
  io.stdout(formatExplainOutput(sim, warnings, { json: o.json === true, files: o.files, colour }));
  return EXIT_OK;
}
