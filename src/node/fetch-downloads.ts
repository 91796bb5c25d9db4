/**
 * The network edge: {@link fetchDownloads} with Node's own `fetch`.
 *
 * @module
 */
import type { BuildOptions } from "../evaluate/evaluate-dockerfile.js";
import { fetchDownloads as fetchDownloadsWith } from "../fetch-downloads.js";
import type { Download } from "../fs/download/download.js";
import type { FetchUrlsOptions } from "../fs/download/fetch-urls.js";

/**
 * What the `ADD <url>` instructions of a Dockerfile download, fetched with `globalThis.fetch`
 * unless `fetchOptions.fetch` says otherwise (see the core's `fetchDownloads`).
 *
 * @example
 * ```ts
 * import { fetchDownloads } from "dockerfile-semantics/node";
 * import { simulate } from "dockerfile-semantics";
 *
 * const text = "FROM scratch\nADD https://example.com/tool.tar.gz /opt/\n";
 * const sim = simulate(text, { downloads: await fetchDownloads(text) });
 * ```
 */
export function fetchDownloads(dockerfile: string, options: BuildOptions = {}, fetchOptions: Partial<FetchUrlsOptions> = {}): Promise<Map<string, Download>> {
  return fetchDownloadsWith(dockerfile, options, { ...fetchOptions, fetch: fetchOptions.fetch ?? globalThis.fetch });
}
