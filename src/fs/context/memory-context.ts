/**
 * An in-memory {@link BuildContext}: a plain tree description, with `.dockerignore` applied as the
 * chosen builder applies it (see {@link filterContext}). Browser-safe.
 *
 * @module
 */
import type { ArchiveReader, BuildContext, ContextEntry, ContextProblem } from "../context-types.js";
import { ARCHIVE_READER } from "../archive/index.js";
import { DOCKERIGNORE, filterContext, readDockerignore, type FilterResult, type PatternError } from "./dockerignore.js";
import { rulesOf } from "../../builders/index.js";
import type { Builder } from "../../core/builder.js";
import { goClean, goCompare } from "../../docker/go-path.js";

/** A value in a {@link TreeDescription}. */
export type TreeValue =
  | string
  | Uint8Array
  | { readonly symlink: string }
  | { readonly dir: true; readonly mode?: number }
  | { readonly content: string | Uint8Array; readonly mode?: number };

/**
 * A context as a plain object: path (slash-separated, relative to the context root) → content.
 * A string or bytes is a file with mode 0644; `{content, mode}` a file with that mode;
 * `{symlink}` a symbolic link (mode 0777); `{dir: true, mode?}` a directory (default 0755).
 * Missing parent directories are created with mode 0755.
 */
export type TreeDescription = Readonly<Record<string, TreeValue>>;

/** Options shared by the context constructors. */
export interface ContextOptions {
  /** The builder whose `.dockerignore` handling is simulated (default `buildkit`, Docker 28's default). */
  readonly builder?: Builder;
  /**
   * The Dockerfile's path inside the context (`-f`, default `Dockerfile`), or null when it is not
   * in the context. The classic builder always sends it and removes it from the COPY-able context
   * only when `.dockerignore` excludes it; BuildKit prefers `<dockerfile>.dockerignore` to
   * `.dockerignore` when it exists.
   */
  readonly dockerfile?: string | null;
  /** Ignore patterns to use instead of reading the ignore file (already parsed, `!` exceptions included). */
  readonly ignorePatterns?: readonly string[];
  /** With `ignorePatterns`: the name of the file they were read from, reported as {@link FilteredContext.ignoreFile}. */
  readonly ignoreFileName?: string;
  /** Mode of the context root directory (default 0755). */
  readonly rootMode?: number;
  /** Entries that could not be read as they are (see {@link ContextProblem}). */
  readonly problems?: readonly ContextProblem[];
}

const encoder = new TextEncoder();

/** Normalizes a context path: cleaned, no leading `/` or `./`, `""` for the root. */
export function normalizeContextPath(path: string): string {
  const c = goClean("/" + path);
  return c === "/" ? "" : c.slice(1);
}

function parentOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i);
}

/**
 * A {@link BuildContext} over a fixed set of entries, filtered by `.dockerignore`. `get` and `list`
 * show what the builder's daemon sees; {@link FilteredContext.isIgnored} tells which paths the
 * patterns removed (so "not found" can say "excluded by .dockerignore").
 */
export class FilteredContext implements BuildContext {
  /** The builder whose handling was simulated. */
  readonly builder: Builder;
  /** {@inheritDoc BuildContext.problems} */
  readonly problems: readonly ContextProblem[];
  /** The ignore patterns in effect (as read from the ignore file). */
  readonly patterns: readonly string[];
  /** The ignore file that was read (`.dockerignore`, `<Dockerfile>.dockerignore`), if any. */
  readonly ignoreFile: string | undefined;
  /**
   * Set when the patterns make the build fail before anything runs: a pattern Docker rejects
   * (both builders), or (BuildKit) one that fails while walking. The context then shows everything.
   */
  readonly ignoreError: PatternError | undefined;
  /** Set when the classic CLI stopped walking on a pattern error and sent only part of the context. */
  readonly truncatedBy: PatternError | undefined;
  /** How ADD reads this context's archives. */
  readonly archives: ArchiveReader = ARCHIVE_READER;
  private readonly raw: Map<string, ContextEntry>;
  private readonly visible: Map<string, ContextEntry>;
  private readonly children: Map<string, ContextEntry[]>;
  private readonly filter: FilterResult | undefined;

