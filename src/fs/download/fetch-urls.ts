/**
 * Fetches URLs into {@link Downloads}, with the `fetch` the caller gives (the core never reaches for
 * a global one: the Node edge passes `globalThis.fetch`, a browser page its own). Browser-safe: no
 * Node module is imported; the Node error codes undici reports are only read, to word a connection
 * failure as Go's HTTP client would.
 *
 * @module
 */
import type { Download } from "./download.js";

/** The part of the WHATWG `fetch` this module uses. */
export type FetchLike = (
  url: string,
  init: { readonly redirect: "follow"; readonly signal?: AbortSignal },
) => Promise<{
  readonly status: number;
  readonly statusText: string;
  readonly headers: { get(name: string): string | null };
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

/** Fetches one URL as a real build's HTTP client would (redirects followed), never throwing. */
export async function fetchUrl(url: string, options: FetchUrlsOptions): Promise<Download> {
  const f = options.fetch;
  try {
    const signal = typeof AbortSignal.timeout === "function" ? AbortSignal.timeout(options.timeoutMs ?? 30_000) : undefined;
    const r = await f(url, { redirect: "follow", ...(signal === undefined ? {} : { signal }) });
    const body = new Uint8Array(await r.arrayBuffer());
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
