/**
 * Image references (`FROM busybox`, `COPY --from=alpine:3`), normalised like Docker Engine 28.5.
 *
 * Both builders parse FROM with `reference.ParseNormalizedNamed` of
 * `github.com/distribution/reference` v0.6.0 and add the default tag (`TagNameOnly`):
 * `vendor/github.com/distribution/reference/{normalize.go,reference.go,regexp.go}`, digests
 * validated by `github.com/opencontainers/go-digest` (`digest.Parse`, sha256/sha384/sha512).
 * BuildKit calls it from `dockerfile2llb/convert.go` (`failed to parse stage name "x": ` is
 * prepended to the error there); the classic builder reports the bare message. The messages
 * returned here are the bare ones, identical for both builders (verified on Engine 28.5.2).
 *
 * No npm package fits: `@swimlane/docker-reference` ports the older docker/distribution code
 * (its lowercase error lacks the `(name)` of v0.6.0 and it throws), `@codefresh-io/docker-reference`
 * needs the native `re2` module (not browser-safe), `parse-docker-image-name` does not follow
 * distribution's grammar. So this is hand-written.
 *
 * @module
 */

import { fail, ok, type Outcome } from "../core/result.js";

/** A parsed, normalised image reference. */
export interface ImageReference {
  /** Registry host (and port): `docker.io`, `localhost:5000`, `ghcr.io`. */
  readonly domain: string;
  /** Repository path inside the registry: `library/busybox`, `sim/busybox`. */
  readonly path: string;
  /**
   * The tag: as written, or `latest` when the reference has neither tag nor digest (Docker's
   * `TagNameOnly`). Absent for a digest-only reference.
   */
  readonly tag?: string;
  /** The digest (`sha256:…`), when given. */
  readonly digest?: string;
  /** Fully qualified form: `docker.io/library/busybox:latest`, `docker.io/x/y:1@sha256:…`. */
  readonly normalized: string;
  /** The short form Docker shows: `busybox:latest`, `sim/busybox:1`, `localhost:5000/x:latest`. */
  readonly familiar: string;
}

const DEFAULT_DOMAIN = "docker.io";
const LEGACY_DEFAULT_DOMAIN = "index.docker.io";
const OFFICIAL_REPO_PREFIX = "library/";
const DEFAULT_TAG = "latest";
const NAME_TOTAL_LENGTH_MAX = 255;

