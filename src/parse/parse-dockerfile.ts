import type { Range } from "../core/range.js";
import type { EscapeToken } from "../expand/index.js";
import { scanDirectives, type Directive } from "./directives.js";
import { indexHeredocs } from "./heredoc-spans.js";
import type { Instruction } from "./instruction.js";
import type { Keyword } from "./keywords.js";
import type { ParseFailure } from "./line-context.js";
import { continuationPattern, readLogicalLine, releasePositions, type LogicalLine } from "./logical-line.js";
import { parseLogicalLine } from "./parse-instruction.js";
import { splitSourceLines } from "./source-lines.js";

/** One logical line of the file and what became of it. */
export type ParsedLine =
  | { readonly ok: true; readonly instruction: Instruction; readonly logical: LogicalLine }
  | { readonly ok: false; readonly keyword: Keyword | undefined; readonly failures: readonly ParseFailure[]; readonly range: Range; readonly logical: LogicalLine };

/**
 * A Dockerfile parsed as Docker 28.5 parses it: directives, then one entry per instruction
 * (including the ones Docker would reject, with why). Never throws.
 */
export interface ParsedDockerfile {
  readonly text: string;
  readonly lines: readonly string[];
  readonly escape: EscapeToken;
  readonly directives: readonly Directive[];
  /** A directive error (`only one escape parser directive can be used`, a bad escape token). */
  readonly directiveError: { readonly message: string; readonly range: Range } | null;
  readonly entries: readonly ParsedLine[];
  /** Lines that held a blank line inside a continuation (BuildKit's NoEmptyContinuation). */
  readonly emptyContinuations: readonly Range[];
}

/**
 * Parses Dockerfile text into typed instructions with source ranges.
 *
 * Line reading follows BuildKit's `parser.Parse` exactly (continuations without separators,
 * comment and blank lines inside them skipped, a double escape not continuing); heredoc bodies
 * come from dockerfile-ast.
 *
 * @example
 * ```ts
 * const parsed = parseDockerfile("FROM busybox\nCMD [\"sh\"]\n");
 * parsed.entries.length; // 2
 * ```
 */
export function parseDockerfile(text: string): ParsedDockerfile {
  const { lines } = splitSourceLines(text);
  const scan = scanDirectives(lines);
  const pattern = continuationPattern(scan.escape);
  const heredocs = indexHeredocs(text, lines);
  const entries: ParsedLine[] = [];
  const emptyContinuations: Range[] = [];
  let cursor = 0;
  while (cursor < lines.length) {
    const logical = readLogicalLine(lines, cursor, pattern);
    if (logical === null) {
      cursor++;
      continue;
    }
    if (logical.hasEmptyContinuationLine) {
      emptyContinuations.push({ start: { line: logical.startLine, character: 0 }, end: { line: logical.endLine, character: lines[logical.endLine]!.length } });
    }
    const parsed = parseLogicalLine(logical, scan.escape);
    const doc = heredocs.byStartLine.get(logical.startLine);
    let end = logical.endLine;
    if (doc !== undefined && parsed.ok && isHeredocCapable(parsed.instruction)) {
      end = Math.max(end, doc.endLine);
      entries.push({ ok: true, logical, instruction: withHeredocs(parsed.instruction, doc.heredocs.map((h) => h.content)) });
    } else {
      entries.push(parsed.ok ? { ok: true, logical, instruction: parsed.instruction } : { ...parsed, logical });
    }
    cursor = end + 1;
  }
  releasePositions();
  const directiveError = scan.error === undefined ? null : { message: scan.error.message, range: { start: { line: scan.error.line, character: 0 }, end: { line: scan.error.line, character: lines[scan.error.line]!.length } } };
  return { text, lines, escape: scan.escape, directives: scan.directives, directiveError, entries, emptyContinuations };
}

function isHeredocCapable(i: Instruction): boolean {
  switch (i.keyword) {
    case "RUN":
      return i.command.form === "shell";
    case "COPY":
    case "ADD":
      return !i.json;
    case "ONBUILD":
      return true;
    default:
      return false;
  }
}

function withHeredocs(i: Instruction, bodies: readonly string[]): Instruction {
  return i.keyword === "RUN" || i.keyword === "COPY" || i.keyword === "ADD" ? { ...i, heredocs: bodies } : i;
}
