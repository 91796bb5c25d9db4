/**
 * The real-engine oracle harness: builds small Dockerfiles on a real Docker Engine (with BuildKit or the
 * legacy builder) and reports what the engine did — the image config, history, layer count, and what
 * `docker create` makes of the image under given `docker run` overrides — so specs can compare the
 * simulator against it.
 *
 * Node-side only. Builds go through the `docker` CLI (`docker build`, or for BuildKit batches `docker
 * buildx bake`, see {@link bakeCases}); inspection, `docker save`, `docker create` and removal go to the
 * Engine API over its unix socket when there is one (`docker-api.ts`; `engine.spec.ts` checks that this
 * observes what the CLI observes), else through the CLI too. Every build uses `--network=none`; every image
 * tag the harness creates starts with `oracle/`; every case removes its own image, containers and
 * temporary context.
 *
 * @module
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, symlink, writeFile, chmod } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { buildError, daemonError, runDocker, type Engine } from "./docker-cli.js";
import { apiSocket, createContainer, inspectContainer, inspectImage, removeContainer, removeImage, saveImages } from "./docker-api.js";
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
  /** How the image was built: its own `docker build`, or a `docker buildx bake` shared with other cases. */
  via?: "build" | "bake";
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

/** `docker container inspect` of several containers, by the id `docker create` printed. */
async function inspectContainers(engine: Engine, ids: string[]): Promise<Map<string, Record<string, unknown>>> {
  const out = new Map<string, Record<string, unknown>>();
  if (ids.length === 0) return out;
  const socket = apiSocket(engine);
  if (socket !== null) {
    for (const id of ids) {
      const r = await inspectContainer(socket, id);
      if (!r.ok) throw new Error(`docker container inspect ${id} failed: ${r.error}`);
      out.set(id, r.value);
    }
    return out;
  }
  const r = await runDocker(engine, ["container", "inspect", ...ids], { timeoutMs: 60_000 });
  if (r.code !== 0) throw new Error(`docker container inspect failed: ${daemonError(r.stderr)}`);
  const all = JSON.parse(r.stdout.toString("utf8")) as Record<string, unknown>[];
  for (const id of ids) {
    const c = all.find((x) => String(x.Id).startsWith(id));
    if (c) out.set(id, c);
  }
  return out;
}

async function removeContainers(engine: Engine, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const socket = apiSocket(engine);
  if (socket !== null) await Promise.all(ids.map((id) => removeContainer(socket, id)));
  else await runDocker(engine, ["rm", "-f", ...ids], { timeoutMs: 60_000 });
}

async function removeImages(engine: Engine, refs: string[]): Promise<void> {
  const socket = apiSocket(engine);
  for (const ref of refs) {
    if (socket !== null) await removeImage(socket, ref);
    else await runDocker(engine, ["image", "rm", ref], { timeoutMs: 60_000 });
  }
}

/**
 * The `POST /containers/create` body the docker CLI 28.5 sends for `docker create --pull=never
 * --network=none [--entrypoint=E] [-e K=V…] [--workdir=W] [--user=U] IMAGE [ARG…]` (captured from the
 * CLI's request): `--entrypoint=` with an empty value becomes `[""]`, any other value a one-element list;
 * no arguments is `Cmd: null`, no `-e` is `Env: null`. Null when the CLI would do more than copy the flags:
 * `-e NAME` without `=` (the CLI resolves it from its own environment).
 */
export function cliCreateBody(image: string, o: RunOverrides): Record<string, unknown> | null {
  if ((o.env ?? []).some((e) => !e.includes("="))) return null;
  return {
    Hostname: "",
    Domainname: "",
    User: o.user ?? "",
    AttachStdin: false,
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
    OpenStdin: false,
    StdinOnce: false,
    Env: o.env !== undefined && o.env.length > 0 ? [...o.env] : null,
    Cmd: o.args !== undefined && o.args.length > 0 ? [...o.args] : null,
    Image: image,
    Volumes: {},
    WorkingDir: o.workdir ?? "",
    Entrypoint: o.entrypoint === undefined ? null : [o.entrypoint],
    OnBuild: null,
    Labels: {},
    HostConfig: CLI_HOST_CONFIG,
    NetworkingConfig: { EndpointsConfig: {} },
  };
}

