import type { Range } from "../core/range.js";
import type { EscapeToken } from "../expand/index.js";
import { scanDirectives, type Directive } from "./directives.js";
import { canContainHeredoc, heredocWordsOfLine, LineOffsets, readHeredocBodies, type Heredoc } from "./heredoc.js";
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
 * comment and blank lines inside them skipped, a double escape not continuing), heredoc bodies
 * included (`heredoc.ts`), in one pass over the text.
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
  const entries: ParsedLine[] = [];
  const emptyContinuations: Range[] = [];
  let offsets: LineOffsets | null = null;
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
    let entry: ParsedLine = parsed.ok ? { ok: true, logical, instruction: parsed.instruction } : { ...parsed, logical };
    let end = logical.endLine;
    if (logical.text.includes("<<") && canContainHeredoc(logical.text, scan.escape)) {
      const words = heredocWordsOfLine(logical.text);
      if (!words.ok) {
        entry = lineFailure(entry, words.error, { start: { line: logical.startLine, character: 0 }, end: { line: end, character: lines[end]!.length } });
      } else if (words.words.length > 0) {
        offsets ??= new LineOffsets(text);
        const bodies = readHeredocBodies(text, lines, offsets, words.words, logical.endLine);
        end = bodies.endLine;
        if (!bodies.ok) entry = lineFailure(entry, bodies.error, { start: { line: logical.startLine, character: 0 }, end: { line: end, character: lines[end]!.length } });
        else if (entry.ok) attachHeredocs(entry.instruction, bodies.heredocs);
      }
    }
    entries.push(entry);
    cursor = end + 1;
  }
  releasePositions();
  const directiveError = scan.error === undefined ? null : { message: scan.error.message, range: { start: { line: scan.error.line, character: 0 }, end: { line: scan.error.line, character: lines[scan.error.line]!.length } } };
  return { text, lines, escape: scan.escape, directives: scan.directives, directiveError, entries, emptyContinuations };
}

/** A line-level (phase 1) failure of the heredoc reader, ahead of the line's own failures. */
function lineFailure(entry: ParsedLine, message: string, range: Range): ParsedLine {
  const failure: ParseFailure = { phase: 1, code: "build/heredoc", message, range };
  if (entry.ok) return { ok: false, keyword: entry.instruction.keyword, failures: [failure], range, logical: entry.logical };
  return { ...entry, failures: [failure, ...entry.failures] };
}

/**
 * Gives a freshly parsed instruction its heredocs. RUN, COPY and ADD keep them; an ONBUILD trigger
 * keeps them in its expression, each as `\n` + body + delimiter after the line (BuildKit
 * `instructions/parse.go` `parseOnBuild`), which is what the image config's `OnBuild` stores.
 * The instruction object was made by this parse and nothing else holds it yet.
 */
function attachHeredocs(i: Instruction, heredocs: readonly Heredoc[]): void {
  switch (i.keyword) {
    case "RUN":
    case "COPY":
    case "ADD":
      (i as { heredocs: readonly Heredoc[] }).heredocs = heredocs;
      return;
    case "ONBUILD":
      (i as { expression: string }).expression = i.expression + heredocs.map((h) => `\n${h.content}${h.name}`).join("");
      return;
    default:
      return;
  }
}
