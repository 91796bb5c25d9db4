// Entry of dockerfile-check's worker threads in the specs: registers tsx so the worker can load the
// TypeScript sources (vitest's transform does not reach worker threads), then loads the CLI module,
// which starts its worker loop when it finds itself in a worker.
import { register } from "tsx/esm/api";

register();
await import(new URL("../../src/node/check-cli/main.ts", import.meta.url).href);
