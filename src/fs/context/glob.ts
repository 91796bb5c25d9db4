/**
 * COPY/ADD source wildcards: Go's `path/filepath.Match` (Unix rules) and the way each builder of
 * Docker Engine 28.5 lists the context paths a source pattern names.
 *
 * Sources (moby v28.5.2):
 * - BuildKit: `vendor/github.com/tonistiigi/fsutil/copy/copy.go` (`ResolveWildcards`,
 *   `splitWildcards`, `containsWildcards`, `resolveWildcards`), called from
 *   `vendor/github.com/moby/buildkit/solver/llbsolver/file/backend.go` with `AllowEmptyWildcard`
 *   set by the Dockerfile frontend for COPY and ADD.
 * - classic builder: `builder/dockerfile/copy.go` (`calcCopyInfo`, `copyWithWildcards`,
 *   `getCopyInfosForSourcePaths`).
 * - Go: `path/filepath/match.go` (`Match`, `scanChunk`, `matchChunk`, `getEsc`).
 *
 * @module
 */
import type { BuildContext, ContextEntry } from "../context-types.js";
import { PatternMatcher } from "./dockerignore.js";
import { goClean } from "./gopath.js";

/** The builder whose behaviour is simulated. */
export type Builder = "buildkit" | "classic";

/** Result of {@link goMatch}: whether the name matched, or Go's `filepath.ErrBadPattern`. */
export type MatchResult = { readonly ok: true; readonly matched: boolean } | { readonly ok: false; readonly error: "syntax error in pattern" };

const BAD = { ok: false, error: "syntax error in pattern" } as const;

class BadPattern {
  readonly bad = true;
}
const BAD_PATTERN = new BadPattern();

/** Splits off the leading chunk of a pattern: its leading stars, then up to the next unbracketed `*`. */
function scanChunk(pattern: string): { star: boolean; chunk: string; rest: string } {
  let star = false;
  while (pattern.startsWith("*")) {
    pattern = pattern.slice(1);
    star = true;
  }
  let inRange = false;
  let i = 0;
  for (; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      if (i + 1 < pattern.length) i++;
    } else if (c === "[") inRange = true;
    else if (c === "]") inRange = false;
    else if (c === "*" && !inRange) break;
  }
  return { star, chunk: pattern.slice(0, i), rest: pattern.slice(i) };
}

/** One character of a bracket expression (`\` escapes); BAD_PATTERN where Go's getEsc fails. */
function getEsc(chunk: string): { cp: number; rest: string } | BadPattern {
  if (chunk === "" || chunk[0] === "-" || chunk[0] === "]") return BAD_PATTERN;
  if (chunk[0] === "\\") {
    chunk = chunk.slice(1);
    if (chunk === "") return BAD_PATTERN;
  }
  const cp = chunk.codePointAt(0)!;
  const rest = chunk.slice(cp > 0xffff ? 2 : 1);
  if (rest === "") return BAD_PATTERN;
  return { cp, rest };
}

/** Matches one chunk (no `*`) against the start of `s`; the rest of `s`, null when it fails, BAD_PATTERN on a syntax error. */
function matchChunk(chunk: string, s: string): string | null | BadPattern {
  // Like Go, keep scanning after a failure so that syntax errors are still reported.
  let failed = false;
  while (chunk.length > 0) {
    if (!failed && s.length === 0) failed = true;
    const c = chunk[0];
    if (c === "[") {
      let r = -1;
      if (!failed) {
        r = s.codePointAt(0)!;
        s = s.slice(r > 0xffff ? 2 : 1);
      }
      chunk = chunk.slice(1);
      let negated = false;
      if (chunk.startsWith("^")) {
        negated = true;
        chunk = chunk.slice(1);
      }
      let match = false;
      let nrange = 0;
      for (;;) {
        if (chunk.startsWith("]") && nrange > 0) {
          chunk = chunk.slice(1);
          break;
        }
        const lo = getEsc(chunk);
        if (lo instanceof BadPattern) return lo;
        chunk = lo.rest;
        let hi = lo.cp;
        if (chunk[0] === "-") {
          const h = getEsc(chunk.slice(1));
          if (h instanceof BadPattern) return h;
          chunk = h.rest;
          hi = h.cp;
        }
        if (lo.cp <= r && r <= hi) match = true;
        nrange++;
      }
      if (match === negated) failed = true;
    } else if (c === "?") {
      if (!failed) {
        if (s[0] === "/") failed = true;
        const cp = s.codePointAt(0)!;
        s = s.slice(cp > 0xffff ? 2 : 1);
      }
      chunk = chunk.slice(1);
    } else {
      if (c === "\\") {
        chunk = chunk.slice(1);
        if (chunk === "") return BAD_PATTERN;
      }
      if (!failed) {
        if (chunk[0] !== s[0]) failed = true;
        s = s.slice(1);
      }
      chunk = chunk.slice(1);
    }
  }
  return failed ? null : s;
}

