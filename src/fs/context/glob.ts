/**
 * COPY/ADD source wildcards: the way each builder of Docker Engine 28.5 lists the context paths a
 * source pattern names (the matching itself is Go's `filepath.Match`, `go-match.ts`).
 *
 * Sources (moby v28.5.2):
 * - BuildKit: `vendor/github.com/tonistiigi/fsutil/copy/copy.go` (`ResolveWildcards`,
 *   `splitWildcards`, `containsWildcards`, `resolveWildcards`), called from
 *   `vendor/github.com/moby/buildkit/solver/llbsolver/file/backend.go` with `AllowEmptyWildcard`
 *   set by the Dockerfile frontend for COPY and ADD.
 * - classic builder: `builder/dockerfile/copy.go` (`calcCopyInfo`, `copyWithWildcards`,
 *   `getCopyInfosForSourcePaths`).
 *
 * @module
 */
import type { Builder } from "../../core/builder.js";
import { goClean } from "../../docker/go-path.js";
import type { BuildContext, ContextEntry } from "../context-types.js";
import { resolveContextPath, resolveInContext } from "./context-path.js";
import { containsWildcards, goMatch } from "./go-match.js";
import { PatternMatcher } from "./pattern-matcher.js";

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
 * - **legacy** (the classic builder): one leading `/` and one leading `./` are removed but the pattern is **not**
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

