import type { TracedConfig } from "../image/config.js";
import type { Origin } from "../image/origin.js";
import { goClean } from "../docker/go-path.js";

/** `docker run` options that change what the container runs (everything else is irrelevant here). */
export interface RunOptions {
  /** Arguments after the image name (`docker run IMAGE arg…`): they replace CMD. */
  readonly args?: readonly string[];
  /** `--entrypoint` (a single executable, never split; `""` clears ENTRYPOINT). Absent = not given. */
  readonly entrypoint?: string;
  /** `-e K=V` / `-e K`, in order. */
  readonly env?: readonly string[];
  /** `-w DIR`. */
  readonly workdir?: string;
  /** `-u USER[:GROUP]`. */
  readonly user?: string;
}

/** One word of the final argv and where it came from. */
export interface ArgvWord {
  readonly value: string;
  /** `entrypoint` or `cmd`: which list of the merged config it came from. */
  readonly from: "entrypoint" | "cmd";
  readonly origin: Origin;
}

/** What `docker create`/`docker run` would start, or the daemon's refusal. */
export type RunResolution =
  | {
      readonly ok: true;
      /** The container's `Path`: argv[0]. */
      readonly path: string;
      /** The container's `Args`: argv[1:]. */
      readonly args: readonly string[];
      readonly argv: readonly ArgvWord[];
      readonly env: readonly string[];
      readonly workdir: string;
      readonly user: string;
    }
  | { readonly ok: false; readonly error: string };

/**
 * Resolves the process a container of this image starts, exactly as Docker Engine 28.5 does:
 * the CLI sets `Cmd` to the run arguments and `Entrypoint` to `[--entrypoint]`; the daemon's
 * `merge` then takes the image's Cmd only when no run arguments *and* no `--entrypoint` were
 * given, and the image's Entrypoint only when no `--entrypoint` was given; `[""]` becomes none;
 * with neither left it refuses with `no command specified`. `Path`/`Args` are then
 * `Entrypoint ++ Cmd` split at the first word.
 *
 * @example
 * ```ts
 * const r = resolveRun(config, { args: ["--version"] });
 * if (r.ok) console.log(r.path, r.args);
 * ```
 */
export function resolveRun(config: TracedConfig, options: RunOptions = {}): RunResolution {
  const runArgs = options.args ?? [];
  let entrypoint: ArgvWord[] | null = null;
  let cmd: ArgvWord[] = runArgs.map((value, i) => ({ value, from: "cmd" as const, origin: { kind: "run", option: `argument ${i + 1}` } }));
  if (options.entrypoint !== undefined) {
    entrypoint = [{ value: options.entrypoint, from: "entrypoint", origin: { kind: "run", option: "--entrypoint" } }];
  } else {
    if (cmd.length === 0) cmd = (config.Cmd.value ?? []).map((value) => ({ value, from: "cmd" as const, origin: config.Cmd.origin }));
    entrypoint = (config.Entrypoint.value ?? []).map((value) => ({ value, from: "entrypoint" as const, origin: config.Entrypoint.origin }));
  }
  if (entrypoint.length === 1 && entrypoint[0]!.value === "") entrypoint = [];
  if (entrypoint.length === 0 && cmd.length === 0) return { ok: false, error: "no command specified" };

  let workdir = config.WorkingDir.value;
  if (options.workdir !== undefined && options.workdir !== "") {
    if (!options.workdir.startsWith("/")) return { ok: false, error: `the working directory '${options.workdir}' is invalid, it needs to be an absolute path` };
    workdir = goClean(options.workdir);
  }
  const argv = [...entrypoint, ...cmd];
  return {
    ok: true,
    path: argv[0]!.value,
    args: argv.slice(1).map((w) => w.value),
    argv,
    env: mergeEnv(options.env ?? [], config.Env.map((e) => `${e.key}=${e.value}`)),
    workdir,
    user: options.user !== undefined && options.user !== "" ? options.user : config.User.value,
  };
}

/** moby `merge`: the run's `-e` entries in order, then the image's entries whose key was not given. */
export function mergeEnv(user: readonly string[], image: readonly string[]): string[] {
  const keyOf = (kv: string) => {
    const eq = kv.indexOf("=");
    return eq < 0 ? kv : kv.slice(0, eq);
  };
  const userKeys = new Set(user.map(keyOf));
  return [...user, ...image.filter((kv) => !userKeys.has(keyOf(kv)))];
}
