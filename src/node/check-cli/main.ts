/**
 * `dockerfile-check`: Docker's own build checks and the simulator's rules over files and directories, for CI.
 *
 * ```
 * dockerfile-check [--format tty|json|sarif|github|checkstyle|gnu|jsonl] [--fail-on error|warning|info|none]
 *                  [--image REF=PATH]... [--context DIR] [--builder buildkit|legacy] [--jobs N]
 *                  [--config FILE] [--ignore RULE]... [--error|--warning|--info RULE]...
 *                  [--build-arg K=V]... [--max-bytes N] [--timeout MS] [--files-from FILE] [--list-rules] PATH...
 * ```
 *
 * Exit status: 0 when no finding reaches `--fail-on` (default `error`), 1 when one does, 2 for usage
 * errors and unreadable files. This module is also the worker threads' entry: loaded in a worker, it
 * checks the files it is sent.
 *
 * @module
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import {
  applyConfigFile,
  CHECK_RULES,
  DEFAULT_CONFIG,
  formatCheckstyle,
  formatJson,
  formatSarif,
  formatTtySummary,
  parseFailOn,
  type CheckConfig,
  type FileResult,
} from "../../check/index.js";
import type { Builder } from "../../core/builder.js";
import { checkBatch, FORMATS, threadCpuMs, type BatchOutcome, type BatchOutput, type FileTask, type Format } from "./batch.js";
import type { CheckRunOptions } from "./check-file.js";
import { discoverDockerfiles } from "./discover.js";
import { checkInWorkers, type PoolStats } from "./pool.js";
import { loadResolver, runCheckWorker, WORKER_ROLE_ENV } from "./worker.js";

export { FORMATS } from "./batch.js";

/** Where the CLI writes. */
export interface CheckCliIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  /** Whether stderr is a terminal (the progress bar shows only then). */
  readonly stderrIsTty: boolean;
  /** Whether stdout is a terminal (colours in the tty format). */
  readonly stdoutIsTty: boolean;
  readonly readStdin: () => Promise<string>;
  /** Called with the number of workers before they start (the process entry tunes V8 for them). */
  readonly beforeWorkers?: (jobs: number) => void;
}


const USAGE = `usage: dockerfile-check [--format ${FORMATS.join("|")}] [--fail-on error|warning|info|none]
                        [--image REF=PATH]... [--context DIR] [--builder buildkit|legacy] [--jobs N]
                        [--config FILE] [--ignore RULE]... [--error|--warning|--info RULE]...
                        [--build-arg K=V]... [--max-bytes N] [--timeout MS] [--files-from FILE] [--list-rules] PATH...
PATH: a Dockerfile, a directory (searched for Dockerfile, *.Dockerfile, Dockerfile.*, Containerfile; .gitignore-aware), or - for standard input.
Exit status: 0 no finding at or above --fail-on (default error), 1 some, 2 usage error or unreadable file.
`;

const VERSION = "0.1.0";

interface Parsed {
  format: Format;
  failOn: string | null;
  images: string[];
  context: string | null;
  builder: Builder;
  jobs: number | null;
  config: string | null;
  ignore: string[];
  severity: [string, "error" | "warning" | "info"][];
  buildArgs: Record<string, string>;
  maxBytes: number;
  timeoutMs: number;
  listRules: boolean;
  filesFrom: string | null;
  paths: string[];
}

