/**
 * `.dockerignore`: reading the file, Docker's pattern matcher, and which context entries each builder
 * of Docker Engine 28.5 actually receives.
 *
 * Re-implemented from (moby v28.5.2 / docker/cli v28.5.2, both vendoring patternmatcher v0.6.0 and
 * go-archive v0.1.0):
 * - `vendor/github.com/moby/patternmatcher/ignorefile/ignorefile.go` (`ReadAll`)
 * - `vendor/github.com/moby/patternmatcher/patternmatcher.go` (`New`, `Matches`,
 *   `MatchesOrParentMatches`, `MatchesUsingParentResults`, `Pattern.compile`, `Pattern.match`)
 * - classic builder: docker/cli `cli/command/image/build.go` (`TarWithOptions` of the context) and
 *   `cli/command/image/build/dockerignore.go` (`TrimBuildFilesFromExcludes`);
 *   `vendor/github.com/moby/go-archive/archive.go` (`TarWithOptions` walk and directory skipping);
 *   moby `builder/remotecontext/detect.go` (`removeDockerfile`).
 * - BuildKit: `vendor/github.com/tonistiigi/fsutil/filter.go` (`filterFS.Walk`,
 *   `patternWithoutTrailingGlob`), `vendor/github.com/moby/buildkit/frontend/dockerui/config.go`
 *   (`<Dockerfile>.dockerignore`, then `.dockerignore`).
 *
 * No npm package reproduces patternmatcher v0.6.0 (see the report in the module README / spec):
 * `@balena/dockerignore` and `@zeit/dockerignore` follow moby 19.03's `fileutils` (single-parent
 * matching, Node's path module, case-insensitive by default), `dockerignore` follows gitignore.
 *
 * @module
 */
import { goClean, goScanLines, goTrimSpace, utf8Decode } from "./gopath.js";
import { isValidGoPattern, type Builder } from "./glob.js";

/** The name of the ignore file at the context root. */
export const DOCKERIGNORE = ".dockerignore";

/**
 * Reads `.dockerignore` text into patterns, as `ignorefile.ReadAll` does: a UTF-8 BOM is removed
 * from the first line; a line starting with `#` (column 1, before trimming) is a comment; lines are
 * trimmed of white space; empty lines are dropped; a leading `!` is kept and the rest is trimmed
 * again; the pattern is cleaned (`filepath.Clean`) and one leading `/` is removed (`/` alone stays).
 */
export function readDockerignore(content: string | Uint8Array): string[] {
  const text = typeof content === "string" ? content : utf8Decode(content);
  const out: string[] = [];
  goScanLines(text).forEach((raw, index) => {
    let line = index === 0 && raw.startsWith("\uFEFF") ? raw.slice(1) : raw;
    if (line.startsWith("#")) return;
    line = goTrimSpace(line);
    if (line === "") return;
    const invert = line.startsWith("!");
    if (invert) line = goTrimSpace(line.slice(1));
    if (line.length > 0) {
      line = goClean(line);
      if (line.length > 1 && line.startsWith("/")) line = line.slice(1);
    }
    out.push(invert ? "!" + line : line);
  });
  return out;
}

type MatchKind = "exact" | "prefix" | "suffix" | "regexp";

/** One compiled pattern of a {@link PatternMatcher}. */
export interface IgnorePattern {
  /** The cleaned pattern, without its `!`. */
  readonly pattern: string;
  /** Whether the pattern is an exception (`!pattern`). */
  readonly exclusion: boolean;
}

interface CompiledPattern extends IgnorePattern {
  readonly dirs: readonly string[];
  compiled?: { kind: MatchKind; re?: RegExp } | "bad";
}

/** A pattern that Docker rejects, with the message the build prints. */
export interface PatternError {
  /** The offending pattern as given. */
  readonly pattern: string;
  /** Go's error text (`illegal exclusion pattern: "!"` or `syntax error in pattern`). */
  readonly message: string;
}

/** Marks a path-matching failure: a pattern that passed `New` but whose regexp Go cannot compile. */
export class PatternMatchError extends Error {
  /** The pattern that failed. */
  readonly pattern: string;
  /** @param pattern the pattern that failed */
  constructor(pattern: string) {
    super(`syntax error in pattern`);
    this.pattern = pattern;
  }
}

/** Per-pattern results for a directory, handed to its children (`patternmatcher.MatchInfo`). */
export interface MatchInfo {
  /** One flag per pattern: whether it matched the directory (or was inherited). Empty = unknown. */
  readonly parentMatched: readonly boolean[];
}

