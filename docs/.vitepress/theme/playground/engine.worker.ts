/// <reference lib="dom" />
// The playground's engine, off the main thread: a huge paste never freezes the page. Base images the page
// does not give come from the bundled catalog of official images (dockerfile-semantics/catalog), loaded
// lazily: the first answer does not wait for it; when it arrives, the last input is simulated again.
import type { BaseImageResolver } from "dockerfile-semantics";
import { analyze, type PlaygroundInput, type PlaygroundResult } from "../../../site/engine.js";

let catalog: BaseImageResolver | undefined;
let last: { id: number; input: PlaygroundInput } | undefined;

function answer(id: number, input: PlaygroundInput): void {
  let result: PlaygroundResult | { ok: false; inputErrors: string[] };
  try {
    result = analyze(input, catalog);
  } catch (err) {
    // analyze never throws by contract; if it ever did, say so rather than hang.
    result = { ok: false, inputErrors: [`internal error: ${(err as Error).message}`] };
  }
  (self as unknown as Worker).postMessage({ id, result, catalog: catalog !== undefined });
}

void import("dockerfile-semantics/catalog").then((m) => {
  catalog = m.catalogResolver();
  if (last !== undefined) answer(last.id, last.input);
});

self.onmessage = (e: MessageEvent<{ id: number; input: PlaygroundInput }>) => {
  last = e.data;
  answer(e.data.id, e.data.input);
};
