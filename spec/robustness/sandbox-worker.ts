/**
 * The sandbox worker (see sandbox.ts): checks texts or corpus files sent by the main thread
 * with {@link checkText} and posts the outcome back. It writes the index of the variant it is
 * simulating into a shared array, so the main thread can name the variant of an input it never finished.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { parentPort, workerData } from "node:worker_threads";
import { checkVariant, lineLengths, VARIANTS, type Problem } from "./check.js";

/** A request from the main thread. */
export interface SandboxRequest {
  readonly id: number;
  /** The text, or a file to read with `readFileSync(path, "utf8")`. */
  readonly text?: string;
  readonly path?: string;
  /** Indexes into {@link VARIANTS}. */
  readonly variants: readonly number[];
}

/** The worker's answer. */
export interface SandboxResponse {
  readonly id: number;
  readonly problem: Problem | null;
  readonly ms: readonly number[];
  /** The text's length in UTF-16 code units. */
  readonly length: number;
}

const progress = new Int32Array((workerData as { progress: SharedArrayBuffer }).progress);
const port = parentPort!;

port.on("message", (req: SandboxRequest) => {
  let text: string;
  try {
    text = req.text ?? readFileSync(req.path!, "utf8");
  } catch (e) {
    port.postMessage({ id: req.id, problem: { kind: "shape", variant: "-", detail: `cannot read input: ${String(e)}` }, ms: [], length: 0 } satisfies SandboxResponse);
    return;
  }
  const lengths = lineLengths(text);
  const ms: number[] = [];
  let problem: Problem | null = null;
  for (const vi of req.variants) {
    Atomics.store(progress, 0, vi);
    const t0 = performance.now();
    problem = checkVariant(text, VARIANTS[vi]!, lengths);
    ms.push(performance.now() - t0);
    if (problem !== null) break;
  }
  Atomics.store(progress, 0, -1);
  port.postMessage({ id: req.id, problem, ms, length: text.length } satisfies SandboxResponse);
});
port.postMessage("ready");
