/**
 * Checking many files on worker threads, with the main thread doing almost nothing per file: it cuts the
 * list of paths into batches, each worker reads, checks and formats its batch's files itself and sends back
 * one text and a few counters per batch ({@link checkBatch}), and the main thread writes the batches out in
 * input order.
 *
 * - **Memory** is bounded: at most `jobs * 4` batches of at most {@link MAX_BATCH} files are cut ahead,
 *   in flight or waiting for an earlier batch, however many files there are.
 * - **Per-file time budget**: before each file a worker bumps a counter in memory shared with the main
 *   thread; a watchdog there stops a worker whose counter has not moved for `timeoutMs`, gives that file an
 *   explicit `budget-exceeded` result, and sends the worker's unfinished batches to a fresh worker (the stuck
 *   file marked to be skipped). A worker that crashes on a file is handled the same way. So neither a huge nor
 *   a broken file stalls the rest.
 *
 * @module
 */
import { Worker } from "node:worker_threads";
import type { BatchOutcome, BatchOutput, FileTask } from "./batch.js";
import type { CheckRunOptions } from "./check-file.js";
import { PROGRESS, WORKER_ROLE_ENV, type BatchReply, type BatchRequest, type WorkerSetup } from "./worker.js";

/** The largest batch (files); the first batches are smaller, so that a short run still spreads over the workers. */
export const MAX_BATCH = 64;

/** Settings of {@link checkInWorkers}. */
export interface PoolOptions {
  readonly jobs: number;
  /** The module a worker runs (it must start {@link runCheckWorker} when loaded in a worker). */
  readonly workerUrl: URL;
  /** Per-file time budget in milliseconds. */
  readonly timeoutMs: number;
  readonly run: CheckRunOptions;
  readonly output: BatchOutput;
}

/** What a pool run did, for the bench: batches, replaced workers, the CPU time each worker slot used. */
export interface PoolStats {
  readonly batches: number;
  readonly replacedWorkers: number;
  /** CPU milliseconds per worker slot (including workers it replaced), or null where threads' CPU time is unknown. */
  readonly workerCpuMs: readonly number[] | null;
}

interface Batch {
  readonly id: number;
  readonly tasks: readonly FileTask[];
  readonly skip: [number, string][];
}

interface Slot {
  worker: Worker;
  cells: Int32Array;
  /** Batches sent and not answered, oldest first. */
  inFlight: Batch[];
  /** The file counter when last seen, and when it last moved (ms, performance clock). */
  lastStarted: number;
  lastChange: number;
  dead: boolean;
  cpuMs: number | null;
  retiredCpuMs: number;
}

/** Batches a worker holds at once (one running, one waiting in its port, so it never idles between batches). */
const DEPTH = 2;

/**
 * Checks the tasks on `jobs` workers and calls `onBatch` with each batch's outcome in the tasks' order.
 *
 * @example
 * ```ts
 * await checkInWorkers(tasks, { jobs: 2, workerUrl, timeoutMs: 30_000, run, output: { format: "jsonl", colour: false } }, (o) => process.stdout.write(o.text));
 * ```
 */
