/**
 * Git sources of `ADD` (`ADD https://github.com/moby/moby.git#v28.5.0 /src`), recognised and split
 * as BuildKit v0.25 does in Docker 28.5: `frontend/dockerfile/dfgitutil/git_ref.go` (`ParseGitRef`,
 * `loadQuery`), `util/gitutil/git_url.go` (`ParseURL`, `FromURL`, the `#ref:subdir` fragment) and
 * `util/sshutil/scpurl.go` (the scp-like `user@host:path` form), all at moby/buildkit v0.25.2.
 *
 * A source is a git source when it is
 * - a URL with the scheme `git://` or `ssh://`, or `http://`/`https://` whose path ends in `.git`;
 * - an scp-like `user@host:path`.
 * `./x`, `../x`, other schemes and `github.com/…` (BuildKit's deprecated form, accepted only for
 * build contexts) are not. The ref and subdirectory come from the fragment (`#ref:subdir`) or the
 * query (`?ref=…&subdir=…&tag=…&branch=…&checksum=…&keep-git-dir&submodules=…`); a query BuildKit
 * refuses fails the build with BuildKit's message. The classic builder knows no git sources: it
 * takes `http(s)://…git` as a download and anything else as a context path (verified on 28.5,
 * spec/fs/git).
 *
 * @module
 */
import { goQuote } from "./go-quote.js";
import { goParseQuery, goQueryParses, parseGoUrl } from "./go-url.js";

/** A git source as BuildKit reads it. */
export interface GitRef {
  /** The repository URL without fragment and query (what BuildKit hands to `git`). */
  readonly remote: string;
  /** Branch, tag, commit or full ref; `""` for the remote's default branch. */
  readonly ref: string;
  /** The directory inside the repository that is copied; `""` for its root. */
  readonly subdir: string;
  /** A commit the checkout must be (`?checksum=` / `?commit=`), or `""`. */
  readonly checksum: string;
  /** `?keep-git-dir[=bool]`, or null when the query does not say. */
  readonly keepGitDir: boolean | null;
  /** `?submodules[=bool]`, or null when the query does not say. */
  readonly submodules: boolean | null;
  /** `git://` and `http://`: an unencrypted connection. */
  readonly unencryptedTcp: boolean;
}

/** What BuildKit makes of an `ADD` source. */
export type GitSourceParse =
  | { readonly kind: "git"; readonly ref: GitRef }
  /** A git source whose query BuildKit refuses: the build fails with `message`. */
  | { readonly kind: "invalid"; readonly message: string }
  /** Not a git source (a context path, or an HTTP(S) download). */
  | { readonly kind: "not-git"; readonly deprecatedGithubForm: boolean };