/** The `HostConfig` of {@link cliCreateBody} (`--network=none`, every other field as the CLI 28.5 fills it). */
const CLI_HOST_CONFIG = {
  Binds: null, ContainerIDFile: "", LogConfig: { Type: "", Config: {} }, NetworkMode: "none", PortBindings: {},
  RestartPolicy: { Name: "no", MaximumRetryCount: 0 }, AutoRemove: false, VolumeDriver: "", VolumesFrom: null,
  ConsoleSize: [0, 0], CapAdd: null, CapDrop: null, CgroupnsMode: "", Dns: [], DnsOptions: [], DnsSearch: [],
  ExtraHosts: null, GroupAdd: null, IpcMode: "", Cgroup: "", Links: null, OomScoreAdj: 0, PidMode: "",
  Privileged: false, PublishAllPorts: false, ReadonlyRootfs: false, SecurityOpt: null, UTSMode: "", UsernsMode: "",
  ShmSize: 0, Isolation: "", CpuShares: 0, Memory: 0, NanoCpus: 0, CgroupParent: "", BlkioWeight: 0,
  BlkioWeightDevice: [], BlkioDeviceReadBps: [], BlkioDeviceWriteBps: [], BlkioDeviceReadIOps: [],
  BlkioDeviceWriteIOps: [], CpuPeriod: 0, CpuQuota: 0, CpuRealtimePeriod: 0, CpuRealtimeRuntime: 0, CpusetCpus: "",
  CpusetMems: "", Devices: [], DeviceCgroupRules: null, DeviceRequests: null, MemoryReservation: 0, MemorySwap: 0,
  MemorySwappiness: -1, OomKillDisable: false, PidsLimit: 0, Ulimits: [], CpuCount: 0, CpuPercent: 0,
  IOMaximumIOps: 0, IOMaximumBandwidth: 0, MaskedPaths: null, ReadonlyPaths: null,
} as const;

/**
 * How `docker create` is done: `"cli"` runs the docker CLI; `"api"` posts {@link cliCreateBody} to the
 * Engine API (no CLI process: ~60 ms less CPU per container on the CI machines), falling back to the CLI
 * when the engine is not on a unix socket or the body cannot be replayed. Default: `api`, or
 * `$ORACLE_CREATE` when it is `cli`.
 */
export type CreateMode = "cli" | "api";

const defaultCreateMode = (): CreateMode => (process.env.ORACLE_CREATE === "cli" ? "cli" : "api");

/** One `docker create`: the container id, or the daemon's refusal. */
async function createOne(engine: Engine, image: string, o: RunOverrides, mode: CreateMode): Promise<{ ok: true; id: string } | { ok: false; error: string }> {
  const socket = apiSocket(engine);
  const body = mode === "api" && socket !== null ? cliCreateBody(image, o) : null;
  if (socket !== null && body !== null) return createContainer(socket, body);
  const r = await runDocker(engine, ["create", "--pull=never", "--network=none", ...runFlags(o), image, ...(o.args ?? [])], { timeoutMs: 60_000 });
  if (r.code === 0) return { ok: true, id: r.stdout.toString("utf8").trim().split("\n").pop()!.trim() };
  return { ok: false, error: daemonError(r.stderr) || `docker create exited ${String(r.code)}` };
}

/**
 * One `docker create` per override ({@link CreateMode}), then one inspection and `docker rm -f` of each
 * container.
 */
