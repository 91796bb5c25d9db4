/**
 * Checking a batch of files and summarising it, the same way in the main thread and in a worker: each file is
 * read, checked and, for the streaming formats, formatted to its output text right there, so what travels
 * back to the main thread is one string and a few counters per batch, not a structured result per file.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { failsOn, formatGithub, formatGnu, formatJsonLine, formatTtyFile, PLAIN_STYLE, type FileResult, type TtyStyle } from "../../check/index.js";
import type { BaseImageResolver } from "../../image/base-image.js";
import { budgetResult, checkFile, type CheckRunOptions } from "./check-file.js";

/** The report formats. */
export const FORMATS = ["tty", "json", "sarif", "github", "checkstyle", "gnu", "jsonl"] as const;
/** One of {@link FORMATS}. */
export type Format = (typeof FORMATS)[number];

/** Formats written file by file as results come (the others need every result first). */
export function isStreamingFormat(format: Format): boolean {
  return format === "tty" || format === "github" || format === "gnu" || format === "jsonl";
}

/** How a batch's results are handed on: formatted text for a streaming format, else the results themselves. */
export interface BatchOutput {
  readonly format: Format;
  /** ANSI colours in the `tty` format. */
  readonly colour: boolean;
}

/** A file to check: its path, and its text when it came from standard input. */
export interface FileTask {
  readonly path: string;
  readonly text: string | null;
}

/** Files of a batch not to check (index in the batch → why), each reported as `budget-exceeded`. */
export type SkipList = readonly (readonly [number, string])[];

/** Finding counts by severity. */
export interface SeverityCounts {
  error: number;
  warning: number;
  info: number;
}

/** What checking a batch gives back: its output and the counters the exit status and progress need. */
export interface BatchOutcome {
  readonly files: number;
  /** The formatted output of the batch's files, in order (streaming formats; else ""). */
  readonly text: string;
  /** The results, in order (formats that need them all at the end; else null). */
  readonly results: FileResult[] | null;
  readonly counts: SeverityCounts;
  /** Whether a finding reaches `--fail-on`. */
  readonly fail: boolean;
  /** `path: reason` of each unreadable file. */
  readonly unreadable: readonly string[];
}

const ANSI_STYLE: TtyStyle = {
  red: (s) => `\x1b[31m${s}\x1b[39m`,
  yellow: (s) => `\x1b[33m${s}\x1b[39m`,
  dim: (s) => `\x1b[2m${s}\x1b[22m`,
  bold: (s) => `\x1b[1m${s}\x1b[22m`,
};

function formatOne(r: FileResult, out: BatchOutput): string {
  switch (out.format) {
    case "tty":
      return formatTtyFile(r, out.colour ? ANSI_STYLE : PLAIN_STYLE);
    case "github":
      return formatGithub([r]);
    case "gnu":
      return formatGnu([r]);
    case "jsonl":
      return formatJsonLine(r);
    case "json":
    case "sarif":
    case "checkstyle":
      return "";
  }
}

/** Reports where a check run is, for a watchdog in another thread: a file counter, and the file's index in its batch. */
export interface ProgressCell {
  /** Called before each file with its index in the batch. */
  readonly starting: (index: number) => void;
}

/**
 * Checks the batch's files in order (skipping those in `skip`) and summarises them. Never throws.
 *
 * @example
 * ```ts
 * const o = checkBatch([{ path: "Dockerfile", text: null }], run, undefined, { format: "jsonl", colour: false });
 * process.stdout.write(o.text);
 * ```
 */
export function checkBatch(
  tasks: readonly FileTask[],
  run: CheckRunOptions,
  resolver: BaseImageResolver | undefined,
  out: BatchOutput,
  skip: SkipList = [],
  progress?: ProgressCell,
): BatchOutcome {
  const skipped = new Map(skip);
  const streaming = isStreamingFormat(out.format);
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0 };
  const results: FileResult[] = [];
  const unreadable: string[] = [];
  let text = "";
  let fail = false;
  tasks.forEach((t, k) => {
    progress?.starting(k);
    const reason = skipped.get(k);
    const r = reason === undefined ? checkFile(t.path, t.text, run, resolver) : budgetResult(t.path, reason);
    if (r.status === "unreadable") unreadable.push(`${r.path}: ${r.reason ?? "unreadable"}`);
    for (const f of r.findings) {
      counts[f.severity]++;
      if (failsOn(f.severity, run.config.failOn)) fail = true;
    }
    if (streaming) text += formatOne(r, out);
    else results.push(r);
  });
  return { files: tasks.length, text, results: streaming ? null : results, counts, fail, unreadable };
}

/**
 * The sum of two CPU-time fields of a Linux `/proc/…/stat` file in milliseconds (USER_HZ = 100), or null
 * where there is no such file. `field` is the first one's number in proc(5): 14 for utime+stime, 16 for
 * cutime+cstime (finished children).
 */
export function procCpuMs(statFile: string, field: 14 | 16): number | null {
  try {
    const stat = readFileSync(statFile, "utf8");
    // Fields after the parenthesised command name start at field 3 (the state).
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[field - 3]) + Number(fields[field - 2])) * 10;
  } catch {
    return null;
  }
}

/** CPU time this thread has used, in milliseconds (Linux: /proc/thread-self/stat), or null where unknown. */
export function threadCpuMs(): number | null {
  return procCpuMs("/proc/thread-self/stat", 14);
}
