/**
 * The real-engine oracle harness: builds small Dockerfiles on a real Docker Engine (with BuildKit or the
 * legacy builder) and reports what the engine did — the image config, history, layer count, and what
 * `docker create` makes of the image under given `docker run` overrides — so specs can compare the
 * simulator against it.
 *
 * Node-side only (spawns the `docker` CLI). Every build uses `--network=none`; every image tag the harness
 * creates starts with `oracle/`; every case removes its own image, containers and temporary context.
 *
 * @module
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, symlink, writeFile, chmod } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { buildError, daemonError, runDocker, type Engine } from "./docker-cli.js";
import { readTar } from "./tar.js";

export type { Engine } from "./docker-cli.js";
export { ensureBaseImages, BASE_IMAGES, baseImageRef, type BaseImageName } from "./base-images.js";

/** Defaults of `.ci/docker-engine.sh` for engine 28 (kept in sync with that script). */
export const ENGINE_28_DEFAULTS = {
  DOCKER: "/opt/docker-28/usr/bin/docker",
  DOCKER_HOST: "unix:///var/run/docker-28.sock",
  DOCKER_CONFIG: "/opt/docker-28/config",
} as const;

/** Variables stripped from the CLI environment because they would redirect or reshape builds. */
const STRIPPED_ENV = ["DOCKER_BUILDKIT", "DOCKER_CONTEXT", "BUILDX_BUILDER", "DOCKER_DEFAULT_PLATFORM", "BUILDKIT_PROGRESS"];

let detected: Promise<Engine | null> | undefined;

/**
 * Finds a reachable engine. Each of `DOCKER`, `DOCKER_HOST`, `DOCKER_CONFIG` comes from the environment
 * when set, else from the defaults of `.ci/docker-engine.sh` for 28 ({@link ENGINE_28_DEFAULTS}; `DOCKER`
 * falls back to `docker` on the PATH when that CLI is not installed, and the default `DOCKER_CONFIG` — which
 * holds the buildx plugin — is only applied with the default CLI). Probes with `docker version` (10 s
 * timeout). Returns `null` when none answers (the reason is in {@link detectEngineFailure}). Never throws;
 * the result is memoised per process.
 */
export function detectEngine(): Promise<Engine | null> {
  detected ??= probe().catch((e: unknown) => {
    detectEngineFailure = `probing the engine failed: ${String(e)}`;
    return null;
  });
  return detected;
}

/** Why the last {@link detectEngine} call found no engine (for skip messages); empty when it found one. */
export let detectEngineFailure = "";

async function probe(): Promise<Engine | null> {
  const docker = process.env.DOCKER || (existsSync(ENGINE_28_DEFAULTS.DOCKER) ? ENGINE_28_DEFAULTS.DOCKER : "docker");
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of STRIPPED_ENV) delete env[k];
  env.DOCKER_HOST ||= ENGINE_28_DEFAULTS.DOCKER_HOST;
  if (!env.DOCKER_CONFIG && docker === ENGINE_28_DEFAULTS.DOCKER) env.DOCKER_CONFIG = ENGINE_28_DEFAULTS.DOCKER_CONFIG;
  // Images built with the docker driver never carry attestations; say so explicitly anyway.
  env.BUILDX_NO_DEFAULT_ATTESTATIONS = "1";
  const r = await runDocker({ docker, env }, ["version", "--format", "{{.Server.Version}}"], { timeoutMs: 10_000 });
  const serverVersion = r.stdout.toString("utf8").trim();
  if (r.code !== 0 || serverVersion === "") {
    detectEngineFailure =
      `no Docker Engine answers at ${env.DOCKER_HOST ?? "(default DOCKER_HOST)"} with ${docker}: ` +
      (daemonError(r.stderr) || `exit ${String(r.code)}`) +
      " (start one with `.ci/docker-engine.sh start 28` and export the lines it prints)";
    return null;
  }
  detectEngineFailure = "";
  return { docker, env, serverVersion };
}

