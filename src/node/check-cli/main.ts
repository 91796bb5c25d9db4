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
import { readFileSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { checkBatch, threadCpuMs, type FileTask } from "./batch.js";
import { parseCheckArgs, USAGE, VERSION } from "./args.js";
import type { CheckRunOptions } from "./check-file.js";
import { discoverDockerfiles } from "./discover.js";
import { checkInWorkers, type PoolStats } from "./pool.js";
import { runReport } from "./report.js";
import { formatRuleList, loadRuleConfig } from "./rule-config.js";
import { loadResolver, runCheckWorker, WORKER_ROLE_ENV } from "./worker.js";

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
  const parsed = parseCheckArgs(argv);
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
    io.stdout(formatRuleList());
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
  const config = loadRuleConfig(p);
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

  const output = { format: p.format, colour: p.format === "tty" && io.stdoutIsTty };
  const report = runReport({ stdout: io.stdout, stderr: io.stderr, format: p.format, progress: io.stderrIsTty && p.format !== "tty", version: VERSION });

  // One file is checked in this thread (no worker to start: the one-shot case). Any other run, --jobs 1
  // included, runs on `jobs` workers, so the per-file time budget holds and the main thread only hands out
  // batches and writes what comes back.
  const single = p.paths.length === 1 && (p.paths[0] === "-" || !isDirectory(p.paths[0]!));
  const jobs = single ? 1 : (p.jobs ?? Math.max(1, Math.min(availableParallelism(), 8)));
  const started = stats ? performance.now() : 0; // `performance` loads perf_hooks: only when asked
  let pool: PoolStats | null = null;
  if (single) {
    report.onBatch(checkBatch([...tasks], run, resolver, output));
  } else {
    io.beforeWorkers?.(jobs);
    pool = await checkInWorkers(tasks, { jobs, workerUrl, timeoutMs: p.timeoutMs, run, output }, report.onBatch);
  }
  report.finish();
  if (stats) {
    const cpu = process.cpuUsage();
    const figures = { files: report.files(), jobs: single ? 0 : jobs, wallMs: Math.round(performance.now() - started), processCpuMs: Math.round((cpu.user + cpu.system) / 1000), mainCpuMs: threadCpuMs(), ...pool };
    io.stderr(`${JSON.stringify({ stats: figures })}\n`);
  }
  return report.status();
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

if (process.env[WORKER_ROLE_ENV] === "1") void runCheckWorker();
