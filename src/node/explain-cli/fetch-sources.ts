/**
 * `explain-cmd --fetch`: downloads the URLs and clones the git repositories of the ADD instructions before
 * the simulation, as a real build would, warning about each one that could not be fetched.
 *
 * @module
 */
import type { SimulateOptions } from "../../simulate.js";
import { fetchDownloads } from "../fetch-downloads.js";
import { fetchGitSources } from "../fetch-git-sources.js";

/**
 * The simulation options with the fetched downloads and git checkouts added; each failure or budget hit is
 * one warning line through `stderr` (its file is then unknown).
 *
 * @example
 * ```ts
 * options = await fetchAddSources(text, options, io.stderr);
 * ```
 */
export async function fetchAddSources(text: string, options: SimulateOptions, stderr: (s: string) => void): Promise<SimulateOptions> {
  const downloads = await fetchDownloads(text, options);
  for (const [url, d] of downloads) if (d.kind === "failed") stderr(`explain-cmd: warning: could not download ${url}: ${d.cause}\n`);
    else if (d.kind === "exceeded") stderr(`explain-cmd: warning: stopped downloading ${url} at the ${d.budget.budget} budget (${d.budget.limit} bytes): its file is unknown\n`);
  const gitCheckouts = await fetchGitSources(text, options);
  for (const [source, c] of gitCheckouts) if (c.kind === "failed") stderr(`explain-cmd: warning: could not fetch ${source}: ${c.message}\n`);
  return { ...options, downloads, gitCheckouts };
}