const SUPPORTED_SCHEMES = new Set(["http", "https", "ssh", "git"]);
const SCP_LIKE = /^([a-zA-Z0-9-_]+)@([a-zA-Z0-9-.]+):(.*?)(?:\?(.*?))?(?:#(.*))?$/s;

/**
 * Classifies an `ADD` source as BuildKit does, and splits a git source into remote, ref, subdir and
 * options.
 *
 * @example
 * ```ts
 * parseGitSource("https://github.com/moby/moby.git#v28.5.0:client");
 * // { kind: "git", ref: { remote: "https://github.com/moby/moby.git", ref: "v28.5.0", subdir: "client", … } }
 * parseGitSource("https://example.com/app.tar.gz"); // { kind: "not-git", deprecatedGithubForm: false }
 * parseGitSource("git://host/r.git?tag=v1&branch=main"); // { kind: "invalid", message: "branch conflicts with tag" }
 * ```
 */
export function parseGitSource(source: string): GitSourceParse {
  if (source.startsWith("./") || source.startsWith("../")) return { kind: "not-git", deprecatedGithubForm: false };
  if (source.startsWith("github.com/")) return { kind: "not-git", deprecatedGithubForm: true };
  let remote: string;
  let fragment: string;
  let rawQuery: string;
  let unencryptedTcp = false;
  const proto = /^([a-zA-Z0-9]+):\/\//.exec(source);
  if (proto !== null) {
    const scheme = proto[1]!.toLowerCase();
    if (!SUPPORTED_SCHEMES.has(scheme)) return { kind: "not-git", deprecatedGithubForm: false };
    const u = parseGoUrl(source);
    if (u === null) return { kind: "not-git", deprecatedGithubForm: false };
    if ((u.scheme === "http" || u.scheme === "https") && !u.path.endsWith(".git")) return { kind: "not-git", deprecatedGithubForm: false };
    unencryptedTcp = u.scheme === "http" || u.scheme === "git";
    // Go's url.URL.String() writes the scheme in lower case (the rest as written, for these URLs).
    remote = u.scheme + withoutQueryAndFragment(source).slice(proto[1]!.length);
    fragment = u.fragment;
    rawQuery = u.rawQuery;
  } else {
    const m = SCP_LIKE.exec(source);
    if (m === null) return { kind: "not-git", deprecatedGithubForm: false };
    rawQuery = m[4] ?? "";
    // sshutil.ParseSCPStyleURL fails on a query Go's url.ParseQuery refuses: then it is no git source.
    if (!goQueryParses(rawQuery)) return { kind: "not-git", deprecatedGithubForm: false };
    remote = `${m[1]}@${m[2]}:${m[3]}`;
    fragment = m[5] ?? "";
  }
  const colon = fragment.indexOf(":");
  const base = { ref: colon < 0 ? fragment : fragment.slice(0, colon), subdir: colon < 0 ? "" : fragment.slice(colon + 1) };
  const query = applyQuery(base, goParseQuery(rawQuery));
  if (typeof query === "string") return { kind: "invalid", message: query };
  return { kind: "git", ref: { remote, ...query, unencryptedTcp } };
}

function withoutQueryAndFragment(source: string): string {
  const hash = source.indexOf("#");
  const noFragment = hash < 0 ? source : source.slice(0, hash);
  const q = noFragment.indexOf("?");
  return q < 0 ? noFragment : noFragment.slice(0, q);
}

type QueryFields = Pick<GitRef, "ref" | "subdir" | "checksum" | "keepGitDir" | "submodules">;

/**
 * BuildKit's `loadQuery`: each key once, with a value (`keep-git-dir` and `submodules` may go
 * without); `tag=` and `branch=` become `refs/tags/…` and `refs/heads/…`; a ref or subdir that
 * contradicts the fragment fails. BuildKit walks a Go map, so with several faults any one of them
 * may be reported; this reports the first in the order written.
 */
function applyQuery(base: { ref: string; subdir: string }, query: Map<string, string[]>): QueryFields | string {
  const out = { ref: base.ref, subdir: base.subdir, checksum: "", keepGitDir: null as boolean | null, submodules: null as boolean | null };
  let tag = "";
  let branch = "";
  for (const [key, values] of query) {
    if (values.length > 1) return `query ${goQuote(key)} has multiple values`;
    const value = values[0] ?? "";
    const flagLike = key === "submodules" || key === "keep-git-dir";
    if (value === "" && !flagLike) return `query ${goQuote(key)} has no value`;
    switch (key) {
      case "ref":
        if (out.ref !== "" && out.ref !== value) return `ref conflicts: ${goQuote(out.ref)} vs ${goQuote(value)}`;
        out.ref = value;
        break;
      case "tag":
        tag = value;
        break;
      case "branch":
        branch = value;
        break;
      case "subdir":
        if (out.subdir !== "" && out.subdir !== value) return `subdir conflicts: ${goQuote(out.subdir)} vs ${goQuote(value)}`;
        out.subdir = value;
        break;
      case "checksum":
      case "commit":
        out.checksum = value;
        break;
      case "keep-git-dir":
      case "submodules": {
        const b = value === "" ? true : goParseBool(value);
        if (b === null) return `invalid ${key} value: ${goQuote(value)}`;
        if (key === "keep-git-dir") out.keepGitDir = b;
        else out.submodules = b;
        break;
      }
      default:
        return `unexpected query ${goQuote(key)}`;
    }
  }
  if (tag !== "") {
    const full = tag.startsWith("refs/tags/") ? tag : `refs/tags/${tag}`;
    if (out.ref !== "" && out.ref !== full) return `ref conflicts: ${goQuote(out.ref)} vs ${goQuote(full)}`;
    out.ref = full;
  }
  if (branch !== "") {
    if (tag !== "") return "branch conflicts with tag";
    const full = branch.startsWith("refs/heads/") ? branch : `refs/heads/${branch}`;
    if (out.ref !== "" && out.ref !== full) return `ref conflicts: ${goQuote(out.ref)} vs ${goQuote(full)}`;
    out.ref = full;
  }
  return out;
}

/** Go's `strconv.ParseBool`. */
export function goParseBool(s: string): boolean | null {
  if (["1", "t", "T", "TRUE", "true", "True"].includes(s)) return true;
  if (["0", "f", "F", "FALSE", "false", "False"].includes(s)) return false;
  return null;
}
