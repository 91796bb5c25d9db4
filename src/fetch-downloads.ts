import { evaluateDockerfile, type BuildOptions } from "./evaluate/evaluate-dockerfile.js";
import { downloadOf, type Download } from "./fs/download/download.js";
import { fetchUrls, type FetchUrlsOptions } from "./fs/download/fetch-urls.js";

/**
 * Downloads what the `ADD <url>` instructions of a Dockerfile would download, so that a simulation
 * given the result (`simulate(text, { ...options, downloads })`) knows those files: their names,
 * sizes and hashes, a failing download's error, a `--checksum` mismatch. The simulation itself
 * never touches the network. URLs are found by evaluating the Dockerfile with the builder of
 * `options` (default BuildKit, which skips the stages the target does not need: their URLs are not
 * fetched), expanded with the given build arguments; those already in `options.downloads` are kept
 * and not fetched again. A body larger than the `downloadBytes` budget is not read past it: its
 * download is `exceeded`, and the simulation reports the budget and the file as unknown. The `fetch` is the caller's
 * (`fetchOptions.fetch`); `dockerfile-semantics/node` has a `fetchDownloads` that passes
 * `globalThis.fetch`.
 *
 * @example
 * ```ts
 * import { fetchDownloads, simulate } from "dockerfile-semantics";
 *
 * const text = "FROM scratch\nADD https://example.com/tool.tar.gz /opt/\n";
 * const downloads = await fetchDownloads(text, {}, { fetch: globalThis.fetch });
 * const sim = simulate(text, { downloads });
 * sim.stage?.files.lookup("/opt/tool.tar.gz", true); // the downloaded file, never extracted
 * ```
 */
export async function fetchDownloads(dockerfile: string, options: BuildOptions, fetchOptions: FetchUrlsOptions): Promise<Map<string, Download>> {
  const out = new Map<string, Download>();
  const wanted = new Set<string>();
  // Only the stages the chosen builder builds download anything (BuildKit skips the stages the
  // target does not need; the classic builder builds every stage up to it).
  for (const url of evaluateDockerfile(dockerfile, options).downloadUrls) {
    const known = downloadOf(options.downloads, url);
    if (known !== undefined) out.set(url, known);
    else wanted.add(url);
  }
  for (const [url, d] of await fetchUrls(wanted, fetchOptions)) out.set(url, d);
  return out;
}
