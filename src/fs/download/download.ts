/**
 * What `ADD <url>` gets when a real build downloads the URL, and what each builder makes of it.
 * The simulator never fetches by itself: a caller passes {@link Downloads} (made by
 * {@link fetchDownloads} or by hand) in `SimulateOptions.downloads`. Browser-safe.
 *
 * Rules, each verified on Docker 28.5 against a local HTTP server with both builders
 * (spec/fs/download, fixture `spec/fixtures/engine-28.5/add-url.json`):
 *
 * - The file is written with mode 0600 and owner 0:0 (then `--chown`, and BuildKit's `--chmod`), is
 *   never extracted even when it is an archive, and is named as `download-name.ts` says.
 * - An HTTP status below 200 or from 400 fails. BuildKit: `failed to load cache key: invalid response
 *   status 404`, when it computes cache keys (before any copy runs). Classic: `ADD failed: failed to
 *   GET <url> with status 404 Not Found: <body, trimmed>`.
 * - A connection failure: BuildKit `failed to load cache key: Get "<url>": <cause>`, classic
 *   `ADD failed: Get "<url>": <cause>`.
 * - BuildKit `--checksum=<digest>` (expanded; empty means none): the download happens when the copy
 *   runs, and its SHA-256 digest must equal the given one, else `digest mismatch sha256:<got>:
 *   <given>` (a `sha384:`/`sha512:` checksum therefore never matches). With a checksum BuildKit does
 *   not check the HTTP status: a 404 page whose digest matches is written as the file. A connection
 *   failure then reads `Get "<url>": <cause>`, without the cache-key prefix. The classic builder
 *   ignores `--checksum`.
 * - The classic builder's history names the download by its tarsum (`ADD <sum> in <dest>`, no
 *   `file:` prefix): the download's name, mode 0600, owner 0:0, size and content.
 *
 * @module
 */
import type { BudgetHit } from "../../core/budget.js";
import type { Builder } from "../../core/builder.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";
import { goQuote } from "../../docker/go-quote.js";
import { entryTarsum } from "../vfs/classic-source-hash.js";
import { dispositionFileName } from "./content-disposition.js";
import { buildkitDownloadName, classicDownloadName, UNNAMED_DOWNLOAD } from "./download-name.js";

/** The outcome of downloading one URL, as a real build's HTTP client would see it. */
export type Download =
  | {
      readonly kind: "response";
      /** The final response's status (after redirects). */
      readonly status: number;
      /** The reason phrase (`Not Found`), as the status line gave it; may be empty. */
      readonly statusText: string;
      /** The final response's `Content-Disposition` header, or null. */
      readonly contentDisposition: string | null;
      readonly body: Uint8Array;
    }
  | {
      readonly kind: "failed";
      /** What Go's HTTP client would say after `Get "<url>": `, e.g. `dial tcp 127.0.0.1:9: connect: connection refused`. */
      readonly cause: string;
      /** Set when `cause` is this machine's wording and Go's may differ. */
      readonly approximate?: boolean;
    }
  | {
      /** The body was larger than the `downloadBytes` budget: reading stopped, the file is unknown (a real build goes on). */
      readonly kind: "exceeded";
      readonly budget: BudgetHit;
    };

/** Downloads by URL (the URL exactly as the expanded ADD source reads). */
export type Downloads = ReadonlyMap<string, Download> | Readonly<Record<string, Download>>;

/** Looks a URL up in {@link Downloads}. */
export function downloadOf(downloads: Downloads | undefined, url: string): Download | undefined {
  if (downloads === undefined) return undefined;
  if (downloads instanceof Map) return (downloads as ReadonlyMap<string, Download>).get(url);
  const r = downloads as Readonly<Record<string, Download>>;
  return Object.prototype.hasOwnProperty.call(r, url) ? r[url] : undefined;
}

/** When BuildKit meets a download failure: computing cache keys, or running the copy (with `--checksum`). */
export type DownloadFailurePhase = "cache-key" | "exec";

/** What a builder makes of one download. */
export type DownloadOutcome =
  | {
      readonly ok: true;
      /** The file's name in a directory destination. */
      readonly name: string;
      readonly content: Uint8Array;
      /** The classic builder's history hash of the download. */
      readonly classicHash: string;
    }
  | { readonly ok: false; readonly phase: DownloadFailurePhase; readonly message: string; readonly approximate: boolean };

/** The mode a downloaded file is written with, before `--chmod` (both builders). */
export const DOWNLOADED_FILE_MODE = 0o600;

function bodyText(body: Uint8Array): string {
  return new TextDecoder().decode(body).trim();
}

/**
 * Resolves one downloaded URL for a builder: the file ADD writes, or the build's error.
 * `checksum` is BuildKit's expanded `--checksum` (null or `""` for none), `intoDirectory` whether the
 * destination ends with `/` (the classic builder needs a name then).
 *
 * @example
 * ```ts
 * const d: Download = { kind: "response", status: 404, statusText: "Not Found", contentDisposition: null, body: new Uint8Array() };
 * resolveDownload("buildkit", "https://example.com/a.txt", d, { checksum: null, intoDirectory: true });
 * // { ok: false, phase: "cache-key", message: "failed to load cache key: invalid response status 404", approximate: false }
 * ```
 */
export function resolveDownload(builder: Builder, url: string, d: Exclude<Download, { kind: "exceeded" }>, o: { readonly checksum: string | null; readonly intoDirectory: boolean }): DownloadOutcome {
  const approximate = d.kind === "failed" && d.approximate === true;
  if (builder === "buildkit") {
    const checksum = o.checksum === null || o.checksum === "" ? null : o.checksum;
    if (d.kind === "failed") {
      const get = `Get ${goQuote(url)}: ${d.cause}`;
      return checksum === null ? { ok: false, phase: "cache-key", message: `failed to load cache key: ${get}`, approximate } : { ok: false, phase: "exec", message: get, approximate };
    }
    if (checksum !== null) {
      const got = `sha256:${bytesToHex(sha256(d.body))}`;
      if (got !== checksum) return { ok: false, phase: "exec", message: `digest mismatch ${got}: ${checksum}`, approximate };
    } else if (d.status < 200 || d.status >= 400) {
      return { ok: false, phase: "cache-key", message: `failed to load cache key: invalid response status ${d.status}`, approximate };
    }
    return { ok: true, name: buildkitDownloadName(url), content: d.body, classicHash: "" };
  }
  if (d.kind === "failed") return { ok: false, phase: "exec", message: `ADD failed: Get ${goQuote(url)}: ${d.cause}`, approximate };
  if (d.status >= 400) {
    const status = d.statusText === "" ? String(d.status) : `${d.status} ${d.statusText}`;
    return { ok: false, phase: "exec", message: `ADD failed: failed to GET ${url} with status ${status}: ${bodyText(d.body)}`, approximate };
  }
  const found = classicDownloadName(url, d.contentDisposition, dispositionFileName) ?? "";
  if (found === "" && o.intoDirectory) return { ok: false, phase: "exec", message: `ADD failed: cannot determine filename for source ${url}`, approximate };
  const name = found === "" ? UNNAMED_DOWNLOAD : found;
  const classicHash = entryTarsum({ type: "file", path: name, mode: DOWNLOADED_FILE_MODE, size: d.body.length, content: d.body });
  return { ok: true, name, content: d.body, classicHash };
}