/** Which builder the engine uses: `DOCKER_BUILDKIT=1` (buildx) or `DOCKER_BUILDKIT=0` (classic). */
export type OracleBuilder = "buildkit" | "legacy";

/**
 * `docker run`/`docker create` overrides, mapped to CLI flags: `args` → the arguments after the image,
 * `entrypoint` → `--entrypoint=<value>` (`""` resets the image's ENTRYPOINT), `env` → one `-e` each
 * (`NAME` without `=` is resolved by the CLI from the harness's own environment, as `docker run -e NAME`
 * does), `workdir` → `-w`, `user` → `-u`.
 */
export interface RunOverrides {
  args?: string[];
  entrypoint?: string;
  env?: string[];
  workdir?: string;
  user?: string;
}

/**
 * A build-context entry: file content (string is written as UTF-8), a symlink, an (empty) directory, or
 * file content with an explicit mode (default modes: 0644 files, 0755 directories).
 */
export type ContextEntry =
  | string
  | Uint8Array
  | { symlink: string }
  | { dir: true }
  | { content: string | Uint8Array; mode: number };

/**
 * One oracle build. The Dockerfile is written as `Dockerfile` at the root of the context (so `COPY . …`
 * sees it, as with a plain `docker build .`), unless `context` has its own `Dockerfile` entry: then it is
 * written outside the context and passed with `-f`.
 */
export interface OracleCase {
  dockerfile: string;
  /** Context files keyed by relative path (`/`-separated); parent directories are created as needed. */
  context?: Record<string, ContextEntry>;
  buildArgs?: Record<string, string>;
  target?: string;
  /** Containers to `docker create` from the built image (nothing is started). */
  runs?: RunOverrides[];
}

/** What `docker create` + `docker inspect` report for one {@link RunOverrides}. */
export type OracleRun =
  | {
      ok: true;
      /** `.Path` — argv[0] of PID 1. */
      path: string;
      /** `.Args` — argv[1…]. */
      args: string[];
      /** `.Config.Env`. */
      env: string[];
      /** `.Config.WorkingDir` (`""` when unset). */
      workdir: string;
      /** `.Config.User` (`""` when unset). */
      user: string;
    }
  | {
      ok: false;
      /** The daemon's message (the CLI's `Error response from daemon: ` prefix removed), e.g. `no command specified`. */
      error: string;
    };

/** One history entry of the image config blob (only these keys are kept, and only when present). */
export interface OracleHistoryEntry {
  created_by?: string;
  empty_layer?: boolean;
  comment?: string;
}

/** What the engine did with an {@link OracleCase}. */
export interface OracleResult {
  builder: OracleBuilder;
  /**
   * Whether the build succeeded; on failure `error` is the engine's message stripped of CLI decoration
   * exactly as described in {@link buildError} (BuildKit: text of the last `ERROR: ` line onward without
   * `ERROR: `, `failed to build: `, `failed to solve: `; legacy: last line without `Error response from
   * daemon: `).
   */
  build: { ok: true } | { ok: false; error: string };
  /** `docker image inspect` `.Config`. */
  config?: Record<string, unknown>;
  /** `docker image inspect` `.Author` (`""` when unset). */
  author?: string;
  /** `history` of the config blob in `docker save`. */
  history?: OracleHistoryEntry[];
  /** Length of `.RootFS.Layers`. */
  layers?: number;
  /** The whole image config blob from `docker save` (`config`, `history`, `rootfs`, `author`, `os`, …). */
  blob?: Record<string, unknown>;
  /** One per `case.runs` entry, in order. */
  runs?: OracleRun[];
  /** Wall-clock milliseconds this case took (build, inspection, runs and clean-up). */
  ms: number;
}

/** Options of {@link buildCase}. */
export interface BuildCaseOptions {
  /** Kill `docker build` after this many milliseconds (default 120 000). */
  timeoutMs?: number;
}

