/**
 * `.dockerignore`: reading the file, and which context entries each builder of Docker Engine 28.5
 * actually receives.
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
 * The matcher itself is {@link PatternMatcher} (`pattern-matcher.ts`).
 *
 * @module
 */
import { rulesOf } from "../../builders/index.js";
import type { Builder } from "../../core/builder.js";
import { goClean, goScanLines, goTrimSpace, utf8Decode } from "../../docker/go-path.js";
import { EMPTY_INFO, PatternMatchError, PatternMatcher, type MatchInfo, type PatternError } from "./pattern-matcher.js";

export type { PatternError } from "./pattern-matcher.js";

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

function prefixOfException(pattern: string, withoutTrailingGlob: boolean): string {
  if (!withoutTrailingGlob) return pattern;
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
  const rules = rulesOf(options.builder);
  const dockerfile = options.dockerfile === undefined ? "Dockerfile" : options.dockerfile;
  let effective = [...patterns];
  const original = PatternMatcher.create(patterns);
  if (!original.ok) return original;
  if (rules.sendsDockerignoreAndDockerfile) {
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
  const exceptions = pm.patterns.filter((p) => p.exclusion).map((p) => prefixOfException(p.pattern, rules.ignoreExceptionPrefixWithoutTrailingGlob));
  const neverSkip = rules.ignoreExceptionPrefixWithoutTrailingGlob && exceptions.some((e) => PATTERN_CHARS.test(e));

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
  if (rules.sendsDockerignoreAndDockerfile) {
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