export async function createRuns(engine: Engine, image: string, runs: RunOverrides[], mode: CreateMode = defaultCreateMode()): Promise<OracleRun[]> {
  const created = await Promise.all(runs.map((o) => createOne(engine, image, o, mode)));
  const ids = created.map((r) => (r.ok ? r.id : ""));
  const live = ids.filter((id) => id !== "");
  let inspected: Map<string, Record<string, unknown>>;
  try {
    inspected = await inspectContainers(engine, live);
  } finally {
    await removeContainers(engine, live);
  }
  return created.map((r, i): OracleRun => {
    const id = ids[i]!;
    if (!r.ok) return { ok: false, error: r.error };
    const c = inspected.get(id);
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

/** `docker image inspect` of one image: the object, or the daemon's error. */
async function inspectOne(engine: Engine, ref: string): Promise<{ ok: true; value: Record<string, unknown> } | { ok: false; error: string }> {
  const socket = apiSocket(engine);
  if (socket !== null) return inspectImage(socket, ref);
  const r = await runDocker(engine, ["image", "inspect", ref], { timeoutMs: 60_000 });
  if (r.code !== 0) return { ok: false, error: daemonError(r.stderr) };
  return { ok: true, value: (JSON.parse(r.stdout.toString("utf8")) as Record<string, unknown>[])[0] ?? {} };
}

/** `docker save` of one image: the archive, or the daemon's error. */
async function saveOne(engine: Engine, ref: string): Promise<{ ok: true; value: Uint8Array } | { ok: false; error: string }> {
  const socket = apiSocket(engine);
  if (socket !== null) return saveImages(socket, [ref]);
  const r = await runDocker(engine, ["save", ref], { timeoutMs: 120_000 });
  return r.code === 0 ? { ok: true, value: r.stdout } : { ok: false, error: daemonError(r.stderr) };
}

/**
 * What the engine made of a built image: inspect (config, author, layers), the config blob of `docker
 * save` (history; for a layerless image, which `docker save` refuses, `docker image history`), and the
 * `docker create` runs. `inspected` is the inspect object when the caller already has it.
 */
async function observeImage(
  engine: Engine,
  builder: OracleBuilder,
  tag: string,
  runs: RunOverrides[] | undefined,
  inspected?: Record<string, unknown>,
): Promise<Omit<OracleResult, "ms">> {
  const [inspect, save] = await Promise.all([
    inspected !== undefined ? Promise.resolve({ ok: true as const, value: inspected }) : inspectOne(engine, tag),
    saveOne(engine, tag),
  ]);
  if (!inspect.ok) throw new Error(`docker image inspect ${tag} failed: ${inspect.error}`);
  const image = inspect.value;
  const rootfs = (image.RootFS ?? {}) as { Layers?: unknown[] };
  let blob: Record<string, unknown>;
  if (!save.ok && /empty export/.test(save.error) && (rootfs.Layers?.length ?? 0) === 0) {
    // A layerless image (FROM scratch + metadata only): `docker save` refuses ("empty export - not
    // implemented"); `docker image history` has the same entries (newest first), all without a layer.
    blob = await blobFromHistory(engine, tag);
  } else {
    if (!save.ok) throw new Error(`docker save ${tag} failed: ${save.error}`);
    blob = configBlobFromSave(save.value);
  }
  const result: Omit<OracleResult, "ms"> = {
    builder,
    build: { ok: true },
    config: (image.Config ?? {}) as Record<string, unknown>,
    author: String(image.Author ?? ""),
    history: historyOf(blob),
    layers: rootfs.Layers?.length ?? 0,
    blob,
  };
  if (runs !== undefined) result.runs = await createRuns(engine, tag, runs);
  return result;
}

/** A case's files on disk: `<root>/context-<random>/…` and the Dockerfile (in the context, or `<root>/Dockerfile`). */
interface PreparedCase {
  root: string;
  ctx: string;
  dockerfilePath: string;
  tag: string;
}

async function prepareCase(c: OracleCase, root: string): Promise<PreparedCase> {
  // A base name of its own (see spec/fs/copy/harness.ts): buildx keys its cached copy of a local
  // context by the directory's base name and resends only files whose size or time changed.
  const ctx = join(root, `context-${randomBytes(6).toString("hex")}`);
  await mkdir(ctx, { recursive: true, mode: 0o755 });
  const context = c.context ?? {};
  await writeContext(ctx, context);
  const outside = Object.prototype.hasOwnProperty.call(context, "Dockerfile");
  const dockerfilePath = outside ? join(root, "Dockerfile") : join(ctx, "Dockerfile");
  await writeFile(dockerfilePath, c.dockerfile);
  return { root, ctx, dockerfilePath, tag: uniqueTag() };
}

/**
 * Builds one case with `builder` and reports what the engine produced. Never throws for engine-side
 * failures (they land in `build.error` / `runs[i].error`); throws only for harness bugs (e.g. an
 * unreadable `docker save` archive) — after cleaning up.
 *
 * Steps: write the context to a fresh temp dir; `docker build -q --network=none -t oracle/case-…`
 * (`DOCKER_BUILDKIT=1|0`; legacy adds `--force-rm --no-cache`); on success `docker image inspect` and
 * `docker save` (config blob → history, rootfs) in parallel, then one `docker create --pull=never
 * --network=none` per `runs` entry, their inspection, and `docker rm -f`. Finally removes the image (and,
 * after a failed legacy build, the intermediate images that build created) and the temp dir. The builds and
 * `docker create` go through the CLI; the bookkeeping (inspect, save, rm) goes straight to the Engine API
 * when the engine is on a unix socket (`docker-api.ts`), else through the CLI too.
 */
export async function buildCase(
  engine: Engine,
  c: OracleCase,
  builder: OracleBuilder,
  options: BuildCaseOptions = {},
): Promise<OracleResult> {
  const started = performance.now();
  const root = await mkdtemp(join(tmpdir(), "oracle-case-"));
  let p: PreparedCase | undefined;
  let built = false;
  let leftovers: string[] = [];
  try {
    p = await prepareCase(c, root);
    const args = ["build", "-q", "--network=none", "-t", p.tag, "-f", p.dockerfilePath];
    // Legacy builds run concurrently: with the classic cache, one case's cleanup (`docker image rm`)
    // can delete an intermediate image another case reuses ("failed to get digest sha256:…").
    // --no-cache gives every case its own intermediate images.
    if (builder === "legacy") args.push("--force-rm", "--no-cache");
    for (const [k, v] of Object.entries(c.buildArgs ?? {})) args.push("--build-arg", `${k}=${v}`);
    if (c.target !== undefined) args.push("--target", c.target);
    args.push(p.ctx);
    const b = await runDocker(engine, args, {
      env: { DOCKER_BUILDKIT: builder === "buildkit" ? "1" : "0" },
      timeoutMs: options.timeoutMs ?? 120_000,
    });
    if (b.code !== 0) {
      if (builder === "legacy") leftovers = legacyLeftovers(b.stderr + "\n" + b.stdout.toString("utf8"));
      return { builder, build: { ok: false, error: buildError(b.stderr, builder) }, ms: performance.now() - started, via: "build" };
    }
    built = true;
    const result = await observeImage(engine, builder, p.tag, c.runs);
    return { ...result, ms: performance.now() - started, via: "build" };
  } finally {
    await removeImages(engine, [...(built && p ? [p.tag] : []), ...leftovers]);
    await rm(root, { recursive: true, force: true });
  }
}

/** Engines whose CLI cannot bake (no buildx plugin): their BuildKit cases get one `docker build` each. */
const noBake = new Set<string>();
const engineKey = (engine: Engine): string => `${engine.docker}\0${engine.env.DOCKER_HOST ?? ""}`;

/** A string as a literal in a bake file (HCL templates: `${` and `%{` start interpolations). */
const bakeLiteral = (s: string): string => s.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");

/**
 * BuildKit only: builds several cases with one `docker buildx bake` (one target per case, each with its
 * own context, Dockerfile, build args, `--target`, tag and `network: none`), which BuildKit solves in
 * parallel, then observes each image as {@link buildCase} does. A case whose image is missing after the
 * bake (it failed, or the bake stopped early because another target failed) is built again on its own with
 * {@link buildCase}, so every failure is reported with `docker build`'s message and nothing depends on
 * which cases shared a bake.
 *
 * Each case is built exactly as by itself: the targets share nothing but the BuildKit solver (which only
 * deduplicates identical steps, as it does across separate builds). `engine.spec.ts` checks that baked
 * and separately built images are observed alike.
 */
export async function bakeCases(engine: Engine, cases: readonly OracleCase[], options: BuildCaseOptions = {}): Promise<OracleResult[]> {
  const started = performance.now();
  const root = await mkdtemp(join(tmpdir(), "oracle-bake-"));
  const prepared: PreparedCase[] = [];
  const built = new Set<string>();
  try {
    for (let i = 0; i < cases.length; i++) prepared.push(await prepareCase(cases[i]!, join(root, `c${i}`)));
    const target: Record<string, unknown> = {};
    cases.forEach((c, i) => {
      const p = prepared[i]!;
      target[`c${i}`] = {
        context: relative(root, p.ctx),
        dockerfile: p.dockerfilePath === join(p.ctx, "Dockerfile") ? "Dockerfile" : "../Dockerfile",
        tags: [p.tag],
        network: "none",
        output: ["type=docker"],
        ...(c.buildArgs && Object.keys(c.buildArgs).length > 0
          ? { args: Object.fromEntries(Object.entries(c.buildArgs).map(([k, v]) => [k, bakeLiteral(v)])) }
          : {}),
        ...(c.target !== undefined ? { target: bakeLiteral(c.target) } : {}),
      };
    });
    const bakeFile = { group: { default: { targets: cases.map((_, i) => `c${i}`) } }, target };
    await writeFile(join(root, "bake.json"), JSON.stringify(bakeFile, null, 2));
    // cwd = root: bake allows reading the contexts below its working directory without --allow.
    const bk = await runDocker(engine, ["buildx", "bake", "-f", "bake.json", "--progress=quiet"], {
      timeoutMs: options.timeoutMs ?? 120_000 + cases.length * 15_000,
      cwd: root,
    });
    if (process.env.ORACLE_DEBUG_BAKE === "1" && bk.code !== 0) console.error(`oracle: docker buildx bake failed (its cases are built again alone):\n${bk.stderr}`);
    // A CLI without buildx (or too old a one): bake nothing more with this engine.
    if (bk.code !== 0 && /is not a docker command|unknown command/i.test(bk.stderr)) noBake.add(engineKey(engine));
    return await Promise.all(
      cases.map(async (c, i): Promise<OracleResult> => {
        const p = prepared[i]!;
        const inspect = await inspectOne(engine, p.tag);
        if (!inspect.ok) return buildCase(engine, c, "buildkit", options);
        built.add(p.tag);
        const result = await observeImage(engine, "buildkit", p.tag, c.runs, inspect.value);
        return { ...result, ms: performance.now() - started, via: "bake" };
      }),
    );
  } finally {
    await Promise.all(prepared.map((p) => (built.has(p.tag) ? removeImages(engine, [p.tag]) : inspectOne(engine, p.tag).then((r) => (r.ok ? removeImages(engine, [p.tag]) : undefined)))));
    await rm(root, { recursive: true, force: true });
  }
}

/** Options of {@link buildCases}. */
export interface BuildCasesOptions extends BuildCaseOptions {
  /** How many builds (`docker build`, or `docker buildx bake` of a batch) run at once (default 2). */
  concurrency?: number;
  /**
   * BuildKit only: cases per `docker buildx bake` ({@link bakeCases}); 1 (the default) builds each case
   * with its own `docker build`. Ignored for the legacy builder, which has no bake.
   */
  bake?: number;
  /**
   * With `bake` > 1: the cases to build alone anyway — those expected to fail. A target that fails stops the
   * whole bake, and every case of that bake is then built again alone; this only saves that work.
   */
  alone?: (c: OracleCase, index: number) => boolean;
}

/**
 * Builds `cases` with `builder`, at most `concurrency` builds at a time (with `bake` > 1 and BuildKit: in
 * bakes of `bake` cases each); results are in the order of `cases`.
 */
export async function buildCases(
  engine: Engine,
  cases: readonly OracleCase[],
  builder: OracleBuilder,
  { concurrency = 2, bake = 1, alone, ...options }: BuildCasesOptions = {},
): Promise<OracleResult[]> {
  const results: OracleResult[] = new Array<OracleResult>(cases.length);
  const size = builder === "buildkit" && !noBake.has(engineKey(engine)) ? Math.max(1, bake) : 1;
  const batches: number[][] = [];
  const together: number[] = [];
  cases.forEach((c, i) => {
    if (size > 1 && alone?.(c, i) === true) batches.push([i]);
    else together.push(i);
  });
  for (let i = 0; i < together.length; i += size) batches.push(together.slice(i, i + size));
  // Longest first, so that a lone build does not trail at the end (order of results is unaffected).
  batches.sort((a, b) => b.length - a.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < batches.length) {
      const batch = batches[next++]!;
      if (batch.length === 1) results[batch[0]!] = await buildCase(engine, cases[batch[0]!]!, builder, options);
      else {
        const out = await bakeCases(engine, batch.map((i) => cases[i]!), options);
        batch.forEach((i, k) => (results[i] = out[k]!));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, batches.length)) }, worker));
  return results;
}
