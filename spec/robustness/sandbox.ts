/**
 * Runs the robustness checks of check.ts in a worker thread with a time limit, so that a hang
 * (an endless loop in synchronous code, which no test timeout can interrupt) fails one check
 * with the offending input instead of freezing the test run, and runaway memory kills only the
 * worker. After a hang or crash the worker is replaced and checking goes on.
 *
 * The worker loads the sources through tsx (sandbox-bootstrap.mjs), not through vitest.
 *
 * @module
 */
import { Worker } from "node:worker_threads";
import { VARIANTS, type Problem, type Variant } from "./check.js";
import type { SandboxRequest, SandboxResponse } from "./sandbox-worker.js";

/** A positive number from an env var, or the fallback. */
export function numberFromEnv(name: string, fallback: number): number {
  const v = process.env[name];
  if (v === undefined || v === "") return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got ${JSON.stringify(v)}`);
  return n;
}

/**
 * How long one input may take (all its variants together) before it counts as a hang;
 * `ROBUSTNESS_HANG_MS`, default 5 s (the slowest real file takes well under 1 s).
 */
export const HANG_MS = numberFromEnv("ROBUSTNESS_HANG_MS", 5_000);

/**
 * The time limit of the fuzzing properties, whose inputs are at most a few KB (real files of
 * that size take a few ms): `ROBUSTNESS_HANG_MS`, default 2 s. Shorter than {@link HANG_MS}
 * because fast-check re-runs a hanging input many times while shrinking.
 */
export const FUZZ_HANG_MS = numberFromEnv("ROBUSTNESS_HANG_MS", 2_000);

/** The result of one sandboxed check. */
export interface SandboxOutcome {
  readonly problem: Problem | null;
  /** Per-variant milliseconds (only those run; empty after a hang). */
  readonly ms: readonly number[];
  readonly length: number;
}

interface Pending {
  readonly resolve: (o: SandboxOutcome) => void;
  readonly variants: readonly number[];
  timer: NodeJS.Timeout;
}

/** A worker thread that checks inputs, replaced after every hang or crash. */
export class Sandbox {
  private worker: Worker | null = null;
  private ready: Promise<Worker> | null = null;
  private readonly progress = new SharedArrayBuffer(4);
  private readonly progressView = new Int32Array(this.progress);
  private nextId = 1;
  private pending = new Map<number, Pending>();
  /** How many workers were started (1 + hangs + crashes). */
  starts = 0;

  constructor(
    private readonly timeoutMs: number = HANG_MS,
    private readonly maxOldGenerationSizeMb = 1024,
  ) {}

  private start(): Promise<Worker> {
    if (this.ready !== null) return this.ready;
    this.starts++;
    const w = new Worker(new URL("./sandbox-bootstrap.mjs", import.meta.url), {
      workerData: { entry: new URL("./sandbox-worker.ts", import.meta.url).href, progress: this.progress },
      resourceLimits: { maxOldGenerationSizeMb: this.maxOldGenerationSizeMb, stackSizeMb: 4 },
      stdout: false,
      stderr: false,
    });
    this.worker = w;
    this.ready = new Promise<Worker>((resolve, reject) => {
      const onReady = (m: unknown) => {
        if (m !== "ready") return;
        w.off("message", onReady);
        w.off("error", onStartError);
        resolve(w);
      };
      const onStartError = (e: unknown) => reject(e instanceof Error ? e : new Error(String(e)));
      w.on("message", onReady);
      w.once("error", onStartError);
    });
    w.on("message", (m: SandboxResponse | "ready") => {
      if (m === "ready") return;
      const p = this.pending.get(m.id);
      if (p === undefined) return;
      clearTimeout(p.timer);
      this.pending.delete(m.id);
      p.resolve({ problem: m.problem, ms: m.ms, length: m.length });
    });
    w.on("error", (e) => this.failAll(w, "crash", `the worker died: ${e instanceof Error ? e.stack ?? e.message : String(e)}`));
    w.on("exit", (code) => this.failAll(w, "crash", `the worker exited with code ${code}`));
    return this.ready;
  }

  private failAll(w: Worker, kind: Problem["kind"], detail: string): void {
    if (this.worker !== w) return;
    this.worker = null;
    this.ready = null;
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      this.pending.delete(id);
      p.resolve({ problem: { kind, variant: this.variantNames(p.variants), detail }, ms: [], length: -1 });
    }
  }

  private variantNames(vs: readonly number[]): string {
    return vs.map((i) => VARIANTS[i]?.name ?? String(i)).join(", ");
  }

  /** Checks a text (or a file read as UTF-8) with the given variants (default all). */
  async check(input: { text: string } | { path: string }, variants: readonly Variant[] = VARIANTS): Promise<SandboxOutcome> {
    const indexes = variants.map((v) => {
      const i = VARIANTS.indexOf(v);
      if (i < 0) throw new Error(`variant ${v.name} is not one of VARIANTS`);
      return i;
    });
    const w = await this.start();
    const id = this.nextId++;
    const req: SandboxRequest = "text" in input ? { id, text: input.text, variants: indexes } : { id, path: input.path, variants: indexes };
    return new Promise<SandboxOutcome>((resolve) => {
      const timer = setTimeout(() => {
        const at = Atomics.load(this.progressView, 0);
        const variant = VARIANTS[at]?.name ?? this.variantNames(indexes);
        this.pending.delete(id);
        this.worker = null;
        this.ready = null;
        void w.terminate();
        // the other pending requests (none in sequential use) are lost with the worker
        for (const [pid, p] of this.pending) {
          clearTimeout(p.timer);
          this.pending.delete(pid);
          p.resolve({ problem: { kind: "hang", variant: this.variantNames(p.variants), detail: "lost with a hung worker" }, ms: [], length: -1 });
        }
        resolve({ problem: { kind: "hang", variant, detail: `no result after ${this.timeoutMs} ms` }, ms: [], length: -1 });
      }, this.timeoutMs);
      this.pending.set(id, { resolve, variants: indexes, timer });
      w.postMessage(req);
    });
  }

  /** Stops the worker. */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    this.ready = null;
    if (w !== null) await w.terminate();
  }
}