const EMPTY_INFO: MatchInfo = { parentMatched: [] };

const hex = (cp: number): string => `\\u{${cp.toString(16)}}`;

const POSIX_CLASSES: Record<string, string> = {
  alnum: "0-9A-Za-z",
  alpha: "A-Za-z",
  ascii: "\\u{0}-\\u{7f}",
  blank: "\\t ",
  cntrl: "\\u{0}-\\u{1f}\\u{7f}",
  digit: "0-9",
  graph: "!-~",
  lower: "a-z",
  print: " -~",
  punct: "!-/:-@\\[-`{-~",
  space: "\\t\\n\\v\\f\\r ",
  upper: "A-Z",
  word: "0-9A-Za-z_",
  xdigit: "0-9A-Fa-f",
};

/** Perl classes as Go's RE2 defines them (ASCII only), for use inside a JS class. */
const PERL_IN_CLASS: Record<string, string> = { d: "0-9", s: "\\t\\n\\f\\r ", w: "0-9A-Za-z_" };
const SIMPLE_ESCAPES: Record<string, number> = { a: 7, f: 12, t: 9, n: 10, r: 13, v: 11 };

/**
 * Translates the Go (RE2) regexp that `Pattern.compile` builds into an equivalent JS regexp source.
 * Supports what a pattern can put there: literals, escapes, `.`, quantifiers, groups, anchors and
 * bracket classes (ranges, negation, Perl and POSIX classes). Returns undefined where Go would fail
 * to compile, or for the few RE2 escapes not modelled (`\p`, `\x`, octal, `\Q`…), which are reported
 * as pattern errors.
 */
function re2ToJs(re: string): string | undefined {
  let out = "";
  let i = 0;
  const cpAt = (k: number): number => re.codePointAt(k)!;
  const width = (cp: number): number => (cp > 0xffff ? 2 : 1);
  while (i < re.length) {
    const c = re[i]!;
    if (c === "\\") {
      const n = re[i + 1];
      if (n === undefined) return undefined;
      i += 2;
      if (/[A-Za-z0-9]/.test(n)) {
        if (n === "d" || n === "w") out += `[${PERL_IN_CLASS[n]}]`;
        else if (n === "D" || n === "W") out += `[^${PERL_IN_CLASS[n.toLowerCase()]}]`;
        else if (n === "s") out += `[${PERL_IN_CLASS.s}]`;
        else if (n === "S") out += `[^${PERL_IN_CLASS.s}]`;
        else if (n === "b" || n === "B") out += `\\${n}`;
        else if (n === "A") out += "^";
        else if (n === "z") out += "$(?![^]*)"; // end of text; "$" without the m flag is the same
        else if (SIMPLE_ESCAPES[n] !== undefined) out += hex(SIMPLE_ESCAPES[n]);
        else return undefined;
      } else {
        const cp = re.codePointAt(i - 1)!;
        if (cp > 0x7f) return undefined; // RE2 only allows escaping ASCII punctuation
        out += hex(cp);
      }
      continue;
    }
    if (c === "[") {
      i++;
      let cls = "[";
      if (re[i] === "^") {
        cls += "^";
        i++;
      }
      let first = true;
      for (;;) {
        if (i >= re.length) return undefined; // missing closing ]
        if (re[i] === "]" && !first) {
          i++;
          break;
        }
        first = false;
        if (re.startsWith("[:", i)) {
          const end = re.indexOf(":]", i + 2);
          if (end >= 0) {
            const name = re.slice(i + 2, end);
            const body = POSIX_CLASSES[name];
            if (body === undefined) return undefined; // negated or unknown class
            cls += body;
            i = end + 2;
            continue;
          }
        }
        const readChar = (): number | string | undefined => {
          if (re[i] === "\\") {
            const n = re[i + 1];
            if (n === undefined) return undefined;
            if (PERL_IN_CLASS[n] !== undefined) {
              i += 2;
              return PERL_IN_CLASS[n];
            }
            if (SIMPLE_ESCAPES[n] !== undefined) {
              i += 2;
              return SIMPLE_ESCAPES[n];
            }
            const cp = cpAt(i + 1);
            if (/[A-Za-z0-9]/.test(n) || cp > 0x7f) return undefined;
            i += 2;
            return cp;
          }
          const cp = cpAt(i);
          i += width(cp);
          return cp;
        };
        const lo = readChar();
        if (lo === undefined) return undefined;
        if (typeof lo === "string") {
          cls += lo;
          continue;
        }
        if (re[i] === "-" && i + 1 < re.length && re[i + 1] !== "]") {
          i++;
          const hi = readChar();
          if (hi === undefined || typeof hi === "string" || hi < lo) return undefined;
          cls += `${hex(lo)}-${hex(hi)}`;
        } else cls += hex(lo);
      }
      out += cls + "]";
      continue;
    }
    if (c === ".") out += "[^\\n]";
    else if ("^$*?+()|".includes(c)) out += c;
    else {
      const cp = cpAt(i);
      out += hex(cp);
      i += width(cp);
      continue;
    }
    i++;
  }
  try {
    new RegExp(out, "u");
  } catch {
    return undefined;
  }
  return out;
}

