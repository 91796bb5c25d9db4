/**
 * What `dockerfile-check` writes as batches come back: each batch's text on stdout, unreadable files on
 * stderr, the progress line (stderr, only on a terminal), and at the end the summary or the whole-run
 * formats (json, sarif, checkstyle); and the exit status the findings give.
 *
 * @module
 */
import { formatCheckstyle, formatJson, formatSarif, formatTtySummary, type FileResult } from "../../check/index.js";
import type { BatchOutcome, Format, SeverityCounts } from "./batch.js";

/** Where and how a {@link RunReport} writes. */
export interface ReportSettings {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  readonly format: Format;
  /** Show the progress line on stderr. */
  readonly progress: boolean;
  /** The tool version SARIF names. */
  readonly version: string;
}

/** The report of one run: fed each batch's outcome in input order, then finished once. */
export interface RunReport {
  /** Writes one batch's output and adds up its counters. */
  readonly onBatch: (o: BatchOutcome) => void;
  /** Clears the progress line and writes what comes after the last file (summary or whole-run format). */
  readonly finish: () => void;
  /** Files reported so far. */
  readonly files: () => number;
  /**
   * The exit status: 2 when no Dockerfile was found (with a line on stderr) or a file was unreadable, 1 when a
   * finding reaches `--fail-on`, else 0.
   */
  readonly status: () => number;
}

/**
 * A report writing through `settings`.
 *
 * @example
 * ```ts
 * const report = runReport({ stdout, stderr, format: "jsonl", progress: false, version: VERSION });
 * await checkInWorkers(tasks, pool, report.onBatch);
 * report.finish();
 * return report.status();
 * ```
 */
export function runReport(settings: ReportSettings): RunReport {
  const { stdout, stderr, format, progress } = settings;
  const collected: FileResult[] = [];
  const counts: SeverityCounts = { error: 0, warning: 0, info: 0 };
  let fail = false;
  let unreadable = false;
  let count = 0;
  return {
    onBatch: (o) => {
      count += o.files;
      for (const u of o.unreadable) stderr(`dockerfile-check: ${u}\n`);
      if (o.unreadable.length > 0) unreadable = true;
      counts.error += o.counts.error;
      counts.warning += o.counts.warning;
      counts.info += o.counts.info;
      if (o.fail) fail = true;
      if (progress) stderr(`\r\x1b[2K${count} file(s) checked, ${counts.error} error(s), ${counts.warning} warning(s)`);
      if (o.results !== null) collected.push(...o.results);
      if (o.text !== "") stdout(o.text);
    },
    finish: () => {
      if (progress) stderr("\r\x1b[2K");
      if (format === "tty") stdout(formatTtySummary(count, counts));
      else if (format === "json") stdout(formatJson(collected));
      else if (format === "sarif") stdout(formatSarif(collected, { name: "dockerfile-check", version: settings.version }));
      else if (format === "checkstyle") stdout(formatCheckstyle(collected));
    },
    files: () => count,
    status: () => {
      if (count === 0) {
        stderr("dockerfile-check: no Dockerfile found\n");
        return 2;
      }
      return unreadable ? 2 : fail ? 1 : 0;
    },
  };
}
