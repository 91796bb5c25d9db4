import type { Builder } from "./core/builder.js";
import { evaluateDockerfile, type BuildOptions } from "./evaluate/evaluate-dockerfile.js";
import { downloadOf, type Download } from "./fs/download/download.js";
import { fetchUrls, type FetchUrlsOptions } from "./fs/download/fetch-urls.js";

/**
 * Downloads what the `ADD <url>` instructions of a Dockerfile would download, so that a simulation
 * given the result (`simulate(text, { ...options, downloads })`) knows those files: their names,
 * sizes and hashes, a failing download's error, a `--checksum` mismatch. The simulation itself
 * never touches the network. URLs are found by evaluating the Dockerfile with both builders (the
 * classic builder evaluates stages BuildKit skips), expanded with the given build arguments; those
 * already in `options.downloads` are kept and not fetched again. The `fetch` is the caller's
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
  for (const builder of ["buildkit", "legacy"] as const satisfies readonly Builder[]) {
    for (const url of evaluateDockerfile(dockerfile, { ...options, builder }).downloadUrls) {
      const known = downloadOf(options.downloads, url);
      if (known !== undefined) out.set(url, known);
      else wanted.add(url);
    }
  }
  for (const [url, d] of await fetchUrls(wanted, fetchOptions)) out.set(url, d);
  return out;
}
