// A dockerfile-check worker whose check misbehaves on purpose, for the pool's budget specs: on a file whose
// name contains STALL it never returns, on one whose name contains CRASH it throws out of the worker's loop.
// Everything else is the real worker (tsx registered, as in check-worker-bootstrap.mjs).
import { register } from "tsx/esm/api";

register();
const { runCheckWorker } = await import(new URL("../../src/node/check-cli/worker.ts", import.meta.url).href);
const { checkBatch } = await import(new URL("../../src/node/check-cli/batch.ts", import.meta.url).href);

await runCheckWorker((tasks, run, resolver, out, skip, progress) => {
  const skipped = new Set(skip.map(([k]) => k));
  return checkBatch(tasks, run, resolver, out, skip, {
    starting: (k) => {
      progress?.starting(k);
      if (skipped.has(k)) return;
      if (tasks[k].path.includes("STALL")) for (;;);
      if (tasks[k].path.includes("CRASH")) throw new Error("planted crash");
    },
  });
});