/**
 * Go's `filepath.Match(pattern, name)` on Unix. `*` matches any run of non-`/` characters, `?` one
 * non-`/` character, `[...]`/`[^...]` a character class with ranges, `\` escapes the next
 * character. A malformed pattern gives `ErrBadPattern` (Go ≥ 1.16 checks the whole pattern, even
 * after a mismatch; a mismatch found before a later syntax error still reports the error).
 */
export function goMatch(pattern: string, name: string): MatchResult {
  outer: while (pattern.length > 0) {
    const { star, chunk, rest } = scanChunk(pattern);
    pattern = rest;
    if (star && chunk === "") return { ok: true, matched: !name.includes("/") };
    const t = matchChunk(chunk, name);
    if (typeof t === "string" && (t.length === 0 || pattern.length > 0)) {
      name = t;
      continue;
    }
    if (t instanceof BadPattern) return BAD;
    if (star) {
      for (let i = 0; i < name.length && name[i] !== "/"; i++) {
        const t2 = matchChunk(chunk, name.slice(i + 1));
        if (typeof t2 === "string") {
          if (pattern.length === 0 && t2.length > 0) continue;
          name = t2;
          continue outer;
        }
        if (t2 instanceof BadPattern) return BAD;
      }
    }
    while (pattern.length > 0) {
      const next = scanChunk(pattern);
      pattern = next.rest;
      if (matchChunk(next.chunk, "") instanceof BadPattern) return BAD;
    }
    return { ok: true, matched: false };
  }
  return { ok: true, matched: name.length === 0 };
}

/** Whether Go's `filepath.Match` accepts the pattern (no `ErrBadPattern`). */
export function isValidGoPattern(pattern: string): boolean {
  return goMatch(pattern, ".").ok;
}

/**
 * Whether a source path contains wildcards as both builders decide it (`containsWildcards`): an
 * unescaped `*`, `?` or `[`; a `\` hides the character after it.
 */
export function containsWildcards(path: string): boolean {
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (c === "\\") i++;
    else if (c === "*" || c === "?" || c === "[") return true;
  }
  return false;
}

/** Why a source pattern produced no list of paths. */
export interface ExpandError {
  /**
   * `base-missing`: BuildKit could not find the directory part before the first wildcard (absent, a
   * file, or not transferred because nothing under it matches the build's source patterns).
   * `bad-pattern`: BuildKit sends the build's source paths as include patterns, and one of them is
   * not a valid pattern (the whole build fails).
   */
  readonly kind: "base-missing" | "bad-pattern";
  /** The path (relative to the context root) that is missing. */
  readonly path: string;
  /** What the build prints (the BuildKit message wraps an `lstat` of the daemon's mount; the path shown is context-relative). */
  readonly message: string;
}

/** Result of {@link expandSources}. */
export type ExpandResult =
  | {
      readonly ok: true;
      /** Whether the pattern had wildcards. Without them, `matches` is the one path named (existing or not). */
      readonly wildcard: boolean;
      /**
       * The context paths (slash-separated, relative to the root, `""` = the root) the source names,
       * in the order the builder copies them. Empty for a wildcard with no match: BuildKit then copies
       * nothing and succeeds; the classic builder fails only when all sources of the instruction
       * together are empty ({@link CLASSIC_NO_SOURCES}).
       */
      readonly matches: readonly string[];
      /**
       * BuildKit: the matches that are symlinks whose target the client did not transfer (no include
       * pattern covers it), which BuildKit therefore finds dangling.
       */
      readonly untransferred?: readonly string[];
    }
  | { readonly ok: false; readonly error: ExpandError };

/** The classic builder's error when every source of a COPY/ADD is empty (wildcards without matches). */
export const CLASSIC_NO_SOURCES = "no source files were specified";

/**
 * Resolves symlinks in a context path, scoped to the context root (as `fs.RootPath` does): `..` never
 * leaves the root, absolute link targets are taken from the root. Returns the resolved path; a
 * missing component ends resolution (the rest is appended unresolved).
 */
