/**
 * Checking many files on worker threads: a fixed number of workers, a bounded window of files in flight
 * (so memory does not grow with the number of files), results handed on in input order, and a per-file
 * time budget: a worker that takes longer on one file is stopped and replaced, and the file gets an explicit
 * `budget-exceeded` result, so neither a huge nor a broken file stalls the rest.
 *
 * @module
 */
import { Worker } from "node:worker_threads";
import type { FileResult } from "../../check/index.js";
import { budgetResult, type CheckRunOptions } from "./check-file.js";

/** A file to check: its path, and its text when it came from standard input. */
export interface FileTask {
  readonly path: string;
  readonly text: string | null;
}

/** Settings of {@link checkInWorkers}. */
export interface PoolOptions {
  readonly jobs: number;
  /** The module a worker runs (it must start the worker loop when loaded in a worker). */
  readonly workerUrl: URL;
  /** Per-file time budget in milliseconds. */
  readonly timeoutMs: number;
  readonly run: CheckRunOptions;
}

interface Slot {
  worker: Worker;
  busy: { id: number; task: FileTask; timer: ReturnType<typeof setTimeout> } | null;
}

/**
 * Checks the tasks on `jobs` workers and calls `onResult` with each result in the tasks' order.
 * Never more than `jobs * 4` files are read ahead or waiting to be handed on.
 */
export async function checkInWorkers(tasks: Iterable<FileTask>, options: PoolOptions, onResult: (r: FileResult) => void): Promise<void> {
  const iterator = tasks[Symbol.iterator]();
  const window = Math.max(1, options.jobs) * 4;
  const done = new Map<number, FileResult>();
  let nextId = 0;
  let nextOut = 0;
  let exhausted = false;
  const queue: { id: number; task: FileTask }[] = [];

  return new Promise<void>((resolve, reject) => {
    const slots: Slot[] = [];
    const flush = (): void => {
      while (done.has(nextOut)) {
        onResult(done.get(nextOut)!);
        done.delete(nextOut);
        nextOut++;
      }
    };
    const refill = (): void => {
      while (!exhausted && nextId - nextOut < window) {
        const n = iterator.next();
        if (n.done === true) {
          exhausted = true;
          break;
        }
        queue.push({ id: nextId++, task: n.value });
      }
    };
    const finishIfDone = (): boolean => {
      if (exhausted && queue.length === 0 && slots.every((s) => s.busy === null) && nextOut === nextId) {
        for (const s of slots) void s.worker.terminate();
        resolve();
        return true;
      }
      return false;
    };
    const complete = (id: number, r: FileResult): void => {
      done.set(id, r);
      flush();
      refill();
    };
    const spawn = (): Slot => {
      const slot: Slot = { worker: new Worker(options.workerUrl, { workerData: { role: "dockerfile-check-worker", run: options.run } }), busy: null };
      slot.worker.on("message", (m: { id: number; result: FileResult }) => {
        if (slot.busy === null || slot.busy.id !== m.id) return;
        clearTimeout(slot.busy.timer);
        slot.busy = null;
        complete(m.id, m.result);
        schedule();
      });
      slot.worker.on("error", (e) => {
        if (slot.busy === null) return reject(e);
        const { id, task, timer } = slot.busy;
        clearTimeout(timer);
        slot.busy = null;
        complete(id, budgetResult(task.path, `the worker failed on it: ${e.message}`));
        replace(slot);
      });
      return slot;
    };
    const replace = (slot: Slot): void => {
      void slot.worker.terminate();
      const fresh = spawn();
      slots[slots.indexOf(slot)] = fresh;
      schedule();
    };
    const schedule = (): void => {
      refill();
      for (const slot of slots) {
        if (slot.busy !== null) continue;
        const next = queue.shift();
        if (next === undefined) break;
        const timer = setTimeout(() => {
          if (slot.busy?.id !== next.id) return;
          slot.busy = null;
          complete(next.id, budgetResult(next.task.path, `checking it took longer than the ${options.timeoutMs} ms budget (--timeout)`));
          replace(slot);
        }, options.timeoutMs);
        slot.busy = { id: next.id, task: next.task, timer };
        slot.worker.postMessage({ id: next.id, path: next.task.path, text: next.task.text });
      }
      finishIfDone();
    };
    for (let k = 0; k < Math.max(1, options.jobs); k++) slots.push(spawn());
    schedule();
  });
}
