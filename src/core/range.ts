/**
 * A position in the Dockerfile text: 0-based line and UTF-16 character offset, as in the
 * Language Server Protocol (and dockerfile-ast), so ranges can go straight to an editor.
 */
export interface Position {
  readonly line: number;
  readonly character: number;
}

/** A half-open span of source text, from `start` (inclusive) to `end` (exclusive). */
export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/**
 * Builds a {@link Range}.
 *
 * @example
 * ```ts
 * const r = rangeOf(0, 0, 0, 4); // the `FROM` keyword on the first line
 * ```
 */
export function rangeOf(startLine: number, startChar: number, endLine: number, endChar: number): Range {
  return { start: { line: startLine, character: startChar }, end: { line: endLine, character: endChar } };
}

/** The 1-based line number people and Docker's messages use for a range. */
export function lineNumberOf(range: Range): number {
  return range.start.line + 1;
}
