import type { Range } from "../core/range.js";

/**
 * Narrows an instruction's range to the first occurrence of `needle` in it (on one physical
 * line), or returns the instruction's range when it is not found.
 */
export function rangeOfText(lines: readonly string[], within: Range, needle: string): Range {
  for (let line = within.start.line; line <= within.end.line; line++) {
    const text = lines[line] ?? "";
    const from = line === within.start.line ? within.start.character : 0;
    const at = text.indexOf(needle, from);
    if (at >= 0) return { start: { line, character: at }, end: { line, character: at + needle.length } };
  }
  return within;
}