  /**
   * @param entries every entry of the unfiltered context (parents must be present; the root `""` is added if missing)
   * @param options builder, Dockerfile path, patterns
   */
  constructor(entries: Iterable<ContextEntry>, options: ContextOptions = {}) {
    this.builder = options.builder ?? "buildkit";
    const rules = rulesOf(this.builder);
    this.problems = options.problems ?? [];
    const dockerfile = options.dockerfile === undefined ? "Dockerfile" : options.dockerfile;
    this.raw = new Map();
    for (const e of entries) this.raw.set(e.path, e);
    if (!this.raw.has("")) this.raw.set("", { type: "dir", path: "", mode: options.rootMode ?? 0o755 });
    const rawChildren = new Map<string, ContextEntry[]>();
    for (const e of this.raw.values()) {
      if (e.path === "") continue;
      const p = parentOf(e.path);
      let arr = rawChildren.get(p);
      if (arr === undefined) rawChildren.set(p, (arr = []));
      arr.push(e);
    }
    for (const arr of rawChildren.values()) arr.sort((a, b) => goCompare(a.path, b.path));

    let patterns: readonly string[] = options.ignorePatterns ?? [];
    let ignoreFile: string | undefined = options.ignoreFileName;
    if (options.ignorePatterns === undefined) {
      const candidates = rules.readsDockerfileSpecificIgnore && dockerfile !== null ? [dockerfile + ".dockerignore", DOCKERIGNORE] : [DOCKERIGNORE];
      for (const c of candidates) {
        const e = this.raw.get(c);
        if (e?.type === "file") {
          patterns = readDockerignore(e.content);
          ignoreFile = c;
          break;
        }
      }
    }
    this.patterns = patterns;
    this.ignoreFile = ignoreFile;

    const list = (dir: string) => (rawChildren.get(dir) ?? []).map((e) => ({ path: e.path, isDir: e.type === "dir" }));
    const filtered = filterContext(list, patterns, { builder: this.builder, dockerfile });
    let ignoreError: PatternError | undefined;
    let truncatedBy: PatternError | undefined;
    this.visible = new Map();
    if (!filtered.ok) {
      ignoreError = filtered.error;
      this.filter = undefined;
      for (const [p, e] of this.raw) this.visible.set(p, e);
    } else {
      this.filter = filtered.result;
      const walkError = filtered.result.walkError;
      if (walkError !== undefined) {
        if (rules.failsOnUncompilableIgnorePattern) ignoreError = walkError;
        else truncatedBy = walkError;
      }
      this.visible.set("", this.raw.get("")!);
      for (const p of filtered.result.included) this.visible.set(p, this.raw.get(p)!);
      for (const p of filtered.result.parentOnly) {
        const e = this.raw.get(p)!;
        // The classic CLI's tar omits the directory; extraction creates it with 0755.
        this.visible.set(p, rules.tarOmitsParentOnlyDirectories ? { type: "dir", path: p, mode: 0o755 } : e);
      }
    }
    this.ignoreError = ignoreError;
    this.truncatedBy = truncatedBy;
    this.children = new Map();
    for (const [dir, arr] of rawChildren) {
      const vis = arr.filter((e) => this.visible.has(e.path)).map((e) => this.visible.get(e.path)!);
      if (vis.length > 0) this.children.set(dir, vis);
    }
  }

  /** {@inheritDoc BuildContext.get} */
  get(path: string): ContextEntry | undefined {
    return this.visible.get(normalizeContextPath(path));
  }

