// Entry of the sandbox worker thread (see sandbox.ts): registers tsx so the worker can load the
// TypeScript sources directly (vitest's transform does not reach worker threads), then loads
// the worker module named in workerData.entry.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
