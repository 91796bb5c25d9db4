/**
 * The physical lines of a Dockerfile as Docker's scanner sees them: split on `\n`, with the
 * line's trailing `\r`/`\n` removed (BuildKit `parser.go` `scanLines` + `trimNewline`), and a
 * UTF-8 byte-order mark removed from the first line (`discardBOM`).
 */
export interface SourceLines {
  /** Line texts, without their line terminators. */
  readonly lines: readonly string[];
  /** Characters removed at the start of the first line (1 for a BOM, else 0): ranges stay true to the text. */
  readonly bomLength: number;
}

/** Splits text into {@link SourceLines}. A final newline does not start an extra line. */
export function splitSourceLines(text: string): SourceLines {
  const raw = text.split("\n");
  if (raw.length > 1 && raw[raw.length - 1] === "") raw.pop();
  const lines = raw.map(trimNewline);
  let bomLength = 0;
  if (lines.length > 0 && lines[0]!.startsWith("\uFEFF")) {
    lines[0] = lines[0]!.slice(1);
    bomLength = 1;
  }
  return { lines, bomLength };
}

function trimNewline(line: string): string {
  let end = line.length;
  while (end > 0 && (line.charCodeAt(end - 1) === 13 || line.charCodeAt(end - 1) === 10)) end--;
  return end === line.length ? line : line.slice(0, end);
}

/** Go's `unicode.IsSpace` for one UTF-16 code unit (JavaScript's `\s` also counts U+FEFF; Go does not). */
export function isGoSpace(ch: number): boolean {
  if (ch <= 0xff) return ch === 32 || (ch >= 9 && ch <= 13) || ch === 0x85 || ch === 0xa0;
  return ch === 0x1680 || (ch >= 0x2000 && ch <= 0x200a) || ch === 0x2028 || ch === 0x2029 || ch === 0x202f || ch === 0x205f || ch === 0x3000;
}

/** The index of the first non-whitespace character (Go `unicode.IsSpace`), or the length. */
export function leadingWhitespaceLength(line: string): number {
  let i = 0;
  while (i < line.length && isGoSpace(line.charCodeAt(i))) i++;
  return i;
}

/** Whether the line is a comment: its first non-blank character is `#` (BuildKit `isComment`). */
export function isCommentLine(line: string): boolean {
  return line.charCodeAt(leadingWhitespaceLength(line)) === 35;
}

/** Whether the line is empty or blank. */
export function isBlankLine(line: string): boolean {
  return leadingWhitespaceLength(line) === line.length;
}
