/**
 * Small Go standard-library behaviours that Docker's path handling depends on, re-implemented
 * from their documented semantics: `path/filepath.Clean` (Unix), `strings.TrimSpace` (Unicode
 * white space as `unicode.IsSpace` defines it) and `bufio.Scanner` line splitting.
 *
 * @module
 */

/**
 * Go's `filepath.Clean` on Unix (= `path.Clean`): the shortest equivalent path by purely lexical
 * processing. Repeated `/` collapse, `.` elements go, `..` removes the preceding element (and is
 * dropped at the root of a rooted path), a trailing `/` goes, and the empty result is `.`.
 */
export function goClean(path: string): string {
  if (isClean(path)) return path;
  if (path === "") return ".";
  const rooted = path.startsWith("/");
  const out: string[] = [];
  let dotdot = 0; // leading ".." elements kept in a relative path
  for (const elem of path.split("/")) {
    if (elem === "" || elem === ".") continue;
    if (elem === "..") {
      if (out.length > dotdot) out.pop();
      else if (!rooted) {
        out.push("..");
        dotdot++;
      }
      continue;
    }
    out.push(elem);
  }
  const joined = out.join("/");
  if (rooted) return "/" + joined;
  return joined === "" ? "." : joined;
}

/**
 * Whether `path` is its own {@link goClean} without a `..` element: not empty, no empty element
 * (`//`, a trailing `/` other than the root's), no `.` or `..` element. One scan, no allocation:
 * most paths are clean already, and a long one (a deep WORKDIR) need not be split and rejoined.
 */
function isClean(path: string): boolean {
  const n = path.length;
  if (n === 0) return false;
  if (n === 1) return path !== ".";
  let start = path.charCodeAt(0) === 47 ? 1 : 0; // the first element's start
  for (let i = start; i <= n; i++) {
    if (i < n && path.charCodeAt(i) !== 47) continue;
    const len = i - start;
    if (len === 0) return false;
    if (path.charCodeAt(start) === 46 && (len === 1 || (len === 2 && path.charCodeAt(start + 1) === 46))) return false;
    start = i + 1;
  }
  return true;
}

/**
 * Go's `path.Join`: joins the non-empty elements with `/` and cleans the result (`""` when all are
 * empty).
 */
export function goJoin(...elems: readonly string[]): string {
  const nonEmpty = elems.filter((e) => e !== "");
  return nonEmpty.length === 0 ? "" : goClean(nonEmpty.join("/"));
}

/** Go's `unicode.IsSpace`. */
export function goIsSpace(cp: number): boolean {
  switch (cp) {
    case 0x09:
    case 0x0a:
    case 0x0b:
    case 0x0c:
    case 0x0d:
    case 0x20:
    case 0x85:
    case 0xa0:
    case 0x1680:
    case 0x2028:
    case 0x2029:
    case 0x202f:
    case 0x205f:
    case 0x3000:
      return true;
    default:
      return cp >= 0x2000 && cp <= 0x200a;
  }
}

/** Go's `strings.TrimSpace` (unlike `String.prototype.trim`, it keeps U+FEFF and removes U+0085). */
export function goTrimSpace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && goIsSpace(s.charCodeAt(start))) start++;
  while (end > start && goIsSpace(s.charCodeAt(end - 1))) end--;
  return s.slice(start, end);
}

/**
 * The lines `bufio.Scanner` with `ScanLines` yields: split on `\n`, one trailing `\r` removed from
 * each line, no empty final line after a trailing newline.
 */
export function goScanLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines.map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l));
}

/** Decodes UTF-8 the way Go's `string(bytes)` conversion is later read by Go (invalid bytes become U+FFFD). */
export function utf8Decode(bytes: Uint8Array): string {
  return new TextDecoder("utf-8", { fatal: false, ignoreBOM: true }).decode(bytes);
}

/**
 * The length in UTF-8 bytes of a string (Go's `len` of the same text; a lone surrogate counts as
 * the 3 bytes of U+FFFD that encoding gives it).
 *
 * @example
 * ```ts
 * utf8Length("/app/é"); // 7
 * ```
 */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 2; // a surrogate pair: 4 bytes for 2 code units
      i++;
    } else n += 2;
  }
  return n;
}

/** Orders strings as Go compares them (by UTF-8 bytes, which is code-point order), for name-sorted listings. */
export function goCompare(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1; // a surrogate (≥ U+10000) sorts after any BMP code unit
    return x - y;
  }
  return a.length - b.length;
}