// The grammar of distribution/reference regexp.go, rebuilt piece by piece. Go's regexp picks
// the same submatches as JavaScript's backtracking engine for these (Perl-style, leftmost-first).
const ALPHANUMERIC = "[a-z0-9]+";
const SEPARATOR = "(?:[._]|__|[-]+)";
const DOMAIN_NAME_COMPONENT = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
const OPTIONAL_PORT = "(?::[0-9]+)?";
const TAG = "[\\w][\\w.-]{0,127}";
const DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9A-Fa-f]{32,}";
const IPV6_ADDRESS = "\\[(?:[a-fA-F0-9:]+)\\]";
const DOMAIN_NAME = `${DOMAIN_NAME_COMPONENT}(?:\\.${DOMAIN_NAME_COMPONENT})*`;
const HOST = `(?:${DOMAIN_NAME}|${IPV6_ADDRESS})`;
const DOMAIN_AND_PORT = HOST + OPTIONAL_PORT;
const PATH_COMPONENT = `${ALPHANUMERIC}(?:${SEPARATOR}${ALPHANUMERIC})*`;
const REMOTE_NAME = `${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const NAME = `(?:${DOMAIN_AND_PORT}/)?${REMOTE_NAME}`;

const REFERENCE_RE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const ANCHORED_NAME_RE = new RegExp(`^(?:(${DOMAIN_AND_PORT})/)?(${REMOTE_NAME})$`);
const ANCHORED_IDENTIFIER_RE = /^[a-f0-9]{64}$/;
const ANCHORED_DIGEST_RE = new RegExp(`^${DIGEST}$`);

/** Hex lengths of the digest algorithms registered in dockerd (go-digest). */
const DIGEST_HEX_LENGTH: ReadonlyMap<string, number> = new Map([
  ["sha256", 64],
  ["sha384", 96],
  ["sha512", 128],
]);

/**
 * `digest.Parse` of go-digest: validates `algorithm:hex`.
 *
 * Errors: `invalid checksum digest format`, `invalid checksum digest length`,
 * `unsupported digest algorithm`.
 *
 * @example
 * ```ts
 * parseDigest("md5:0123456789abcdef0123456789abcdef"); // fail("unsupported digest algorithm")
 * ```
 */
export function parseDigest(text: string): Outcome<string> {
  const i = text.indexOf(":");
  if (i <= 0 || i + 1 === text.length) return fail("invalid checksum digest format");
  const algorithm = text.slice(0, i);
  const encoded = text.slice(i + 1);
  const size = DIGEST_HEX_LENGTH.get(algorithm);
  if (size === undefined) {
    if (!ANCHORED_DIGEST_RE.test(text)) return fail("invalid checksum digest format");
    return fail("unsupported digest algorithm");
  }
  if (encoded.length !== size) return fail("invalid checksum digest length");
  if (!/^[a-f0-9]+$/.test(encoded)) return fail("invalid checksum digest format");
  return ok(text);
}

/**
 * Go's `strings.ToLower(s) != s`: whether some rune of `s` has a different lower case.
 * Evaluated rune by rune (Go uses simple, context-free case mappings).
 */
function hasUpper(s: string): boolean {
  for (const ch of s) {
    if (ch.toLowerCase() !== ch) return true;
  }
  return false;
}

/** Go's `strings.ToLower` as needed by `reference.Parse` (the retry that picks the error). */
function goLower(s: string): string {
  let out = "";
  for (const ch of s) {
    if (ch === "\u0130") out += "i";
    else {
      const l = ch.toLowerCase();
      out += [...l].length === 1 ? l : ch;
    }
  }
  return out;
}

/** splitDockerDomain of normalize.go. */
function splitDockerDomain(name: string): [domain: string, remainder: string] {
  const slash = name.indexOf("/");
  if (slash < 0) return [DEFAULT_DOMAIN, OFFICIAL_REPO_PREFIX + name];
  const maybeDomain = name.slice(0, slash);
  const maybeRemote = name.slice(slash + 1);
  let domain: string;
  let remote: string;
  if (maybeDomain === "localhost") {
    [domain, remote] = [maybeDomain, maybeRemote];
  } else if (maybeDomain === LEGACY_DEFAULT_DOMAIN) {
    [domain, remote] = [DEFAULT_DOMAIN, maybeRemote];
  } else if (maybeDomain.includes(".") || maybeDomain.includes(":")) {
    [domain, remote] = [maybeDomain, maybeRemote];
  } else if (hasUpper(maybeDomain)) {
    // Upper-case namespaces are not allowed, so an upper-case first element is a domain.
    [domain, remote] = [maybeDomain, maybeRemote];
  } else {
    [domain, remote] = [DEFAULT_DOMAIN, name];
  }
  if (domain === DEFAULT_DOMAIN && !remote.includes("/")) remote = OFFICIAL_REPO_PREFIX + remote;
  return [domain, remote];
}

interface ParsedReference {
  domain: string;
  path: string;
  tag: string;
  digest: string;
}

/** reference.Parse of reference.go. */
function parseReference(s: string): Outcome<ParsedReference> {
  const m = REFERENCE_RE.exec(s);
  if (m === null) {
    if (s === "") return fail("repository name must have at least one component");
    if (REFERENCE_RE.test(goLower(s))) return fail("repository name must be lowercase");
    return fail("invalid reference format");
  }
  const name = m[1] ?? "";
  const nm = ANCHORED_NAME_RE.exec(name);
  const domain = nm?.[1] ?? "";
  const path = nm === null ? name : (nm[2] ?? "");
  if (path.length > NAME_TOTAL_LENGTH_MAX) {
    return fail(`repository name must not be more than ${NAME_TOTAL_LENGTH_MAX} characters`);
  }
  const digest = m[3] ?? "";
  if (digest !== "") {
    const d = parseDigest(digest);
    if (!d.ok) return fail(d.error);
  }
  return ok({ domain, path, tag: m[2] ?? "", digest });
}

function nameOf(domain: string, path: string): string {
  return domain === "" ? path : `${domain}/${path}`;
}

/** familiarizeName of normalize.go. */
function familiarName(domain: string, path: string): string {
  if (domain !== DEFAULT_DOMAIN) return nameOf(domain, path);
  if (path.startsWith(OFFICIAL_REPO_PREFIX)) {
    const rest = path.slice(OFFICIAL_REPO_PREFIX.length);
    if (!rest.includes("/")) return rest;
  }
  return path;
}

function suffix(tag: string, digest: string): string {
  return (tag === "" ? "" : `:${tag}`) + (digest === "" ? "" : `@${digest}`);
}

/**
 * Parses an image reference like Docker's `reference.ParseNormalizedNamed` followed by
 * `reference.TagNameOnly` (what FROM does in both builders of Engine 28.5).
 *
 * Errors (bare, as the classic builder prints them; BuildKit prefixes
 * `failed to parse stage name "<ref>": `):
 * - `invalid reference format` (syntax: `sim/busybox:`, `a..b`, `x@sha256:abc`, `:latest`);
 * - `invalid reference format: repository name (library/Busybox) must be lowercase` (the
 *   repository part, after `library/` is added, in parentheses; 20.10 said
 *   `… repository name must be lowercase` without the name);
 * - `invalid repository name (<64 hex>), cannot specify 64-byte hexadecimal strings`;
 * - digest errors: `invalid checksum digest format`, `invalid checksum digest length`,
 *   `unsupported digest algorithm`;
 * - `repository name must not be more than 255 characters`.
 *
 * An upper-case *first* component is taken as a registry host, so `Sim/busybox` parses (domain
 * `Sim`) and only fails later, when pulling.
 *
 * @example
 * ```ts
 * parseImageReference("busybox");
 * // ok({ domain: "docker.io", path: "library/busybox", tag: "latest",
 * //      normalized: "docker.io/library/busybox:latest", familiar: "busybox:latest" })
 * parseImageReference("localhost:5000/x").value?.normalized; // "localhost:5000/x:latest"
 * parseImageReference("Busybox").error;
 * // "invalid reference format: repository name (library/Busybox) must be lowercase"
 * ```
 */
export function parseImageReference(ref: string): Outcome<ImageReference> {
  if (ANCHORED_IDENTIFIER_RE.test(ref)) {
    return fail(`invalid repository name (${ref}), cannot specify 64-byte hexadecimal strings`);
  }
  const [domain, remainder] = splitDockerDomain(ref);
  const colon = remainder.indexOf(":");
  const remote = colon < 0 ? remainder : remainder.slice(0, colon);
  if (hasUpper(remote)) {
    return fail(`invalid reference format: repository name (${remote}) must be lowercase`);
  }
  const parsed = parseReference(`${domain}/${remainder}`);
  if (!parsed.ok) return fail(parsed.error);
  const { digest } = parsed.value;
  const tag = parsed.value.tag === "" && digest === "" ? DEFAULT_TAG : parsed.value.tag;
  const result: {
    domain: string;
    path: string;
    tag?: string;
    digest?: string;
    normalized: string;
    familiar: string;
  } = {
    domain: parsed.value.domain,
    path: parsed.value.path,
    normalized: nameOf(parsed.value.domain, parsed.value.path) + suffix(tag, digest),
    familiar: familiarName(parsed.value.domain, parsed.value.path) + suffix(tag, digest),
  };
  if (tag !== "") result.tag = tag;
  if (digest !== "") result.digest = digest;
  return ok(result);
}

/**
 * Whether two references name the same image once normalised (`busybox`,
 * `docker.io/library/busybox:latest` and `index.docker.io/library/busybox` are the same).
 * An invalid reference is the same as nothing.
 *
 * @example
 * ```ts
 * sameImage("busybox", "docker.io/library/busybox:latest"); // true
 * sameImage("busybox", "busybox:1"); // false
 * ```
 */
export function sameImage(a: string, b: string): boolean {
  const ra = parseImageReference(a);
  const rb = parseImageReference(b);
  return ra.ok && rb.ok && ra.value.normalized === rb.value.normalized;
}