export function resolveInContext(context: BuildContext, path: string): string {
  const pending = goClean("/" + path).slice(1).split("/").filter((c) => c !== "");
  const done: string[] = [];
  let links = 0;
  while (pending.length > 0) {
    const comp = pending.shift()!;
    if (comp === ".") continue;
    if (comp === "..") {
      done.pop();
      continue;
    }
    const cur = [...done, comp].join("/");
    const entry = context.get(cur);
    if (entry?.type === "symlink" && links < 255) {
      links++;
      const target = entry.target;
      if (target.startsWith("/")) done.length = 0;
      pending.unshift(...target.split("/").filter((c) => c !== ""));
      continue;
    }
    done.push(comp);
    if (entry === undefined) {
      done.push(...pending);
      break;
    }
  }
  return goClean("/" + done.join("/")).slice(1);
}

/** Why a context path does not resolve to an entry (see {@link resolveContextPath}). */
export type ContextResolution =
  | { readonly ok: true; readonly path: string }
  /** `missing`: a component does not exist; `through-file`: a component before the last is not a directory; `loop`: symlinks loop. */
  | { readonly ok: false; readonly why: "missing" | "through-file" | "loop"; readonly path: string };

/**
 * {@link resolveInContext}, saying why a path does not resolve: a symlink loop (more than 255 links
 * followed; the kernel's ELOOP, which BuildKit's checksum reports as `too many links`), a component
 * before the last that is a file (ENOTDIR), or a missing component. `path` is what
 * {@link resolveInContext} returns.
 */
export function resolveContextPath(context: BuildContext, path: string): ContextResolution {
  const pending = goClean("/" + path).slice(1).split("/").filter((c) => c !== "");
  const done: string[] = [];
  let links = 0;
  while (pending.length > 0) {
    const comp = pending.shift()!;
    if (comp === ".") continue;
    if (comp === "..") {
      done.pop();
      continue;
    }
    const cur = [...done, comp].join("/");
    const entry = context.get(cur);
    if (entry?.type === "symlink") {
      if (++links > 255) return { ok: false, why: "loop", path: resolveInContext(context, path) };
      if (entry.target.startsWith("/")) done.length = 0;
      pending.unshift(...entry.target.split("/").filter((c) => c !== ""));
      continue;
    }
    done.push(comp);
    if (entry === undefined) return { ok: false, why: "missing", path: goClean("/" + [...done, ...pending].join("/")).slice(1) };
    if (entry.type === "file" && pending.some((c) => c !== ".")) return { ok: false, why: "through-file", path: goClean("/" + [...done, ...pending].join("/")).slice(1) };
  }
  return { ok: true, path: goClean("/" + done.join("/")).slice(1) };
}

/** Depth-first, pre-order, in name order, without following symlinks: `filepath.Walk`'s visiting order. */
function walk(context: BuildContext, dir: string, visit: (entry: ContextEntry) => "skip" | void): void {
  for (const entry of context.list(dir)) {
    const r = visit(entry);
    if (r !== "skip" && entry.type === "dir") walk(context, entry.path, visit);
  }
}

/** Splits a cleaned path at its first component with a wildcard (`splitWildcards`). */
function splitWildcards(path: string): { base: string; rest: string } {
  const parts = path.split("/").filter((p) => p !== "");
  const i = parts.findIndex((p) => containsWildcards(p));
  if (i < 0) return { base: parts.join("/"), rest: "" };
  return { base: parts.slice(0, i).join("/"), rest: parts.slice(i).join("/") };
}

/** Options of {@link expandSources}. */
export interface ExpandOptions {
  /**
   * BuildKit only: every context source path of the build's COPY/ADD instructions (the Dockerfile
   * frontend sends them to the client as include patterns, so only matching paths and their parent
   * directories are transferred). Default: just this source. With `.` or a plain directory among
   * them, more of the context is transferred and fewer wildcards fail.
   */
  readonly includePatterns?: readonly string[];
}

/**
 * The context paths a COPY/ADD source names, as the given builder lists them.
 *
 * - **BuildKit**: the source is cleaned inside the root (`/x`, `./x`, `x/`, `../x` are `x`); the
 *   components before the first wildcard must exist **in the transferred context** (symlinks among
 *   them are followed inside the context), else the build fails with `lstat /<base>: no such file
 *   or directory`. Only paths matching the build's sources are transferred (see
 *   {@link ExpandOptions.includePatterns}), so a base directory with no match under it, or a base
 *   that is a file, fails too (verified on 28.5); a source that is not a valid pattern fails the
 *   whole build (`invalid includepatterns`). Then that directory is walked in name order and each entry whose
 *   path relative to it matches the rest of the pattern is taken (a matched directory is not
 *   searched further; symlinked directories are not entered).
 * - **classic**: one leading `/` and one leading `./` are removed but the pattern is **not**
 *   cleaned (so `dir//*` or `dir/*\/` match nothing); every context path, at any depth, matching the
 *   pattern is taken, directories and their matching descendants alike.
 *
 * The classic builder ignores `filepath.Match` syntax errors: the pattern matches nothing.
 */
