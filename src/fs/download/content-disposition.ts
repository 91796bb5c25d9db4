/**
 * The `filename` parameter of a `Content-Disposition` header, read as the classic builder reads it:
 * Go's `mime.ParseMediaType` (a disposition type that is one token or `type/subtype`, then
 * `; key=value` parameters, values as tokens or quoted strings, RFC 2231 `key*=charset'lang'%XX` and
 * `key*0`, `key*1`… continuations), and any parse error leaves no filename (moby v28.5.2
 * `builder/dockerfile/copy.go` `getFilenameForDownload` ignores the header then). Browser-safe.
 *
 * Hand-written rather than taken from npm: the `content-disposition` package throws on what Go
 * accepts and needs Node's `Buffer`; what matters here is Go's exact acceptance, not a lenient parse.
 *
 * @module
 */
import { goUnescape } from "../../docker/go-url.js";

const TSPECIALS = new Set('()<>@,;:\\"/[]?='.split(""));

function isTokenChar(c: string): boolean {
  const code = c.charCodeAt(0);
  return code > 0x20 && code < 0x7f && !TSPECIALS.has(c);
}

/** Go's `unicode.IsSpace` over the characters a header can hold. */
function trimLeftSpace(s: string): string {
  return s.replace(/^[\t\n\v\f\r \u0085\u00a0]+/, "");
}

function consumeToken(v: string): [string, string] {
  let i = 0;
  while (i < v.length && isTokenChar(v[i]!)) i++;
  return [v.slice(0, i), v.slice(i)];
}

function consumeValue(v: string): [string, string] {
  if (v === "") return ["", ""];
  if (v[0] !== '"') return consumeToken(v);
  let out = "";
  for (let i = 1; i < v.length; i++) {
    const c = v[i]!;
    if (c === '"') return [out, v.slice(i + 1)];
    // Go takes a backslash before a non-special character literally (MSIE's unescaped paths).
    if (c === "\\" && i + 1 < v.length && TSPECIALS.has(v[i + 1]!)) {
      out += v[i + 1];
      i++;
      continue;
    }
    if (c === "\r" || c === "\n") return ["", v];
    out += c;
  }
  return ["", v];
}

function consumeParam(v: string): [string, string, string] {
  let rest = trimLeftSpace(v);
  if (!rest.startsWith(";")) return ["", "", v];
  rest = trimLeftSpace(rest.slice(1));
  let key: string;
  [key, rest] = consumeToken(rest);
  key = key.toLowerCase();
  if (key === "") return ["", "", v];
  rest = trimLeftSpace(rest);
  if (!rest.startsWith("=")) return ["", "", v];
  rest = trimLeftSpace(rest.slice(1));
  const [value, after] = consumeValue(rest);
  if (value === "" && after === rest) return ["", "", v];
  return [key, value, after];
}

function checkDispositionType(s: string): boolean {
  const [type, rest] = consumeToken(s);
  if (type === "") return false;
  if (rest === "") return true;
  if (!rest.startsWith("/")) return false;
  const [sub, after] = consumeToken(rest.slice(1));
  return sub !== "" && after === "";
}


function decode2231(v: string): string | null {
  const parts = v.split("'");
  if (parts.length < 3) return null;
  const charset = parts[0]!.toLowerCase();
  if (charset !== "us-ascii" && charset !== "utf-8") return null;
  return goUnescape(parts.slice(2).join("'"), false);
}

/**
 * The parameters of a `Content-Disposition` (or any media type) header as Go's
 * `mime.ParseMediaType` gives them, or null when Go reports an error.
 *
 * @example
 * ```ts
 * parseDispositionParams('attachment; filename="app.tar.gz"'); // Map { "filename" => "app.tar.gz" }
 * parseDispositionParams("attachment; filename=a; filename=b"); // null (duplicate parameter)
 * ```
 */
export function parseDispositionParams(header: string): Map<string, string> | null {
  const semi = header.indexOf(";");
  const base = semi < 0 ? header : header.slice(0, semi);
  if (!checkDispositionType(base.toLowerCase().trim())) return null;
  const params = new Map<string, string>();
  const continued = new Map<string, Map<string, string>>();
  let v = header.slice(base.length);
  while (v.length > 0) {
    v = trimLeftSpace(v);
    if (v.length === 0) break;
    const [key, value, rest] = consumeParam(v);
    if (key === "") {
      if (rest.trim() === ";") break;
      return null;
    }
    const star = key.indexOf("*");
    let map = params;
    if (star >= 0) {
      const name = key.slice(0, star);
      map = continued.get(name) ?? new Map<string, string>();
      continued.set(name, map);
    }
    const prior = map.get(key);
    if (prior !== undefined && prior !== value) return null;
    map.set(key, value);
    v = rest;
  }
  for (const [name, pieces] of continued) {
    const single = pieces.get(`${name}*`);
    if (single !== undefined) {
      const d = decode2231(single);
      if (d !== null) params.set(name, d);
      continue;
    }
    let out = "";
    let valid = false;
    for (let n = 0; ; n++) {
      const plain = pieces.get(`${name}*${n}`);
      if (plain !== undefined) {
        valid = true;
        out += plain;
        continue;
      }
      const encoded = pieces.get(`${name}*${n}*`);
      if (encoded === undefined) break;
      valid = true;
      out += (n === 0 ? decode2231(encoded) : goUnescape(encoded, false)) ?? "";
    }
    if (valid) params.set(name, out);
  }
  return params;
}

/** The `filename` parameter of a `Content-Disposition` header, or null (absent, empty or unparsable). */
export function dispositionFileName(header: string | null | undefined): string | null {
  if (header === null || header === undefined || header === "") return null;
  const name = parseDispositionParams(header)?.get("filename");
  return name === undefined || name === "" ? null : name;
}