export async function checkInWorkers(tasks: Iterable<FileTask>, options: PoolOptions, onBatch: (o: BatchOutcome) => void): Promise<PoolStats> {
  const iterator = tasks[Symbol.iterator]();
  const jobs = Math.max(1, options.jobs);
  const window = jobs * 4;
  const queue: Batch[] = [];
  const done = new Map<number, BatchOutcome>();
  let nextId = 0;
  let nextOut = 0;
  let exhausted = false;
  let replacedWorkers = 0;

  return new Promise<PoolStats>((resolve, reject) => {
    const slots: Slot[] = [];
    let failed = false;
    const fail = (e: Error): void => {
      if (failed) return;
      failed = true;
      clearInterval(watchdog);
      for (const s of slots) {
        s.dead = true;
        void s.worker.terminate();
      }
      reject(e);
    };
    const refill = (): void => {
      while (!exhausted && nextId - nextOut < window) {
        const size = Math.min(MAX_BATCH, 2 ** Math.floor(nextId / jobs));
        const batch: FileTask[] = [];
        while (batch.length < size) {
          const n = iterator.next();
          if (n.done === true) {
            exhausted = true;
            break;
          }
          batch.push(n.value);
        }
        if (batch.length > 0) queue.push({ id: nextId++, tasks: batch, skip: [] });
      }
    };
    const finishIfDone = (): void => {
      if (failed || !exhausted || queue.length > 0 || nextOut !== nextId || slots.some((s) => s.inFlight.length > 0)) return;
      clearInterval(watchdog);
      for (const s of slots) {
        s.dead = true;
        void s.worker.terminate();
      }
      const cpu = slots.map((s) => (s.cpuMs === null ? null : s.cpuMs + s.retiredCpuMs));
      resolve({ batches: nextId, replacedWorkers, workerCpuMs: cpu.every((c) => c !== null) ? (cpu as number[]) : null });
    };
    const send = (slot: Slot, batch: Batch): void => {
      if (slot.inFlight.length === 0) {
        slot.lastStarted = Atomics.load(slot.cells, PROGRESS.started);
        slot.lastChange = performance.now();
      }
      slot.inFlight.push(batch);
      const request: BatchRequest = { id: batch.id, tasks: batch.tasks, skip: batch.skip };
      slot.worker.postMessage(request);
    };
    const schedule = (): void => {
      refill();
      for (let depth = 1; depth <= DEPTH; depth++) {
        for (const slot of slots) {
          if (queue.length === 0) break;
          if (slot.inFlight.length < depth) send(slot, queue.shift()!);
        }
      }
      finishIfDone();
    };
    const onReply = (slot: Slot, reply: BatchReply): void => {
      if (slot.dead) return;
      const k = slot.inFlight.findIndex((b) => b.id === reply.id);
      if (k < 0) return;
      slot.inFlight.splice(k, 1);
      slot.lastStarted = Atomics.load(slot.cells, PROGRESS.started);
      slot.lastChange = performance.now();
      slot.cpuMs = reply.cpuMs;
      done.set(reply.id, reply.outcome);
      while (done.has(nextOut)) {
        const o = done.get(nextOut)!;
        done.delete(nextOut);
        nextOut++;
        onBatch(o);
      }
      schedule();
    };
    /** The worker is stuck on, or crashed on, the file it last started: that file gets `reason`, the rest go to a fresh worker. */
    const giveUp = (slot: Slot, reason: string, error: Error): void => {
      if (slot.dead || failed) return;
      slot.dead = true;
      void slot.worker.terminate();
      if (Atomics.load(slot.cells, PROGRESS.started) === 0) return fail(error); // it failed before any file: no file to blame
      const id = Atomics.load(slot.cells, PROGRESS.batch);
      const index = Atomics.load(slot.cells, PROGRESS.index);
      slot.inFlight.find((b) => b.id === id)?.skip.push([index, reason]);
      queue.push(...slot.inFlight);
      queue.sort((a, b) => a.id - b.id);
      const fresh = spawn();
      fresh.retiredCpuMs = slot.retiredCpuMs + (slot.cpuMs ?? 0);
      slots[slots.indexOf(slot)] = fresh;
      replacedWorkers++;
      schedule();
    };
    const spawn = (): Slot => {
      const progress = new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT);
      const setup: WorkerSetup = { role: "dockerfile-check-worker", run: options.run, output: options.output, progress };
      const slot: Slot = {
        worker: new Worker(options.workerUrl, { workerData: setup, env: { ...process.env, [WORKER_ROLE_ENV]: "1" } }),
        cells: new Int32Array(progress),
        inFlight: [],
        lastStarted: 0,
        lastChange: performance.now(),
        dead: false,
        cpuMs: null,
        retiredCpuMs: 0,
      };
      slot.worker.on("message", (m: BatchReply) => onReply(slot, m));
      slot.worker.on("error", (e) => giveUp(slot, `the worker failed on it: ${e.message}`, e));
      slot.worker.on("exit", (code) => {
        if (!slot.dead) giveUp(slot, `the worker stopped on it (exit code ${code})`, new Error(`a worker stopped (exit code ${code})`));
      });
      return slot;
    };
    const tick = (): void => {
      const now = performance.now();
      for (const slot of [...slots]) {
        if (slot.inFlight.length === 0) continue;
        const started = Atomics.load(slot.cells, PROGRESS.started);
        // A worker still starting up (no file started yet) is not on any file's clock.
        if (started !== slot.lastStarted || started === 0) {
          slot.lastStarted = started;
          slot.lastChange = now;
        } else if (now - slot.lastChange >= options.timeoutMs) {
          giveUp(slot, `checking it took longer than the ${options.timeoutMs} ms budget (--timeout)`, new Error("timeout"));
        }
      }
    };
    const watchdog = setInterval(tick, Math.min(1000, Math.max(5, Math.floor(options.timeoutMs / 4))));
    for (let k = 0; k < jobs; k++) slots.push(spawn());
    schedule();
  });
}