function parseArgs(argv: readonly string[]): { ok: true; value: Parsed } | { ok: false; error: string } | { ok: "exit"; text: string } {
  const p: Parsed = { format: "tty", failOn: null, images: [], context: null, builder: "buildkit", jobs: null, config: null, ignore: [], severity: [], buildArgs: {}, maxBytes: 1024 * 1024, timeoutMs: 30_000, listRules: false, filesFrom: null, paths: [] };
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k]!;
    const eq = a.startsWith("--") ? a.indexOf("=") : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    const value = (): string | null => (eq > 0 ? a.slice(eq + 1) : k + 1 < argv.length ? argv[++k]! : null);
    const need = (): string => {
      const v = value();
      if (v === null) throw new Error(`${name} needs a value`);
      return v;
    };
    const positive = (v: string): number => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${name} takes a positive integer, not ${JSON.stringify(v)}`);
      return n;
    };
    try {
      switch (name) {
        case "-h":
        case "--help":
          return { ok: "exit", text: USAGE };
        case "-V":
        case "--version":
          return { ok: "exit", text: `dockerfile-check ${VERSION} (Docker 28.5 checks)\n` };
        case "--format":
        case "-f": {
          const v = need();
          if (!(FORMATS as readonly string[]).includes(v)) throw new Error(`unknown format ${JSON.stringify(v)} (${FORMATS.join(", ")})`);
          p.format = v as Format;
          break;
        }
        case "--fail-on":
        case "--failure-threshold":
          p.failOn = need();
          break;
        case "--image":
          p.images.push(need());
          break;
        case "--context":
          p.context = need();
          break;
        case "--builder": {
          const v = need();
          if (v !== "buildkit" && v !== "legacy") throw new Error(`--builder is buildkit or legacy, not ${JSON.stringify(v)}`);
          p.builder = v;
          break;
        }
        case "--jobs":
        case "-j":
          p.jobs = positive(need());
          break;
        case "--config":
        case "-c":
          p.config = need();
          break;
        case "--ignore":
          p.ignore.push(...need().split(","));
          break;
        case "--error":
        case "--warning":
        case "--info":
        case "--style":
          for (const id of need().split(",")) p.severity.push([id, name === "--style" ? "info" : (name.slice(2) as "error" | "warning" | "info")]);
          break;
        case "--build-arg": {
          const v = need();
          const i = v.indexOf("=");
          if (i <= 0) throw new Error(`--build-arg takes K=V, not ${JSON.stringify(v)}`);
          p.buildArgs[v.slice(0, i)] = v.slice(i + 1);
          break;
        }
        case "--max-bytes":
          p.maxBytes = positive(need());
          break;
        case "--timeout":
          p.timeoutMs = positive(need());
          break;
        case "--list-rules":
          p.listRules = true;
          break;
        case "--files-from":
          p.filesFrom = need();
          break;
        default:
          if (a.startsWith("-") && a !== "-") throw new Error(`unknown option ${a}`);
          p.paths.push(a);
      }
    } catch (e) {
      return { ok: false, error: (e as Error).message };
    }
  }
  return { ok: true, value: p };
}

function loadConfig(p: Parsed): { ok: true; value: CheckConfig } | { ok: false; error: string } {
  let config = DEFAULT_CONFIG;
  const file = p.config ?? (existsSync(".dockerfile-check.json") ? ".dockerfile-check.json" : null);
  if (file !== null) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, "utf8"));
    } catch (e) {
      return { ok: false, error: `cannot read config ${file}: ${(e as Error).message}` };
    }
    const r = applyConfigFile(config, json);
    if (!r.ok) return { ok: false, error: `${file}: ${r.error}` };
    config = r.value;
  }
  const severity = new Map(config.severity);
  for (const [id, s] of p.severity) severity.set(id, s);
  let failOn = config.failOn;
  if (p.failOn !== null) {
    const f = parseFailOn(p.failOn);
    if (!f.ok) return { ok: false, error: `--fail-on: ${f.error}` };
    failOn = f.value;
  }
  return { ok: true, value: { ignored: new Set([...config.ignored, ...p.ignore]), severity, failOn } };
}

function listRules(): string {
  return CHECK_RULES.map((r) => `${r.id.padEnd(36)} ${r.defaultSeverity.padEnd(8)} ${r.experimental ? "experimental " : ""}${r.title}\n  ${r.docs}\n`).join("");
}

/**
 * Runs `dockerfile-check` with `argv` (without the node and script paths); returns the exit status.
 * `workerUrl` is the module workers run; with `stats`, one JSON line of run figures (files, wall and CPU
 * milliseconds of the process, the main thread and each worker) goes to stderr at the end, for the bench.
 *
 * @example
 * ```ts
 * const status = await checkMain(["--format", "sarif", "."], io, new URL(import.meta.url));
 * ```
 */
export async function checkMain(argv: readonly string[], io: CheckCliIo, workerUrl: URL, stats = false): Promise<number> {
  const parsed = parseArgs(argv);
  if (parsed.ok === "exit") {
    io.stdout(parsed.text);
    return 0;
  }
  if (!parsed.ok) {
    io.stderr(`dockerfile-check: ${parsed.error}\n${USAGE}`);
    return 2;
  }
  const p = parsed.value;
  if (p.listRules) {
    io.stdout(listRules());
    return 0;
  }
  if (p.filesFrom !== null) {
    try {
      const list = p.filesFrom === "-" ? await io.readStdin() : readFileSync(p.filesFrom, "utf8");
      p.paths.push(...list.split(/\r?\n/).filter((l) => l !== ""));
    } catch (e) {
      io.stderr(`dockerfile-check: --files-from: ${(e as Error).message}\n`);
      return 2;
    }
  }
  if (p.paths.length === 0) {
    io.stderr(`dockerfile-check: no PATH given\n${USAGE}`);
    return 2;
  }
  const config = loadConfig(p);
  if (!config.ok) {
    io.stderr(`dockerfile-check: ${config.error}\n`);
    return 2;
  }
  const run: CheckRunOptions = {
    builder: p.builder,
    buildArgs: p.buildArgs,
    context: p.context,
    config: { ignored: [...config.value.ignored], severity: [...config.value.severity], failOn: config.value.failOn },
    images: p.images,
    maxBytes: p.maxBytes,
  };
  const resolver = await loadResolver(p.images);
  if (typeof resolver === "string") {
    io.stderr(`dockerfile-check: ${resolver}\n`);
    return 2;
  }
  const stdin = p.paths.includes("-") ? await io.readStdin() : null;
  const tasks = (function* (): Generator<FileTask> {
    for (const path of discoverDockerfiles(p.paths)) yield { path, text: path === "-" ? stdin : null };
  })();

  const collected: FileResult[] = [];
  const output: BatchOutput = { format: p.format, colour: p.format === "tty" && io.stdoutIsTty };
  let fail = false;
  let unreadable = false;
  let count = 0;
  const counts = { error: 0, warning: 0, info: 0 };
  const progress = io.stderrIsTty && p.format !== "tty";
  const onBatch = (o: BatchOutcome): void => {
    count += o.files;
    for (const u of o.unreadable) io.stderr(`dockerfile-check: ${u}\n`);
    if (o.unreadable.length > 0) unreadable = true;
    counts.error += o.counts.error;
    counts.warning += o.counts.warning;
    counts.info += o.counts.info;
    if (o.fail) fail = true;
    if (progress) io.stderr(`\r\x1b[2K${count} file(s) checked, ${counts.error} error(s), ${counts.warning} warning(s)`);
    if (o.results !== null) collected.push(...o.results);
    if (o.text !== "") io.stdout(o.text);
  };

  // One file is checked in this thread (no worker to start: the one-shot case). Any other run, --jobs 1
  // included, runs on `jobs` workers, so the per-file time budget holds and the main thread only hands out
  // batches and writes what comes back.
  const single = p.paths.length === 1 && (p.paths[0] === "-" || !isDirectory(p.paths[0]!));
  const jobs = single ? 1 : (p.jobs ?? Math.max(1, Math.min(availableParallelism(), 8)));
  const started = stats ? performance.now() : 0; // `performance` loads perf_hooks: only when asked
  let pool: PoolStats | null = null;
  if (single) {
    onBatch(checkBatch([...tasks], run, resolver, output));
  } else {
    io.beforeWorkers?.(jobs);
    pool = await checkInWorkers(tasks, { jobs, workerUrl, timeoutMs: p.timeoutMs, run, output }, onBatch);
  }
  if (progress) io.stderr("\r\x1b[2K");
  if (p.format === "tty") io.stdout(formatTtySummary(count, counts));
  else if (p.format === "json") io.stdout(formatJson(collected));
  else if (p.format === "sarif") io.stdout(formatSarif(collected, { name: "dockerfile-check", version: VERSION }));
  else if (p.format === "checkstyle") io.stdout(formatCheckstyle(collected));
  if (stats) {
    const cpu = process.cpuUsage();
    const figures = { files: count, jobs: single ? 0 : jobs, wallMs: Math.round(performance.now() - started), processCpuMs: Math.round((cpu.user + cpu.system) / 1000), mainCpuMs: threadCpuMs(), ...pool };
    io.stderr(`${JSON.stringify({ stats: figures })}\n`);
  }
  if (count === 0) {
    io.stderr("dockerfile-check: no Dockerfile found\n");
    return 2;
  }
  return unreadable ? 2 : fail ? 1 : 0;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

if (process.env[WORKER_ROLE_ENV] === "1") void runCheckWorker();
