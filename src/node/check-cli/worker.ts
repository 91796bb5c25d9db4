/**
 * The worker side of {@link checkInWorkers}: receives batches of paths, reads, checks and formats the files
 * itself ({@link checkBatch}) and posts back one outcome per batch. Before each file it writes a file counter and
 * the file's index into memory shared with the main thread, whose watchdog enforces the per-file time budget.
 *
 * @module
 */
import { parentPort, workerData } from "node:worker_threads";
import type { BaseImageResolver } from "../../image/base-image.js";
import { loadImageFiles } from "../image-files.js";
import { checkBatch, threadCpuMs, type BatchOutcome, type BatchOutput, type FileTask, type SkipList } from "./batch.js";
import type { CheckRunOptions } from "./check-file.js";

/** What a worker is started with (`workerData`). */
export interface WorkerSetup {
  readonly role: "dockerfile-check-worker";
  readonly run: CheckRunOptions;
  readonly output: BatchOutput;
  /** Int32 cells: [0] files started so far, [1] the batch id, [2] the index in that batch. */
  readonly progress: SharedArrayBuffer;
}

/** A batch sent to a worker. */
export interface BatchRequest {
  readonly id: number;
  readonly tasks: readonly FileTask[];
  readonly skip: SkipList;
}

/** A worker's answer to a {@link BatchRequest}, with the CPU time its thread has used so far. */
export interface BatchReply {
  readonly id: number;
  readonly outcome: BatchOutcome;
  readonly cpuMs: number | null;
}

/**
 * The environment variable that marks a dockerfile-check worker thread (set by the pool in the worker's own
 * environment), so the entry knows its role without loading `node:worker_threads` in a one-shot run.
 */
export const WORKER_ROLE_ENV = "DOCKERFILE_CHECK_WORKER";

/** Index of the cells in {@link WorkerSetup.progress}. */
export const PROGRESS = { started: 0, batch: 1, index: 2 } as const;

/** The `--image` resolver of a run, or the reason it cannot be loaded. */
export async function loadResolver(images: readonly string[]): Promise<BaseImageResolver | undefined | string> {
  if (images.length === 0) return undefined;
  const r = await loadImageFiles(images);
  return r.ok ? r.resolver : r.error;
}

/**
 * Runs the worker loop in this worker thread. `check` is {@link checkBatch} unless a test puts a stand-in there.
 */
export async function runCheckWorker(check: typeof checkBatch = checkBatch): Promise<void> {
  const setup = workerData as WorkerSetup;
  const cells = new Int32Array(setup.progress);
  const resolver = await loadResolver(setup.run.images);
  parentPort!.on("message", (m: BatchRequest) => {
    Atomics.store(cells, PROGRESS.batch, m.id);
    const outcome = check(m.tasks, setup.run, typeof resolver === "string" ? undefined : resolver, setup.output, m.skip, {
      starting: (index) => {
        Atomics.store(cells, PROGRESS.index, index);
        Atomics.add(cells, PROGRESS.started, 1);
      },
    });
    const reply: BatchReply = { id: m.id, outcome, cpuMs: threadCpuMs() };
    parentPort!.postMessage(reply);
  });
}