/** Builds the regexp (or the cheaper exact/prefix/suffix form) for a cleaned pattern, as `Pattern.compile`. */
function compile(pattern: string): { kind: MatchKind; re?: RegExp } | "bad" {
  let reg = "^";
  let kind: MatchKind = "exact";
  const chars = Array.from(pattern);
  let k = 0;
  for (let i = 0; k < chars.length; i++) {
    const ch = chars[k++]!;
    if (ch === "*") {
      if (chars[k] === "*") {
        k++;
        if (chars[k] === "/") k++;
        if (k >= chars.length) {
          if (kind === "exact") kind = "prefix";
          else {
            reg += ".*";
            kind = "regexp";
          }
        } else {
          reg += "(.*/)?";
          kind = "regexp";
        }
        if (i === 0) kind = "suffix";
      } else {
        reg += "[^/]*";
        kind = "regexp";
      }
    } else if (ch === "?") {
      reg += "[^/]";
      kind = "regexp";
    } else if (".+()|{}$".includes(ch)) {
      reg += "\\" + ch;
    } else if (ch === "\\") {
      if (k < chars.length) {
        reg += "\\" + chars[k++]!;
        kind = "regexp";
      } else reg += "\\";
    } else if (ch === "[" || ch === "]") {
      reg += ch;
      kind = "regexp";
    } else reg += ch;
  }
  if (kind !== "regexp") return { kind };
  const js = re2ToJs(reg + "$");
  if (js === undefined) return "bad";
  return { kind, re: new RegExp(js, "u") };
}

function parentDirsOf(path: string): string[] | undefined {
  const slash = path.lastIndexOf("/");
  if (slash < 0) return undefined; // filepath.Dir(path) === "."
  return path.slice(0, slash).split("/");
}

/**
 * Docker's `patternmatcher.PatternMatcher`: an ordered list of patterns and exceptions. The last
 * pattern that matches decides; a pattern matches a path when it matches the path itself or (in
 * the parent-aware methods) one of its ancestor directories.
 */
export class PatternMatcher {
  private readonly compiled: CompiledPattern[];
  /** Whether any pattern is an exception (`!…`). */
  readonly exclusions: boolean;

  private constructor(patterns: CompiledPattern[]) {
    this.compiled = patterns;
    this.exclusions = patterns.some((p) => p.exclusion);
  }

  /**
   * Compiles patterns as `patternmatcher.New`: each is trimmed and cleaned, `!` marks an exception,
   * and a pattern that `filepath.Match` rejects (or a bare `!`) fails the whole list.
   */
  static create(patterns: readonly string[]): { ok: true; matcher: PatternMatcher } | { ok: false; error: PatternError } {
    const out: CompiledPattern[] = [];
    for (const given of patterns) {
      let p = goTrimSpace(given);
      if (p === "") continue;
      p = goClean(p);
      let exclusion = false;
      if (p.startsWith("!")) {
        if (p.length === 1) return { ok: false, error: { pattern: given, message: 'illegal exclusion pattern: "!"' } };
        exclusion = true;
        p = p.slice(1);
      }
      if (!isValidGoPattern(p)) return { ok: false, error: { pattern: given, message: "syntax error in pattern" } };
      out.push({ pattern: p, exclusion, dirs: p.split("/") });
    }
    return { ok: true, matcher: new PatternMatcher(out) };
  }

  /** The compiled patterns in order. */
  get patterns(): readonly IgnorePattern[] {
    return this.compiled.map(({ pattern, exclusion }) => ({ pattern, exclusion }));
  }

  private matchOne(p: CompiledPattern, path: string): boolean {
    p.compiled ??= compile(p.pattern);
    const c = p.compiled;
    if (c === "bad") throw new PatternMatchError(p.pattern);
    switch (c.kind) {
      case "exact":
        return path === p.pattern;
      case "prefix":
        return path.startsWith(p.pattern.slice(0, -2));
      case "suffix": {
        const suffix = p.pattern.slice(2);
        if (path.endsWith(suffix)) return true;
        return suffix.startsWith("/") && path === suffix.slice(1);
      }
      case "regexp":
        return c.re!.test(path);
    }
  }

