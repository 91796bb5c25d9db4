/**
 * Fetches URLs into {@link Downloads}, with the `fetch` the caller gives (the core never reaches for
 * a global one: the Node edge passes `globalThis.fetch`, a browser page its own). Browser-safe: no
 * Node module is imported; the Node error codes undici reports are only read, to word a connection
 * failure as Go's HTTP client would.
 *
 * @module
 */
import { budgetsOf, type Budgets } from "../../core/budget.js";
import type { Download } from "./download.js";

/** The part of the WHATWG `fetch` this module uses. */
export type FetchLike = (
  url: string,
  init: { readonly redirect: "follow"; readonly signal?: AbortSignal },
) => Promise<{
  readonly status: number;
  readonly statusText: string;
  readonly headers: { get(name: string): string | null };
  /** The body as a stream (WHATWG fetch has it): read chunk by chunk, so a size cap stops an endless body. */
  readonly body?: ReadableStream<Uint8Array> | null;
  arrayBuffer(): Promise<ArrayBuffer>;
}>;

/** Options of {@link fetchUrls}. */
export interface FetchUrlsOptions {
  /** The `fetch` to use (in a browser or Node: `globalThis.fetch`). */
  readonly fetch: FetchLike;
  /** Per-URL time limit in milliseconds; default 30,000. */
  readonly timeoutMs?: number;
  /** How many URLs are fetched at once; default 4. */
  readonly concurrency?: number;
  /** The `downloadBytes` budget: most bytes read from one body (default `DEFAULT_BUDGETS.downloadBytes`, 64 MiB). */
  readonly budgets?: Partial<Pick<Budgets, "downloadBytes">>;
}

interface ErrorCause {
  readonly code?: unknown;
  readonly address?: unknown;
  readonly port?: unknown;
  readonly hostname?: unknown;
  readonly message?: unknown;
  readonly errors?: unknown;
}

function causeOf(e: unknown): ErrorCause | undefined {
  if (typeof e !== "object" || e === null) return undefined;
  const c = (e as { cause?: unknown }).cause ?? e;
  if (typeof c !== "object" || c === null) return undefined;
  // Happy-eyeballs connects give an AggregateError: its first error is the one Go would report.
  const errors = (c as ErrorCause).errors;
  if (Array.isArray(errors) && errors.length > 0 && typeof errors[0] === "object" && errors[0] !== null) return errors[0] as ErrorCause;
  return c as ErrorCause;
}

/**
 * Go's wording of a failed request, from what `fetch` threw: exact for a refused connection
 * (`dial tcp 127.0.0.1:9: connect: connection refused`), approximate otherwise.
 */
export function goCauseOf(e: unknown, url: string): { cause: string; approximate: boolean } {
  const c = causeOf(e);
  const code = typeof c?.code === "string" ? c.code : "";
  if (code === "ECONNREFUSED" && typeof c?.address === "string" && typeof c.port === "number") {
    const host = c.address.includes(":") ? `[${c.address}]` : c.address;
    return { cause: `dial tcp ${host}:${c.port}: connect: connection refused`, approximate: false };
  }
  if (code === "ENOTFOUND") {
    let host = typeof c?.hostname === "string" ? c.hostname : "";
    if (host === "") {
      try {
        host = new URL(url).hostname;
      } catch {
        host = "";
      }
    }
    return { cause: `dial tcp: lookup ${host}: no such host`, approximate: true };
  }
  if (typeof e === "object" && e !== null && (e as { name?: unknown }).name === "TimeoutError") return { cause: "context deadline exceeded", approximate: true };
  const message = typeof c?.message === "string" && c.message !== "" ? c.message : e instanceof Error ? e.message : String(e);
  return { cause: code === "" ? message : `${message} (${code})`, approximate: true };
}

/** A response body, read up to `limit` bytes (null past it: the rest is never read). */
async function readBody(r: Awaited<ReturnType<FetchLike>>, limit: number): Promise<Uint8Array | null> {
  if (r.body === undefined || r.body === null) {
    const whole = new Uint8Array(await r.arrayBuffer());
    return whole.length > limit ? null : whole;
  }
  const reader = r.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** Fetches one URL as a real build's HTTP client would (redirects followed), never throwing. */
export async function fetchUrl(url: string, options: FetchUrlsOptions): Promise<Download> {
  const f = options.fetch;
  try {
    const signal = typeof AbortSignal.timeout === "function" ? AbortSignal.timeout(options.timeoutMs ?? 30_000) : undefined;
    const controller = new AbortController();
    const signals = signal === undefined ? controller.signal : typeof AbortSignal.any === "function" ? AbortSignal.any([signal, controller.signal]) : signal;
    const r = await f(url, { redirect: "follow", signal: signals });
    const limit = budgetsOf(options.budgets).downloadBytes;
    const length = Number(r.headers.get("content-length") ?? "NaN");
    if (length > limit) {
      controller.abort();
      return { kind: "exceeded", budget: { budget: "downloadBytes", limit } };
    }
    const body = await readBody(r, limit);
    if (body === null) {
      controller.abort();
      return { kind: "exceeded", budget: { budget: "downloadBytes", limit } };
    }
    return { kind: "response", status: r.status, statusText: r.statusText, contentDisposition: r.headers.get("content-disposition"), body };
  } catch (e) {
    const { cause, approximate } = goCauseOf(e, url);
    return approximate ? { kind: "failed", cause, approximate } : { kind: "failed", cause };
  }
}

/**
 * Fetches each URL once (a few at a time) and gives what each returned.
 *
 * @example
 * ```ts
 * const downloads = await fetchUrls(["https://example.com/app.tar.gz"], { fetch: globalThis.fetch });
 * downloads.get("https://example.com/app.tar.gz")?.kind; // "response" or "failed"
 * ```
 */
export async function fetchUrls(urls: Iterable<string>, options: FetchUrlsOptions): Promise<Map<string, Download>> {
  const todo = [...new Set(urls)];
  const out = new Map<string, Download>();
  const results: Download[] = new Array<Download>(todo.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < todo.length) {
      const k = next++;
      results[k] = await fetchUrl(todo[k]!, options);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 4, todo.length)) }, worker));
  todo.forEach((u, k) => out.set(u, results[k]!));
  return out;
}
