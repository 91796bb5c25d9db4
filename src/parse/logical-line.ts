import type { Position, Range } from "../core/range.js";
import type { EscapeToken } from "../expand/index.js";
import { isBlankLine, isCommentLine, leadingWhitespaceLength } from "./source-lines.js";

/**
 * One piece of a logical line: where a run of its characters came from in the source.
 * `offset` is the index in {@link LogicalLine.text} where the piece starts.
 */
export interface LineSegment {
  readonly offset: number;
  readonly line: number;
  readonly character: number;
}

/**
 * An instruction's text as Docker's parser sees it: the physical lines joined by the escape
 * character, with comment lines and blank lines inside the continuation dropped and no
 * separator inserted (BuildKit `parser.Parse`, Docker 28.5 vendoring BuildKit v0.25).
 */
export interface LogicalLine {
  readonly text: string;
  /** First physical line (0-based). */
  readonly startLine: number;
  /** Last physical line consumed (0-based), comments and blank lines inside the continuation included. */
  readonly endLine: number;
  /** Maps offsets in `text` back to source positions. */
  readonly segments: readonly LineSegment[];
  /** Whether a blank line sat inside the continuation (BuildKit lints this as NoEmptyContinuation). */
  readonly hasEmptyContinuationLine: boolean;
}

/** Builds the continuation regex for an escape token: `([^e])e[ \t]*$|^e[ \t]*$` (BuildKit `setEscapeToken`). */
export function continuationPattern(escape: EscapeToken): RegExp {
  const e = escape === "\\" ? "\\\\" : "`";
  return new RegExp(`([^${e}])${e}[ \\t]*$|^${e}[ \\t]*$`);
}

function trimContinuation(text: string, pattern: RegExp): { text: string; continues: boolean } {
  const m = pattern.exec(text);
  if (m === null) return { text, continues: false };
  return { text: text.slice(0, m.index) + (m[1] ?? ""), continues: true };
}

/**
 * Reads one logical line starting at physical line `start`, as Docker does. Returns `null` when
 * that line holds no instruction (blank, a comment, or a lone continuation character at the end).
 *
 * @example
 * ```ts
 * const l = readLogicalLine(["RUN echo a \\", "# note", "  b"], 0, continuationPattern("\\"));
 * // l.text === "RUN echo a   b", l.endLine === 2
 * ```
 */
export function readLogicalLine(lines: readonly string[], start: number, pattern: RegExp): LogicalLine | null {
  const first = lines[start]!;
  const indent = leadingWhitespaceLength(first);
  const firstText = first.charCodeAt(indent) === 35 ? "" : first.slice(indent);
  let { text, continues } = trimContinuation(firstText, pattern);
  if (!continues && text === "") return null;
  const segments: LineSegment[] = [{ offset: 0, line: start, character: indent }];
  let end = start;
  let hasEmptyContinuationLine = false;
  while (continues && end + 1 < lines.length) {
    end++;
    const raw = lines[end]!;
    if (isCommentLine(raw)) continue;
    if (isBlankLine(raw)) {
      hasEmptyContinuationLine = true;
      continue;
    }
    const piece = trimContinuation(raw, pattern);
    segments.push({ offset: text.length, line: end, character: 0 });
    text += piece.text;
    continues = piece.continues;
  }
  return { text, startLine: start, endLine: end, segments, hasEmptyContinuationLine };
}

/**
 * The positions and ranges made for the last logical line asked about, by offset. An instruction's
 * ranges share their ends (its keyword starts where it starts, its arguments end where it ends, a
 * token's range is often the arguments' range), so the parse result keeps one object per distinct
 * position and range instead of one per use: the result of a large Dockerfile is retained in full,
 * and every object of it costs garbage-collection work (docs/benchmarks.md). Positions and ranges
 * are never changed after they are made, so sharing them is invisible to callers.
 */
const MEMO_SIZE = 8;
let memoLine: LogicalLine | null = null;
const memoOffsets: number[] = [];
const memoPositions: Position[] = [];
const memoRangeStarts: number[] = [];
const memoRangeEnds: number[] = [];
const memoRanges: Range[] = [];

function forLine(logical: LogicalLine | null): void {
  if (logical === memoLine) return;
  memoLine = logical;
  memoOffsets.length = 0;
  memoPositions.length = 0;
  memoRangeStarts.length = 0;
  memoRangeEnds.length = 0;
  memoRanges.length = 0;
}

/** Forgets the last logical line, so that it is not kept alive after a parse. */
export function releasePositions(): void {
  forLine(null);
}

function computePosition(logical: LogicalLine, offset: number): Position {
  const segs = logical.segments;
  let lo = 0;
  let hi = segs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segs[mid]!.offset <= offset) lo = mid;
    else hi = mid - 1;
  }
  const seg = segs[lo]!;
  return { line: seg.line, character: seg.character + (offset - seg.offset) };
}

/**
 * The source position of an offset into a {@link LogicalLine}'s text. The same offset of the same
 * line gives the same (shared, never changed) object while that line is being parsed.
 */
export function positionAt(logical: LogicalLine, offset: number): Position {
  forLine(logical);
  for (let i = 0; i < memoOffsets.length; i++) if (memoOffsets[i] === offset) return memoPositions[i]!;
  const p = computePosition(logical, offset);
  if (memoOffsets.length < MEMO_SIZE) {
    memoOffsets.push(offset);
    memoPositions.push(p);
  }
  return p;
}

/**
 * The range between two offsets into a {@link LogicalLine}'s text; shared like
 * {@link positionAt}'s positions.
 */
export function rangeAt(logical: LogicalLine, start: number, end: number): Range {
  forLine(logical);
  for (let i = 0; i < memoRanges.length; i++) if (memoRangeStarts[i] === start && memoRangeEnds[i] === end) return memoRanges[i]!;
  const r: Range = { start: positionAt(logical, start), end: positionAt(logical, end) };
  if (memoRanges.length < MEMO_SIZE) {
    memoRangeStarts.push(start);
    memoRangeEnds.push(end);
    memoRanges.push(r);
  }
  return r;
}
