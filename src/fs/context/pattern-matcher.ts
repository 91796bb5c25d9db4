/**
 * Docker's `.dockerignore` pattern matcher, re-implemented from moby/patternmatcher v0.6.0
 * (`patternmatcher.go`: `New`, `Matches`, `MatchesOrParentMatches`, `MatchesUsingParentResults`,
 * `Pattern.compile`, `Pattern.match`), as vendored by moby v28.5.2 and docker/cli v28.5.2.
 *
 * No npm package reproduces patternmatcher v0.6.0: `@balena/dockerignore` and `@zeit/dockerignore`
 * follow moby 19.03's `fileutils` (single-parent matching, Node's path module, case-insensitive by
 * default), `dockerignore` follows gitignore.
 *
 * @module
 */
import { goClean, goTrimSpace } from "../../docker/go-path.js";
import { isValidGoPattern } from "./go-match.js";
import { re2ToJs } from "./re2.js";

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

/** No parent information: every ancestor is checked. */
export const EMPTY_INFO: MatchInfo = { parentMatched: [] };

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
