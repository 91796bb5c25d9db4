/**
 * `explain-cmd`'s command line: its options and arguments (read as `docker build CONTEXT` followed by
 * `docker run IMAGE [COMMAND [ARG...]]`), parsed with commander, and the small translations of their values.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Command } from "commander";

/** The options as commander leaves them (see {@link explainProgram}). */
export interface ExplainOptions {
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

const collect = (value: string, previous: string[]) => [...previous, value];

/**
 * This package's version, from its package.json: three levels up from `src/node/explain-cli/options.ts` and
 * `dist/node/explain-cli/options.js`, one from the bin that runs the bundle (`bin/explain-cmd.js`).
 */
export function packageVersion(): string {
  for (const up of ["../../../package.json", "../package.json"]) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), "utf8")) as { name?: unknown; version?: unknown };
      if (pkg.name === "dockerfile-semantics" && typeof pkg.version === "string") return pkg.version;
    } catch {
      // not there: try the next place
    }
  }
  return "unknown";
}

/**
 * The commander program of `explain-cmd`: it throws a `CommanderError` instead of exiting and writes
 * nothing itself (the caller prints help, version and usage errors).
 *
 * @example
 * ```ts
 * const cmd = explainProgram();
 * cmd.parse(["--json", "."], { from: "user" });
 * cmd.opts<ExplainOptions>().json; // true
 * ```
 */
export function explainProgram(): Command {
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

/**
 * `--build-arg` values: `K=V` → [K, V]; a bare `K` takes its value from the environment, as the docker CLI
 * does (or is dropped when unset).
 *
 * @example
 * ```ts
 * buildArgValues(["A=1", "HOME"], { HOME: "/root" }); // Map { "A" => "1", "HOME" => "/root" }
 * ```
 */
export function buildArgValues(items: readonly string[], env: Readonly<Record<string, string | undefined>>): Map<string, string> {
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

/** `docker run -e` values: a bare `K` set in the environment becomes `K=value`, as the docker CLI does; anything else stays as given. */
export function runEnvValues(items: readonly string[], env: Readonly<Record<string, string | undefined>>): string[] {
  return items.map((item) => (item.includes("=") || env[item] === undefined ? item : `${item}=${env[item]}`));
}

/** An `--image REF=PATH` with PATH made absolute against the working directory. */
export function resolveImageSpecPath(spec: string, cwd: string): string {
  const eq = spec.indexOf("=");
  return eq <= 0 ? spec : `${spec.slice(0, eq)}=${resolve(cwd, spec.slice(eq + 1))}`;
}
