/**
 * Heredocs (Dockerfile syntax 1.4+), read in the same pass as the instructions, as BuildKit v0.25.2
 * (Docker Engine 28.5) reads them in `frontend/dockerfile/parser/parser.go` (`Parse`,
 * `canContainHeredoc`, `heredocsFromLine`, `heredocFromMatch`):
 *
 * - only RUN, COPY and ADD (also as an ONBUILD trigger) can have heredocs, and not in JSON form;
 * - the heredoc words are found on the instruction's logical line (continuations joined) by
 *   `expand/heredoc.ts`; `<<EOF`, `<<-EOF`, `<<"EOF"`, `<<'E'OF`, `3<<EOF` all count;
 * - each heredoc's body is the physical lines after the instruction (after the previous body),
 *   taken exactly as written (line endings included: a CRLF body keeps its `\r`), up to a line
 *   that equals the delimiter once its line ending (and, for `<<-`, its leading tabs) is removed;
 *   body lines are never comments, continuations or directives;
 * - a heredoc without its terminator line fails the whole parse: `unterminated heredoc`.
 *
 * Reading is linear in the size of the text: each line is looked at once and each body is one
 * slice of the text.
 *
 * @module
 */

import type { Range } from "../core/range.js";
import { heredocCandidateWords, parseHeredocWord, type EscapeToken, type HeredocWord } from "../expand/index.js";
import { extractFlags } from "./flags.js";
import { parseJsonArgs } from "./json-args.js";
import { isGoSpace } from "./source-lines.js";

/** A heredoc of an instruction: what its word says, and its body as written. */
export interface Heredoc extends HeredocWord {
  /** The body exactly as written, every line with its own line ending; "" when the body is empty. */
  readonly content: string;
  /** The body and its terminator line. */
  readonly range: Range;
}

const HEREDOC_KEYWORDS: ReadonlySet<string> = new Set(["RUN", "COPY", "ADD"]);

/**
 * Whether an instruction line can have heredocs (`canContainHeredoc`): RUN, COPY or ADD, directly
 * or as an ONBUILD trigger, whose arguments (after the flags) are not a JSON array of strings.
 */
export function canContainHeredoc(text: string, escape: EscapeToken): boolean {
  return capableAt(text, escape, 0, true);
}

function capableAt(text: string, escape: EscapeToken, from: number, allowOnbuild: boolean): boolean {
  let i = from;
  while (i < text.length && isGoSpace(text.charCodeAt(i))) i++;
  const start = i;
  while (i < text.length && !isWordBreak(text.charCodeAt(i))) i++;
  const keyword = text.slice(start, i).toUpperCase();
  while (i < text.length && isWordBreak(text.charCodeAt(i))) i++;
  if (keyword === "ONBUILD") return allowOnbuild && capableAt(text, escape, i, false);
  if (!HEREDOC_KEYWORDS.has(keyword)) return false;
  const rest = text.slice(i);
  const args = rest.slice(extractFlags(rest, escape).rest);
  return parseJsonArgs(args.trim()).kind !== "json";
}

// BuildKit `reWhitespace` `[\t\v\f\r ]+` splits the keyword from its arguments.
function isWordBreak(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0b || c === 0x0c || c === 0x0d;
}

/** The heredoc words of an instruction line, in order, or the error Docker's parser reports. */
export function heredocWordsOfLine(text: string): { readonly ok: true; readonly words: readonly HeredocWord[] } | { readonly ok: false; readonly error: string } {
  const words: HeredocWord[] = [];
  for (const w of heredocCandidateWords(text)) {
    const r = parseHeredocWord(w);
    if (!r.ok) return r;
    if (r.heredoc !== null) words.push(r.heredoc);
  }
  return { ok: true, words };
}

/**
 * Where each physical line starts in the text, found on demand and front to back: heredoc bodies
 * are read in line order, so the whole parse scans the text for line breaks at most once.
 */
export class LineOffsets {
  private line = 0;
  private offset = 0;

  constructor(private readonly text: string) {}

  /** The offset of the first character of `line` (the text's length past the last line). */
  offsetOf(line: number): number {
    if (line < this.line) {
      this.line = 0;
      this.offset = 0;
    }
    while (this.line < line) {
      const nl = this.text.indexOf("\n", this.offset);
      if (nl < 0) return this.text.length;
      this.offset = nl + 1;
      this.line++;
    }
    return this.offset;
  }
}

/** The bodies read for one instruction, and the last physical line they used. */
export type HeredocBodies =
  | { readonly ok: true; readonly heredocs: readonly Heredoc[]; readonly endLine: number }
  | { readonly ok: false; readonly error: "unterminated heredoc"; readonly endLine: number };

/**
 * Reads the bodies of `words` from the physical lines after `afterLine`, one heredoc after the
 * other. `lines` are the lines without their endings (`source-lines.ts`); the bodies are sliced
 * from `text` so that they keep theirs.
 */
export function readHeredocBodies(text: string, lines: readonly string[], offsets: LineOffsets, words: readonly HeredocWord[], afterLine: number): HeredocBodies {
  const heredocs: Heredoc[] = [];
  let line = afterLine + 1;
  for (const word of words) {
    const first = line;
    let terminator = -1;
    for (; line < lines.length; line++) {
      const candidate = word.chomp ? trimLeadingTabs(lines[line]!) : lines[line]!;
      if (candidate === word.name) {
        terminator = line;
        break;
      }
    }
    if (terminator < 0) return { ok: false, error: "unterminated heredoc", endLine: lines.length - 1 };
    const content = terminator === first ? "" : text.slice(offsets.offsetOf(first), offsets.offsetOf(terminator));
    const range: Range = { start: { line: first, character: 0 }, end: { line: terminator, character: lines[terminator]!.length } };
    heredocs.push({ ...word, content, range });
    line = terminator + 1;
  }
  return { ok: true, heredocs, endLine: line - 1 };
}

function trimLeadingTabs(s: string): string {
  let i = 0;
  while (i < s.length && s.charCodeAt(i) === 0x09) i++;
  return i === 0 ? s : s.slice(i);
}

/**
 * `ChompHeredocContent`: removes the leading tabs of every line of a `<<-` body (RE2 `(?m)^\t+`,
 * where a line starts after `\n` only; JavaScript's `m` flag would also start one after `\r`).
 */
export function chompHeredocContent(content: string): string {
  let out = "";
  let from = 0;
  while (from < content.length) {
    let start = from;
    while (start < content.length && content.charCodeAt(start) === 0x09) start++;
    const nl = content.indexOf("\n", start);
    const end = nl < 0 ? content.length : nl + 1;
    out += content.slice(start, end);
    from = end;
  }
  return out;
}