let caseCounter = 0;

function uniqueTag(): string {
  caseCounter += 1;
  return `oracle/case-${process.pid}-${caseCounter}-${randomBytes(4).toString("hex")}:latest`;
}

async function writeContext(dir: string, context: Record<string, ContextEntry>): Promise<void> {
  // Directories first (so a { dir } entry with children works in any order), then files and links.
  const entries = Object.entries(context);
  for (const [rel] of entries) {
    if (rel === "" || rel.startsWith("/") || rel.split("/").includes("..")) {
      throw new Error(`context path must be relative and stay inside the context: ${JSON.stringify(rel)}`);
    }
  }
  for (const [rel, entry] of entries) {
    if (typeof entry === "object" && "dir" in entry) await mkdir(join(dir, rel), { recursive: true, mode: 0o755 });
  }
  for (const [rel, entry] of entries) {
    const path = join(dir, rel);
    if (typeof entry === "object" && "dir" in entry) continue;
    await mkdir(dirname(path), { recursive: true });
    if (typeof entry === "string" || entry instanceof Uint8Array) {
      await writeFile(path, entry);
      await chmod(path, 0o644);
    } else if ("symlink" in entry) {
      await symlink(entry.symlink, path);
    } else {
      await writeFile(path, entry.content);
      await chmod(path, entry.mode);
    }
  }
}

/** Image IDs (12 hex) a failed legacy build created and left behind: ` ---> ID` right after `Removed intermediate container`. */
function legacyLeftovers(log: string): string[] {
  const ids: string[] = [];
  const lines = log.split(/\r?\n/);
  for (let i = 1; i < lines.length; i++) {
    const m = /^ ---> ([0-9a-f]{12})\s*$/.exec(lines[i]!);
    if (m && /Removed intermediate container/.test(lines[i - 1]!)) ids.push(m[1]!);
  }
  return ids.reverse(); // leaf first
}

function historyOf(blob: Record<string, unknown>): OracleHistoryEntry[] {
  const raw = Array.isArray(blob.history) ? (blob.history as Record<string, unknown>[]) : [];
  return raw.map((h) => {
    const e: OracleHistoryEntry = {};
    if (typeof h.created_by === "string") e.created_by = h.created_by;
    if (typeof h.empty_layer === "boolean") e.empty_layer = h.empty_layer;
    if (typeof h.comment === "string") e.comment = h.comment;
    return e;
  });
}

/** Reads the image config blob out of a `docker save` archive (via `manifest.json`'s `Config`). */
export function configBlobFromSave(archive: Uint8Array): Record<string, unknown> {
  const files = new Map(readTar(archive).map((f) => [f.name, f.data] as const));
  const manifest = files.get("manifest.json");
  if (!manifest) throw new Error("docker save archive has no manifest.json");
  const parsed = JSON.parse(Buffer.from(manifest).toString("utf8")) as { Config?: string }[];
  const configPath = parsed[0]?.Config;
  const blob = configPath === undefined ? undefined : files.get(configPath);
  if (!blob) throw new Error(`docker save archive lacks the config blob ${String(configPath)}`);
  return JSON.parse(Buffer.from(blob).toString("utf8")) as Record<string, unknown>;
}

/**
 * A stand-in config blob for a layerless image, which `docker save` cannot export: `history` from
 * `docker image history` (created_by, comment, `empty_layer: true`), `rootfs` with no layers.
 */
