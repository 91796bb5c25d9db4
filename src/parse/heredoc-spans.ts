import { DockerfileParser } from "dockerfile-ast";

/** A heredoc found by dockerfile-ast: its name and the body, by physical lines. */
export interface HeredocSpan {
  readonly name: string;
  /** The body text, lines joined with `\n` and ending with one (as BuildKit keeps it), or "" when empty. */
  readonly content: string;
}

/** Heredocs by the 0-based start line of their instruction, and where that instruction ends. */
export interface HeredocIndex {
  readonly byStartLine: ReadonlyMap<number, { readonly endLine: number; readonly heredocs: readonly HeredocSpan[] }>;
}

const EMPTY: HeredocIndex = { byStartLine: new Map() };

/**
 * Finds heredoc bodies (`RUN <<EOF … EOF`, Dockerfile 1.4+) with dockerfile-ast, which tracks
 * their spans with ranges. Only text containing `<<` needs the extra parse.
 */
export function indexHeredocs(text: string, lines: readonly string[]): HeredocIndex {
  if (!text.includes("<<")) return EMPTY;
  const byStartLine = new Map<number, { endLine: number; heredocs: HeredocSpan[] }>();
  for (const instruction of DockerfileParser.parse(text).getInstructions()) {
    const withHeredocs = instruction as unknown as { getHeredocs?: () => { getName(): string; getContentRange(): { start: { line: number }; end: { line: number } } | null }[] };
    let heredocs: ReturnType<NonNullable<typeof withHeredocs.getHeredocs>>;
    try {
      heredocs = withHeredocs.getHeredocs?.() ?? [];
    } catch {
      // dockerfile-ast 0.7.1 reads past its heredoc list when a body line ends in the escape
      // character (e.g. "COPY <<EOT\n\\\n\tEOT"); the lines are then read as instructions.
      continue;
    }
    if (heredocs.length === 0) continue;
    const range = instruction.getRange();
    byStartLine.set(range.start.line, {
      endLine: range.end.line,
      heredocs: heredocs.map((h) => {
        const c = h.getContentRange();
        const body = c === null ? [] : lines.slice(c.start.line, c.end.line + 1);
        return { name: h.getName(), content: body.length === 0 ? "" : body.join("\n") + "\n" };
      }),
    });
  }
  return { byStartLine };
}