  /**
   * The deprecated `Matches`: a pattern is tried on the path and on the ancestor with as many
   * components as the pattern has. Still used by the docker CLI (`TrimBuildFilesFromExcludes`).
   * Throws {@link PatternMatchError} where Go returns an error.
   */
  matchesLegacy(file: string): boolean {
    let matched = false;
    const parents = parentDirsOf(file);
    for (const p of this.compiled) {
      if (p.exclusion !== matched) continue;
      let m = this.matchOne(p, file);
      if (!m && parents !== undefined && p.dirs.length <= parents.length) {
        try {
          m = this.matchOne(p, parents.slice(0, p.dirs.length).join("/"));
        } catch {
          m = false;
        }
      }
      if (m) matched = !p.exclusion;
    }
    return matched;
  }

  /**
   * `MatchesOrParentMatches`: whether the path, or any of its ancestors, is excluded after all
   * patterns and exceptions in order. Throws {@link PatternMatchError} where Go returns an error.
   */
  matchesOrParentMatches(file: string): boolean {
    let matched = false;
    const parents = parentDirsOf(file);
    for (const p of this.compiled) {
      if (p.exclusion !== matched) continue;
      let m = this.matchOne(p, file);
      if (!m && parents !== undefined) {
        for (let i = 0; i < parents.length && !m; i++) {
          try {
            m = this.matchOne(p, parents.slice(0, i + 1).join("/"));
          } catch {
            m = false;
          }
        }
      }
      if (m) matched = !p.exclusion;
    }
    return matched;
  }

  /**
   * `MatchesUsingParentResults`, the matcher both context walkers use: a pattern that matched the
   * parent directory counts as matching without being re-evaluated (even where the running result
   * would have skipped it); with no parent information it falls back to checking every ancestor.
   * Throws {@link PatternMatchError} where Go returns an error.
   */
  matchesUsingParentResults(file: string, parent: MatchInfo = EMPTY_INFO): { matched: boolean; info: MatchInfo } {
    const inherited = parent.parentMatched;
    const flags: boolean[] = this.compiled.map(() => false);
    let matched = false;
    this.compiled.forEach((p, i) => {
      let m = inherited.length !== 0 ? inherited[i] === true : false;
      if (!m) {
        if (p.exclusion !== matched) return;
        m = this.matchOne(p, file);
        if (!m && inherited.length === 0) {
          const parents = parentDirsOf(file);
          if (parents !== undefined) {
            for (let j = 0; j < parents.length; j++) {
              try {
                m = this.matchOne(p, parents.slice(0, j + 1).join("/"));
              } catch {
                m = false;
              }
              if (m) break;
            }
          }
        }
      }
      flags[i] = m;
      if (m) matched = !p.exclusion;
    });
    return { matched, info: { parentMatched: flags } };
  }
}

/** A node of the tree being sent, as a context walker sees it (not following symlinks). */
export interface WalkNode {
  /** Slash-separated path relative to the context root. */
  readonly path: string;
  /** Whether it is a directory (a symlink to a directory is not). */
  readonly isDir: boolean;
}

/** Options of {@link filterContext}. */
export interface FilterOptions {
  /** The builder whose client and daemon are simulated. */
  readonly builder: Builder;
  /**
   * The Dockerfile's path relative to the context root (`-f`; default `Dockerfile`), or null when
   * it does not come from the context (`-f -`, or a file outside it). Only the classic builder
   * treats it specially.
   */
  readonly dockerfile?: string | null;
}

/** What arrives in the daemon's view of the context after `.dockerignore`. */
export interface FilterResult {
  /** Paths of the entries that arrive (files, directories, symlinks), each with its own metadata. */
  readonly included: ReadonlySet<string>;
  /**
   * Directories that are excluded themselves but arrive because something under them is re-included
   * by an exception. BuildKit sends them with their own metadata; the classic builder's tar omits
   * them and the daemon creates them on extraction (mode 0755, owner 0:0, current time).
   */
  readonly parentOnly: ReadonlySet<string>;
  /** Paths excluded by the patterns (the directories skipped without being walked included). */
  readonly excluded: ReadonlySet<string>;
  /**
   * A pattern whose regexp Go cannot compile stops the walk. BuildKit fails the build with this
   * error; the classic CLI ignores the error and sends what it had walked so far.
   */
  readonly walkError?: PatternError;
}

class StopWalk extends Error {}

