/**
 * Runs the robustness checks of check.ts in a worker thread, so that runaway memory kills only
 * the worker (a `crash` problem with the input; the worker is replaced and checking goes on) and
 * the test thread stays free while the worker computes.
 *
 * There is no time limit: a wall-clock limit fails on a loaded machine. Work is bounded by
 * counters instead: check.ts's `workViolation` puts a bound linear in the input on the
 * simulator's work counter and on the report's size. An input the worker never finishes (an
 * endless loop that charges no work) is left to the test's own timeout; {@link Sandbox.close}
 * then prints that input, so the failure still names it.
 *
 * The worker loads the sources through tsx (sandbox-bootstrap.mjs), not through vitest.
 *
 * @module
 */
import { Worker } from "node:worker_threads";
import { VARIANTS, type Problem, type Variant } from "./check.js";
import type { SandboxRequest, SandboxResponse } from "./sandbox-worker.js";

/** The result of one sandboxed check. */
export interface SandboxOutcome {
  readonly problem: Problem | null;
  /** Per-variant milliseconds (only those run; empty after a crash), for information only. */
  readonly ms: readonly number[];
  readonly length: number;
}

interface Pending {
  readonly resolve: (o: SandboxOutcome) => void;
  readonly variants: readonly number[];
  readonly input: { text: string } | { path: string };
}

/** A worker thread that checks inputs, replaced after every crash. */
export class Sandbox {
  private worker: Worker | null = null;
  private ready: Promise<Worker> | null = null;
  private readonly progress = new SharedArrayBuffer(4);
  private readonly progressView = new Int32Array(this.progress);
  private nextId = 1;
  private pending = new Map<number, Pending>();
  /** How many workers were started (1 + crashes). */
  starts = 0;

  constructor(private readonly maxOldGenerationSizeMb = 1024) {}

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
      this.pending.set(id, { resolve, variants: indexes, input });
      w.postMessage(req);
    });
  }

  /**
   * Stops the worker. An input still being checked (the test timed out on it) is printed to
   * standard error with the variant the worker was simulating, so the failure names it.
   */
  async close(): Promise<void> {
    for (const p of this.pending.values()) {
      const at = Atomics.load(this.progressView, 0);
      const variant = VARIANTS[at]?.name ?? this.variantNames(p.variants);
      const what = "text" in p.input ? JSON.stringify(p.input.text.length > 2000 ? `${p.input.text.slice(0, 2000)}…` : p.input.text) : p.input.path;
      process.stderr.write(`sandbox: closed while still checking (${variant}) ${what}\n`);
    }
    this.pending.clear();
    const w = this.worker;
    this.worker = null;
    this.ready = null;
    if (w !== null) await w.terminate();
  }
}
