/**
 * Budgets: the documented limits that keep the simulator's time and memory bounded on any input.
 * Docker itself has no such limits (Go stacks grow, strings are bytes, downloads stream to disk),
 * so where a real build would go on, the simulator stops at a budget and says the answer is
 * **unknown** (a `budget/exceeded` notice naming the budget), never a predicted failure.
 *
 * @module
 */

/** The budgets, each configurable in the API (`SimulateOptions.budgets`, `fetchDownloads`). */
export interface Budgets {
  /**
   * How deeply `${…}` expansions may nest inside one another (`${a:-${b:-…}}`). Default 1,000
   * (real Dockerfiles nest a handful; the JavaScript stack gives out near 1,700).
   */
  readonly expansionDepth: number;
  /** Most characters one expansion may produce (`ENV a=$a$a` doubles). Default 8 MiB. */
  readonly expansionLength: number;
  /**
   * Most steps of one pattern match in `${v#p}`, `${v%p}` and `${v/p/r}` (pattern length times
   * value length, for patterns with wildcards; plain text patterns cost the value's length).
   * Default 50,000,000.
   */
  readonly patternWork: number;
  /** Most bytes ADD may decompress from one archive (detection reads far less). Default 64 MiB. */
  readonly decompressedBytes: number;
  /** Most bytes read from one `ADD <url>` download. Default 64 MiB. */
  readonly downloadBytes: number;
  /**
   * Most config entries (Env, ExposedPorts, Volumes, Labels) and variables one build may list or
   * copy. `EXPOSE` is charged the ports it names: the simulator keeps a range as one entry until
   * output, but each port is a key of the config Docker writes (and, for BuildKit, of the history
   * text), so this bounds the size of the answer. A stage built `FROM` another is charged what it
   * takes over beyond its first 128 entries, counted as held (a port range is one): a chain of
   * growing stages copies the square of its length. Default 250,000 (a real Dockerfile holds a few
   * thousand; `EXPOSE 0-65535` is 65,536). Past it, a stage starts on an unknown base (built
   * `FROM` a stage) or stops (`EXPOSE`), with a `budget/exceeded` notice.
   */
  readonly configEntries: number;
  /**
   * Longest working directory (UTF-8 bytes) a `WORKDIR` may resolve to. Default 3,840. Linux
   * refuses a path of `PATH_MAX` (4,096) bytes or more, and the path the daemon resolves is the
   * container path below its own storage directory (91 bytes for the classic builder's vfs
   * directories on Docker 28.5; overlay2 and snapshotter paths are of the same order): a longer
   * WORKDIR fails with `file name too long` on some daemons and not on others, at a component and
   * with a message (the classic builder names its host path) the simulator cannot know. Past it
   * the stage stops, unknown, with a `budget/exceeded` notice. It also bounds what relative
   * WORKDIRs cost: each one resolves and records its whole path.
   */
  readonly pathLength: number;
  /**
   * Most units of work (see {@link WorkCount}: instructions, characters expanded, pattern steps,
   * file changes, path characters) one simulation may do before a stage starts another
   * instruction. Default 64,000,000 (about a second of CPU time of the costliest kind; a corpus
   * file does a few thousand). Past it, the stage stops there, unknown, with a `budget/exceeded`
   * notice, and so does every later stage: what a long file of individually cheap but
   * ever-growing instructions (`ENV PATH=$PATH:…`, relative WORKDIRs) would cost is bounded.
   */
  readonly work: number;
}

/** The name of one budget. */
export type BudgetName = keyof Budgets;

/** The default budgets. */
export const DEFAULT_BUDGETS: Budgets = {
  expansionDepth: 1_000,
  expansionLength: 8 * 1024 * 1024,
  patternWork: 50_000_000,
  decompressedBytes: 64 * 1024 * 1024,
  downloadBytes: 64 * 1024 * 1024,
  configEntries: 250_000,
  pathLength: 3_840,
  work: 64_000_000,
};

/** The budgets in force: the defaults, with the caller's overrides. */
export function budgetsOf(overrides: Partial<Budgets> | undefined): Budgets {
  return overrides === undefined ? DEFAULT_BUDGETS : { ...DEFAULT_BUDGETS, ...overrides };
}

/** A budget that ran out: which, and its value. */
export interface BudgetHit {
  readonly budget: BudgetName;
  readonly limit: number;
}

/**
 * The sentence a `budget/exceeded` notice starts with.
 *
 * @example
 * ```ts
 * budgetMessage({ budget: "expansionDepth", limit: 1000 }); // 'the expansionDepth budget (1000) was exceeded'
 * ```
 */
export function budgetMessage(hit: BudgetHit): string {
  return `the ${hit.budget} budget (${hit.limit}) was exceeded`;
}

/**
 * The work one simulation did, counted where the budgets are charged: a cheap, deterministic
 * measure of cost that tests can bound (linear in the input) where wall time would flake.
 */
export interface WorkCount {
  /** Instructions dispatched (ONBUILD triggers included), in every evaluated stage. */
  readonly instructions: number;
  /** Characters the expansion lexer scanned and produced (each `${…}` result counted where it is built). */
  readonly expansion: number;
  /** Steps of pattern matching in `${v#p}`, `${v%p}` and `${v/p/r}` (as charged to `patternWork`). */
  readonly pattern: number;
  /** Changes made to stage filesystems (files and directories written or removed). */
  readonly files: number;
  /**
   * Characters of the working directories WORKDIR resolved, times {@link PATH_WORK_PER_CHAR}
   * (each WORKDIR cleans, walks and records its whole path, however short its argument).
   */
  readonly paths: number;
  /**
   * Config entries written: the spans EXPOSE adds (a port range is one, however wide) and the
   * entries and variables a stage built `FROM` another takes over.
   */
  readonly entries: number;
}

/**
 * Units of work one character of a resolved WORKDIR path costs: the path is cleaned, split,
 * walked and recorded a few times over, which costs about as much CPU time as expanding this
 * many characters (measured on the bench's relative-WORKDIR series).
 */
export const PATH_WORK_PER_CHAR = 8;

/**
 * The mutable counter behind {@link WorkCount}: one per simulation, charged by the lexer and the
 * evaluator (a few additions per instruction and per expansion).
 *
 * @example
 * ```ts
 * const work = new WorkMeter();
 * work.instructions++;
 * workTotal(work); // 1
 * ```
 */
export class WorkMeter implements WorkCount {
  instructions = 0;
  expansion = 0;
  pattern = 0;
  files = 0;
  paths = 0;
  entries = 0;

  /** A frozen copy of the counts so far. */
  snapshot(): WorkCount {
    return Object.freeze({ instructions: this.instructions, expansion: this.expansion, pattern: this.pattern, files: this.files, paths: this.paths, entries: this.entries });
  }
}

/** The sum of a {@link WorkCount}'s counters: the one number a bound is put on. */
export function workTotal(w: WorkCount): number {
  return w.instructions + w.expansion + w.pattern + w.files + w.paths + w.entries;
}