function prefixOfException(pattern: string, builder: Builder): string {
  if (builder === "classic") return pattern;
  // fsutil's patternWithoutTrailingGlob
  if (pattern.endsWith("/**")) pattern = pattern.slice(0, -3);
  else if (pattern.endsWith("/*")) pattern = pattern.slice(0, -2);
  return pattern;
}

const PATTERN_CHARS = /[*[\]?^\\]/;

/**
 * Simulates what the builder's client sends and the daemon keeps, given the full tree and the
 * patterns (already read by {@link readDockerignore}).
 *
 * - Both walk the context in name order. A directory that the patterns exclude is skipped whole
 *   when no exception could re-include something inside it; otherwise it is entered and each entry
 *   is matched with its parent's results.
 * - classic (docker CLI tar + daemon): the test for "an exception could re-include something" is
 *   `exception + "/"` starting with `dir + "/"`, so `!**\/keep` cannot rescue `dir/keep` when `dir`
 *   is excluded. `.dockerignore` and the Dockerfile are always sent (exceptions appended when the
 *   legacy matcher says they are excluded), then the daemon deletes each of them that
 *   `MatchesOrParentMatches` excludes.
 * - BuildKit (fsutil): the same prefix test but with a trailing `/*` or `/**` removed from the
 *   exception, and when any exception has a wildcard character before that, no directory is ever
 *   skipped. `.dockerignore` and the Dockerfile get no special treatment.
 *
 * Returns an error when the patterns themselves are rejected (both builders then fail the build).
 */
export function filterContext(
  list: (dir: string) => readonly WalkNode[],
  patterns: readonly string[],
  options: FilterOptions,
): { ok: true; result: FilterResult } | { ok: false; error: PatternError } {
  const builder = options.builder;
  const dockerfile = options.dockerfile === undefined ? "Dockerfile" : options.dockerfile;
  let effective = [...patterns];
  const original = PatternMatcher.create(patterns);
  if (!original.ok) return original;
  if (builder === "classic") {
    const keep = (p: string): boolean => {
      try {
        return original.matcher.matchesLegacy(p);
      } catch {
        return false;
      }
    };
    if (keep(DOCKERIGNORE)) effective.push("!" + DOCKERIGNORE);
    if (dockerfile !== null && keep(dockerfile)) effective.push("!" + dockerfile);
  }
  const created = PatternMatcher.create(effective);
  if (!created.ok) return created;
  const pm = created.matcher;
  const exceptions = pm.patterns.filter((p) => p.exclusion).map((p) => prefixOfException(p.pattern, builder));
  const neverSkip = builder === "buildkit" && exceptions.some((e) => PATTERN_CHARS.test(e));

  const included = new Set<string>();
  const excluded = new Set<string>();
  let walkError: PatternError | undefined;

  const visit = (dir: string, parentInfo: MatchInfo): void => {
    for (const node of list(dir)) {
      let r: { matched: boolean; info: MatchInfo };
      try {
        r = pm.matchesUsingParentResults(node.path, parentInfo);
      } catch (e) {
        if (e instanceof PatternMatchError) {
          walkError = { pattern: e.pattern, message: e.message };
          throw new StopWalk();
        }
        throw e;
      }
      if (r.matched) {
        excluded.add(node.path);
        if (!node.isDir) continue;
        if (!neverSkip) {
          if (!pm.exclusions) continue;
          const dirSlash = node.path + "/";
          if (!exceptions.some((e) => (e + "/").startsWith(dirSlash))) continue;
        }
        visit(node.path, r.info);
        continue;
      }
      included.add(node.path);
      if (node.isDir) visit(node.path, r.info);
    }
  };
  try {
    visit("", EMPTY_INFO);
  } catch (e) {
    if (!(e instanceof StopWalk)) throw e;
  }

  const parentOnly = new Set<string>();
  for (const p of included) {
    let slash = p.lastIndexOf("/");
    while (slash > 0) {
      const parent = p.slice(0, slash);
      if (included.has(parent) || parentOnly.has(parent)) break;
      parentOnly.add(parent);
      slash = parent.lastIndexOf("/");
    }
  }
  if (builder === "classic") {
    const removable = [DOCKERIGNORE, ...(dockerfile !== null ? [dockerfile] : [])];
    for (const f of removable) {
      let rm = false;
      try {
        rm = original.matcher.matchesOrParentMatches(f);
      } catch {
        rm = false;
      }
      if (rm && included.delete(f)) excluded.add(f);
    }
  }

  const result: FilterResult = walkError === undefined ? { included, parentOnly, excluded } : { included, parentOnly, excluded, walkError };
  return { ok: true, result };
}