async function blobFromHistory(engine: Engine, image: string): Promise<Record<string, unknown>> {
  const r = await runDocker(engine, ["image", "history", "--no-trunc", "--format", "{{json .}}", image], { timeoutMs: 60_000 });
  if (r.code !== 0) throw new Error(`docker image history ${image} failed: ${daemonError(r.stderr)}`);
  const rows = r.stdout
    .toString("utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as { CreatedBy?: string; Comment?: string });
  const history = rows.reverse().map((h) => ({
    created_by: h.CreatedBy ?? "",
    empty_layer: true,
    ...(h.Comment ? { comment: h.Comment } : {}),
  }));
  return { history, rootfs: { type: "layers", diff_ids: [] }, "oracle:note": "from docker image history (layerless image)" };
}

function runFlags(o: RunOverrides): string[] {
  const flags: string[] = [];
  if (o.entrypoint !== undefined) flags.push(`--entrypoint=${o.entrypoint}`);
  for (const e of o.env ?? []) flags.push("-e", e);
  if (o.workdir !== undefined) flags.push(`--workdir=${o.workdir}`);
  if (o.user !== undefined) flags.push(`--user=${o.user}`);
  return flags;
}

async function createRuns(engine: Engine, image: string, runs: RunOverrides[]): Promise<OracleRun[]> {
  const created = await Promise.all(
    runs.map((o) =>
      runDocker(engine, ["create", "--pull=never", "--network=none", ...runFlags(o), image, ...(o.args ?? [])], {
        timeoutMs: 60_000,
      }),
    ),
  );
  const ids = created.map((r) => (r.code === 0 ? r.stdout.toString("utf8").trim().split("\n").pop()!.trim() : ""));
  const live = ids.filter((id) => id !== "");
  const inspected = new Map<string, Record<string, unknown>>();
  try {
    if (live.length > 0) {
      const r = await runDocker(engine, ["container", "inspect", ...live], { timeoutMs: 60_000 });
      if (r.code !== 0) throw new Error(`docker container inspect failed: ${daemonError(r.stderr)}`);
      for (const c of JSON.parse(r.stdout.toString("utf8")) as Record<string, unknown>[]) {
        inspected.set(String(c.Id), c);
      }
    }
  } finally {
    if (live.length > 0) await runDocker(engine, ["rm", "-f", ...live], { timeoutMs: 60_000 });
  }
  return created.map((r, i): OracleRun => {
    const id = ids[i]!;
    if (id === "") return { ok: false, error: daemonError(r.stderr) || `docker create exited ${String(r.code)}` };
    const c = [...inspected.entries()].find(([full]) => full.startsWith(id))?.[1];
    if (!c) return { ok: false, error: `container ${id} vanished before inspection` };
    const cfg = (c.Config ?? {}) as Record<string, unknown>;
    return {
      ok: true,
      path: String(c.Path ?? ""),
      args: (c.Args as string[] | null) ?? [],
      env: (cfg.Env as string[] | null) ?? [],
      workdir: String(cfg.WorkingDir ?? ""),
      user: String(cfg.User ?? ""),
    };
  });
}

/**
 * Builds one case with `builder` and reports what the engine produced. Never throws for engine-side
 * failures (they land in `build.error` / `runs[i].error`); throws only for harness bugs (e.g. an
 * unreadable `docker save` archive) — after cleaning up.
 *
 * Steps: write the context to a fresh temp dir; `docker build -q --network=none -t oracle/case-…`
 * (`DOCKER_BUILDKIT=1|0`; legacy adds `--force-rm`); on success `docker image inspect` and `docker save`
 * (config blob → history, rootfs) in parallel, then one `docker create --pull=never --network=none` per
 * `runs` entry, one `docker container inspect`, and `docker rm -f`. Finally removes the image (and, after
 * a failed legacy build, the intermediate images that build created) and the temp dir.
 */
export async function buildCase(
  engine: Engine,
  c: OracleCase,
  builder: OracleBuilder,
  options: BuildCaseOptions = {},
): Promise<OracleResult> {
  const started = performance.now();
  const root = await mkdtemp(join(tmpdir(), "oracle-case-"));
  const tag = uniqueTag();
  let built = false;
  let leftovers: string[] = [];
  try {
    const ctx = join(root, "context");
    await mkdir(ctx, { mode: 0o755 });
    const context = c.context ?? {};
    await writeContext(ctx, context);
    const outside = Object.prototype.hasOwnProperty.call(context, "Dockerfile");
    const dockerfilePath = outside ? join(root, "Dockerfile") : join(ctx, "Dockerfile");
    await writeFile(dockerfilePath, c.dockerfile);

    const args = ["build", "-q", "--network=none", "-t", tag, "-f", dockerfilePath];
    // Legacy builds run concurrently: with the classic cache, one case's cleanup (`docker image rm`)
    // can delete an intermediate image another case reuses ("failed to get digest sha256:…").
    // --no-cache gives every case its own intermediate images.
    if (builder === "legacy") args.push("--force-rm", "--no-cache");
    for (const [k, v] of Object.entries(c.buildArgs ?? {})) args.push("--build-arg", `${k}=${v}`);
    if (c.target !== undefined) args.push("--target", c.target);
    args.push(ctx);
    const b = await runDocker(engine, args, {
      env: { DOCKER_BUILDKIT: builder === "buildkit" ? "1" : "0" },
      timeoutMs: options.timeoutMs ?? 120_000,
    });
    if (b.code !== 0) {
      if (builder === "legacy") leftovers = legacyLeftovers(b.stderr + "\n" + b.stdout.toString("utf8"));
      return { builder, build: { ok: false, error: buildError(b.stderr, builder) }, ms: performance.now() - started };
    }
    built = true;

    const [inspect, save] = await Promise.all([
      runDocker(engine, ["image", "inspect", tag], { timeoutMs: 60_000 }),
      runDocker(engine, ["save", tag], { timeoutMs: 120_000 }),
    ]);
    if (inspect.code !== 0) throw new Error(`docker image inspect ${tag} failed: ${daemonError(inspect.stderr)}`);
    const image = (JSON.parse(inspect.stdout.toString("utf8")) as Record<string, unknown>[])[0] ?? {};
    const rootfs = (image.RootFS ?? {}) as { Layers?: unknown[] };
    let blob: Record<string, unknown>;
    if (save.code !== 0 && /empty export/.test(save.stderr) && (rootfs.Layers?.length ?? 0) === 0) {
      // A layerless image (FROM scratch + metadata only): `docker save` refuses ("empty export - not
      // implemented"); `docker image history` has the same entries (newest first), all without a layer.
      blob = await blobFromHistory(engine, tag);
    } else {
      if (save.code !== 0) throw new Error(`docker save ${tag} failed: ${daemonError(save.stderr)}`);
      blob = configBlobFromSave(save.stdout);
    }
    const result: OracleResult = {
      builder,
      build: { ok: true },
      config: (image.Config ?? {}) as Record<string, unknown>,
      author: String(image.Author ?? ""),
      history: historyOf(blob),
      layers: rootfs.Layers?.length ?? 0,
      blob,
      ms: 0,
    };
    if (c.runs !== undefined) result.runs = await createRuns(engine, tag, c.runs);
    result.ms = performance.now() - started;
    return result;
  } finally {
    if (built) await runDocker(engine, ["image", "rm", tag], { timeoutMs: 60_000 });
    for (const id of leftovers) await runDocker(engine, ["image", "rm", id], { timeoutMs: 60_000 });
    await rm(root, { recursive: true, force: true });
  }
}

/** Options of {@link buildCases}. */
export interface BuildCasesOptions extends BuildCaseOptions {
  /** How many cases build at once (default 2). */
  concurrency?: number;
}

/** Builds `cases` with `builder`, at most `concurrency` at a time; results are in the order of `cases`. */
export async function buildCases(
  engine: Engine,
  cases: readonly OracleCase[],
  builder: OracleBuilder,
  { concurrency = 2, ...options }: BuildCasesOptions = {},
): Promise<OracleResult[]> {
  const results: OracleResult[] = new Array<OracleResult>(cases.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < cases.length) {
      const i = next++;
      results[i] = await buildCase(engine, cases[i]!, builder, options);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, cases.length)) }, worker));
  return results;
}