export function expandSources(context: BuildContext, pattern: string, builder: Builder, options: ExpandOptions = {}): ExpandResult {
  if (builder === "buildkit") {
    const cleaned = goClean("/" + pattern).slice(1);
    const includes = (options.includePatterns ?? [pattern]).map((p) => goClean("/" + p).slice(1));
    const created = PatternMatcher.create(includes.map((p) => (p === "" ? "." : p)));
    if (!created.ok) {
      return { ok: false, error: { kind: "bad-pattern", path: pattern, message: `invalid includepatterns: [${includes.join(" ")}]: syntax error in pattern` } };
    }
    const { base, rest } = splitWildcards(cleaned);
    if (rest === "") return { ok: true, wildcard: false, matches: [base] };
    const resolved = resolveInContext(context, base);
    const missing: ExpandResult = { ok: false, error: { kind: "base-missing", path: base, message: `lstat /${base}: no such file or directory` } };
    const baseEntry = context.get(resolved);
    // Through a dangling symlink, the walk fails where the link points (verified on 28.5:
    // gen-glob-base-dangling-link).
    if (baseEntry === undefined) return { ok: false, error: { kind: "base-missing", path: resolved, message: `lstat /${resolved}: no such file or directory` } };
    // What the client transferred: paths matching an include pattern (or under one), and the
    // directories above them. A source through a symlink also includes the resolved path.
    const extra = resolved !== base ? PatternMatcher.create([resolved === "" ? rest : `${resolved}/${rest}`]) : undefined;
    const include = (p: string): boolean => {
      if (includes.includes(".") || includes.includes("")) return true;
      try {
        if (created.matcher.matchesOrParentMatches(p)) return true;
        return extra !== undefined && extra.ok && extra.matcher.matchesOrParentMatches(p);
      } catch {
        return false;
      }
    };
    const sent = new Set<string>();
    const mark = (dir: string): boolean => {
      let any = false;
      for (const e of context.list(dir)) {
        const self = include(e.path);
        const below = e.type === "dir" ? mark(e.path) : false;
        if (self || below) {
          sent.add(e.path);
          any = true;
        }
      }
      return any;
    };
    mark("");
    if (resolved !== "" && !sent.has(resolved)) return missing;
    const matches: string[] = [];
    if (baseEntry.type === "dir") {
      walk(context, resolved, (entry) => {
        if (!sent.has(entry.path)) return "skip";
        const rel = resolved === "" ? entry.path : entry.path.slice(resolved.length + 1);
        const m = goMatch(rest, rel);
        if (!m.ok || !m.matched) return;
        matches.push(entry.path);
        return "skip";
      });
    }
    // The client follows the symlinks a source names and sends their targets too (fsutil
    // `FollowLinks`), wildcards included when only the last component has them (`*-link`); with a
    // wildcard in a directory component (`*/x`) it follows nothing, so a matched symlink's target is
    // there only if an include pattern covers it (verified on 28.5: link-wildcard,
    // gen-glob-link-target-not-sent, gen-glob-link-target-sent).
    const untransferred = !rest.includes("/") ? [] : matches.filter((m) => {
      if (context.get(m)?.type !== "symlink") return false;
      const r = resolveContextPath(context, m);
      return r.ok && r.path !== "" && !sent.has(r.path);
    });
    return untransferred.length === 0 ? { ok: true, wildcard: true, matches } : { ok: true, wildcard: true, matches, untransferred };
  }
  let orig = pattern;
  if (orig.startsWith("/")) orig = orig.slice(1);
  if (orig.startsWith("./")) orig = orig.slice(2);
  if (!containsWildcards(orig)) return { ok: true, wildcard: false, matches: [orig] };
  const matches: string[] = [];
  walk(context, "", (entry) => {
    const m = goMatch(orig, entry.path);
    if (m.ok && m.matched) matches.push(entry.path);
  });
  return { ok: true, wildcard: true, matches };
}
