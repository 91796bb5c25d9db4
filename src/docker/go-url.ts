/**
 * The parts of Go's `net/url` that Docker's URL handling depends on: `url.Parse` into scheme,
 * userinfo, host, path, raw query and fragment (percent-decoded where Go decodes them), and
 * `url.ParseQuery` as `URL.Query()` applies it (bad pairs dropped). Go 1.24's `net/url` as
 * vendored by Docker 28.5; only absolute URLs of the form `scheme://authority/path?query#fragment`
 * and the rejections that decide between "a URL" and "not a URL" are modelled: an invalid
 * percent escape, a control character, a non-numeric port.
 *
 * @module
 */

/** A URL as Go's `url.Parse` splits it. */
export interface GoUrl {
  /** Lower-cased, as Go stores it. */
  readonly scheme: string;
  /** The user name of `user@host` or `user:password@host`, or null. */
  readonly user: string | null;
  /** `host` or `host:port`, as written. */
  readonly host: string;
  /** The decoded path (`%20` is a space). */
  readonly path: string;
  /** The query after `?`, undecoded; `""` when there is none. */
  readonly rawQuery: string;
  /** The decoded fragment after `#`; `""` when there is none. */
  readonly fragment: string;
}

/**
 * Parses an absolute URL like Go's `url.Parse`; null where Go returns an error or the text has no
 * `scheme://`.
 *
 * @example
 * ```ts
 * parseGoUrl("git://127.0.0.1:9418/repo.git?ref=v1#main:sub");
 * // { scheme: "git", user: null, host: "127.0.0.1:9418", path: "/repo.git", rawQuery: "ref=v1", fragment: "main:sub" }
 * parseGoUrl("https://example.com:x/"); // null (invalid port)
 * ```
 */
export function parseGoUrl(text: string): GoUrl | null {
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(text)) return null;
  const hash = text.indexOf("#");
  const beforeFragment = hash < 0 ? text : text.slice(0, hash);
  const fragment = hash < 0 ? "" : goUnescape(text.slice(hash + 1), false);
  if (fragment === null) return null;
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/(.*)$/s.exec(beforeFragment);
  if (m === null) return null;
  const q = m[2]!.indexOf("?");
  const rest = q < 0 ? m[2]! : m[2]!.slice(0, q);
  const rawQuery = q < 0 ? "" : m[2]!.slice(q + 1);
  const slash = rest.indexOf("/");
  const authority = slash < 0 ? rest : rest.slice(0, slash);
  const rawPath = slash < 0 ? "" : rest.slice(slash);
  const at = authority.lastIndexOf("@");
  const userinfo = at < 0 ? null : authority.slice(0, at);
  const host = at < 0 ? authority : authority.slice(at + 1);
  if (!validHost(host)) return null;
  let user: string | null = null;
  if (userinfo !== null) {
    const name = goUnescape(userinfo.split(":")[0]!, false);
    if (name === null) return null;
    user = name;
  }
  const path = goUnescape(rawPath, false);
  if (path === null) return null;
  return { scheme: m[1]!.toLowerCase(), user, host, path, rawQuery, fragment };
}

/** Go's check of a host's port: after the last `:` outside brackets, digits only. */
function validHost(host: string): boolean {
  const close = host.lastIndexOf("]");
  const colon = host.lastIndexOf(":");
  if (colon < 0 || colon < close) return true;
  return /^[0-9]*$/.test(host.slice(colon + 1));
}

/**
 * Go's `url.ParseQuery` as `URL.Query()` uses it: `&`-separated pairs, `key=value` unescaped with
 * `+` as a space; a pair with a `;` or a bad escape is dropped, an empty pair skipped. Keys keep the
 * order they first appear in (Go's map has none: where that matters the caller says so).
 *
 * @example
 * ```ts
 * goParseQuery("ref=v1&subdir=a%2Fb&x"); // Map { "ref" => ["v1"], "subdir" => ["a/b"], "x" => [""] }
 * ```
 */
export function goParseQuery(rawQuery: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const pair of rawQuery.split("&")) {
    if (pair === "" || pair.includes(";")) continue;
    const eq = pair.indexOf("=");
    const key = goUnescape(eq < 0 ? pair : pair.slice(0, eq), true);
    const value = goUnescape(eq < 0 ? "" : pair.slice(eq + 1), true);
    if (key === null || value === null) continue;
    const list = out.get(key);
    if (list === undefined) out.set(key, [value]);
    else list.push(value);
  }
  return out;
}

/**
 * Go's percent-decoding (`url.PathUnescape`, or `url.QueryUnescape` with `plusIsSpace`): null on a
 * `%` not followed by two hex digits. Decoded bytes are read as UTF-8.
 */
export function goUnescape(s: string, plusIsSpace: boolean): string | null {
  if (!s.includes("%") && !(plusIsSpace && s.includes("+"))) return s;
  const enc = new TextEncoder();
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === "%") {
      const hex = s.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) return null;
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else if (c === "+" && plusIsSpace) bytes.push(0x20);
    else {
      const cp = s.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      for (const b of enc.encode(ch)) bytes.push(b);
      i += ch.length - 1;
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

/** Whether Go's `url.ParseQuery` accepts the whole query (no pair with a `;` or a bad escape). */
export function goQueryParses(rawQuery: string): boolean {
  return rawQuery.split("&").every((pair) => {
    if (pair === "") return true;
    if (pair.includes(";")) return false;
    const eq = pair.indexOf("=");
    return goUnescape(eq < 0 ? pair : pair.slice(0, eq), true) !== null && goUnescape(eq < 0 ? "" : pair.slice(eq + 1), true) !== null;
  });
}
