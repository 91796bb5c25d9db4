/// <reference lib="dom" />
// The playground's engine, off the main thread: a huge paste never freezes the page.
import { analyze, type PlaygroundInput } from "../../../site/engine.js";

self.onmessage = (e: MessageEvent<{ id: number; input: PlaygroundInput }>) => {
  const { id, input } = e.data;
  let result;
  try {
    result = analyze(input);
  } catch (err) {
    // analyze never throws by contract; if it ever did, say so rather than hang.
    result = { ok: false, inputErrors: [`internal error: ${(err as Error).message}`] };
  }
  (self as unknown as Worker).postMessage({ id, result });
};