  /** {@inheritDoc BuildContext.list} */
  list(dir: string): readonly ContextEntry[] {
    const d = normalizeContextPath(dir);
    if (this.visible.get(d)?.type !== "dir") return [];
    return this.children.get(d) ?? [];
  }

  /**
   * Whether `.dockerignore` excludes this path: the patterns matched it (it does not reach the
   * daemon, or, for a directory, arrives only as the parent of re-included entries), or it is not
   * in the context and lies under an excluded directory.
   */
  isIgnored(path: string): boolean {
    const p = normalizeContextPath(path);
    if (this.filter === undefined || p === "") return false;
    if (this.filter.excluded.has(p)) return true;
    if (this.visible.has(p)) return false;
    if (this.raw.has(p)) return true;
    for (let i = p.lastIndexOf("/"); i > 0; i = p.lastIndexOf("/", i - 1)) {
      const parent = p.slice(0, i);
      if (this.filter.excluded.has(parent)) return true;
    }
    return false;
  }

  /** {@inheritDoc BuildContext.inTarball} */
  inTarball(path: string): boolean {
    return !(rulesOf(this.builder).tarOmitsParentOnlyDirectories && this.filter !== undefined && this.filter.parentOnly.has(normalizeContextPath(path)));
  }

  /** The entry before `.dockerignore` was applied (for diagnostics), or undefined. */
  unfiltered(path: string): ContextEntry | undefined {
    return this.raw.get(normalizeContextPath(path));
  }

  /** Every visible entry, in walk order (depth-first, by name), root excluded. */
  *entries(): Generator<ContextEntry> {
    const rec = function* (self: FilteredContext, dir: string): Generator<ContextEntry> {
      for (const e of self.list(dir)) {
        yield e;
        if (e.type === "dir") yield* rec(self, e.path);
      }
    };
    yield* rec(this, "");
  }
}

/**
 * Builds a {@link BuildContext} from a {@link TreeDescription}, reading `.dockerignore` (or
 * `<Dockerfile>.dockerignore` for BuildKit) from the tree. Throws on a malformed description
 * (a path that leaves the root, or a file used as a directory).
 */
export function memoryContext(tree: TreeDescription, options: ContextOptions = {}): FilteredContext {
  const entries = new Map<string, ContextEntry>();
  const ensureDir = (path: string): void => {
    if (path === "") return;
    const e = entries.get(path);
    if (e !== undefined) {
      if (e.type !== "dir") throw new Error(`context tree: ${path} is used as a directory but is a ${e.type}`);
      return;
    }
    ensureDir(parentOf(path));
    entries.set(path, { type: "dir", path, mode: 0o755 });
  };
  for (const [given, value] of Object.entries(tree)) {
    const path = normalizeContextPath(given);
    const rel = goClean(given);
    if (path === "" || rel === ".." || rel.startsWith("../")) throw new Error(`context tree: invalid path ${JSON.stringify(given)}`);
    ensureDir(parentOf(path));
    let entry: ContextEntry;
    if (typeof value === "string" || value instanceof Uint8Array) {
      const content = typeof value === "string" ? encoder.encode(value) : value;
      entry = { type: "file", path, mode: 0o644, size: content.length, content };
    } else if ("symlink" in value) {
      entry = { type: "symlink", path, mode: 0o777, target: value.symlink };
    } else if ("dir" in value) {
      const existing = entries.get(path);
      if (existing !== undefined && existing.type !== "dir") throw new Error(`context tree: ${path} given twice`);
      entry = { type: "dir", path, mode: value.mode ?? 0o755 };
    } else {
      const content = typeof value.content === "string" ? encoder.encode(value.content) : value.content;
      entry = { type: "file", path, mode: value.mode ?? 0o644, size: content.length, content };
    }
    const existing = entries.get(path);
    if (existing !== undefined && !(existing.type === "dir" && entry.type === "dir")) throw new Error(`context tree: ${path} given twice`);
    entries.set(path, entry);
  }
  return new FilteredContext(entries.values(), options);
}
