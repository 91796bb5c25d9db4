/**
 * The name a file downloaded by `ADD <url>` gets, per builder (verified on Docker 28.5 against a
 * local HTTP server, spec/fs/download): both read the URL's path as Go's `net/url` decodes it
 * (`%20` is a space; query and fragment ignored).
 *
 * - BuildKit: `path.Base` of the path, or `__unnamed__` for an empty path, `/`, or a URL Go cannot
 *   parse (vendored BuildKit v0.25 `frontend/dockerfile/dockerfile2llb/convert.go` `dispatchCopy`,
 *   which passes the name to the HTTP source as `llb.Filename`, so `Content-Disposition` never counts).
 * - Classic builder: the path's last element unless the path is empty or ends in `/`; then the
 *   `filename` of the response's `Content-Disposition`; else no name (moby v28.5.2
 *   `builder/dockerfile/copy.go` `getFilenameForDownload`), which fails into a directory
 *   (`cannot determine filename for source <url>`) and is `__unnamed__` otherwise.
 *
 * @module
 */
import type { Builder } from "../../core/builder.js";
import { goUnescape } from "../../docker/go-url.js";

/** The name BuildKit and the classic builder give a download they cannot name from the URL. */
export const UNNAMED_DOWNLOAD = "__unnamed__";

/**
 * The path of a URL as Go's `url.Parse` gives it in `URL.Path` (percent-decoded), or null when Go
 * fails to parse the URL (a bad `%` escape, a control character).
 *
 * @example
 * ```ts
 * goUrlPath("https://example.com/a%20b.txt?x=1#top"); // "/a b.txt"
 * goUrlPath("https://example.com/%zz");               // null
 * ```
 */
export function goUrlPath(url: string): string | null {
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(url)) return null;
  const hash = url.indexOf("#");
  const noFragment = hash < 0 ? url : url.slice(0, hash);
  if (hash >= 0 && goUnescape(url.slice(hash + 1), false) === null) return null;
  const q = noFragment.indexOf("?");
  const beforeQuery = q < 0 ? noFragment : noFragment.slice(0, q);
  const m = /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/]*(.*)$/s.exec(beforeQuery);
  const raw = m === null ? "" : m[1]!;
  return goUnescape(raw, false);
}



/** Go's `path.Base` (and `filepath.Base` on Linux). */
export function goBase(p: string): string {
  if (p === "") return ".";
  const trimmed = p.replace(/\/+$/, "");
  if (trimmed === "") return "/";
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

/** BuildKit's name for a download: it depends on the URL alone. */
export function buildkitDownloadName(url: string): string {
  const path = goUrlPath(url);
  if (path === null) return UNNAMED_DOWNLOAD;
  const base = goBase(path);
  return base === "." || base === "/" ? UNNAMED_DOWNLOAD : base;
}

/**
 * The classic builder's name for a download, from the URL and the response's `Content-Disposition`
 * (`undefined` when the response is not known: then a URL without a name of its own gives null,
 * "decided by the server"). `""` means no name.
 */
export function classicDownloadName(url: string, contentDisposition: string | null | undefined, fileNameOf: (header: string | null) => string | null): string | null {
  const path = goUrlPath(url) ?? "";
  if (path !== "" && !path.endsWith("/")) return goBase(path);
  if (contentDisposition === undefined) return null;
  const name = fileNameOf(contentDisposition);
  return name === null || name.endsWith("/") ? "" : goBase(name);
}

/**
 * The name a builder gives the file `ADD <url>` downloads when the response is not known: BuildKit's
 * always; the classic builder's when the URL path names it, else null (the server decides).
 */
export function downloadNameFromUrl(builder: Builder, url: string): string | null {
  if (builder === "buildkit") return buildkitDownloadName(url);
  return classicDownloadName(url, undefined, () => null);
}
