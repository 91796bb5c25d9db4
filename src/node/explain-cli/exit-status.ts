/**
 * `explain-cmd`'s exit statuses, and how an error becomes the one line it prints.
 *
 * @module
 */

/** Exit status: the simulation ran (even when it predicts a failing build). */
export const EXIT_OK = 0;
/** Exit status: an I/O error writing the output, or an internal error (one line on standard error). */
export const EXIT_FAILURE = 1;
/** Exit status: a usage error, or an input that cannot be read (one line on standard error). */
export const EXIT_USAGE = 2;

/**
 * An error as one line: its message (never its stack), line breaks folded into spaces.
 *
 * @example
 * ```ts
 * oneLine(new Error("cannot read\n  x")); // "cannot read x"
 * ```
 */
export function oneLine(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.replace(/\s*\n\s*/g, " ");
}
