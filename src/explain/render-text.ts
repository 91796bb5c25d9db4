import shellQuote from "shell-quote";
import type { Explanation } from "./explain-run.js";

/** Styling hooks, so the CLI can colour on a TTY and stay plain elsewhere. */
export interface TextStyle {
  readonly heading: (s: string) => string;
  readonly command: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly warning: (s: string) => string;
  readonly error: (s: string) => string;
}

/** No styling. */
export const PLAIN: TextStyle = { heading: (s) => s, command: (s) => s, dim: (s) => s, warning: (s) => s, error: (s) => s };

/**
 * Renders an {@link Explanation} as readable text: the command as a shell-quoted line, where each
 * word came from, the deciding config fields, and the diagnostics with line numbers.
 */
export function renderExplanation(ex: Explanation, style: TextStyle = PLAIN): string {
  const out: string[] = [];
  const builder = ex.builder === "buildkit" ? "BuildKit" : "the classic builder";
  out.push(style.heading(`Image: stage ${ex.stage === null ? "(none)" : JSON.stringify(ex.stage)}, built with ${builder} (Docker Engine 28.5 rules)`));
  if (ex.buildError !== null) out.push(style.error(`A real build fails: ${ex.buildError}`));
  out.push("");
  if (ex.argv !== null) {
    out.push(style.heading("docker run starts:"));
    out.push(`  ${style.command(shellQuote.quote([...ex.argv]))}`);
    out.push(style.dim(`  Path: ${JSON.stringify(ex.argv[0])}  Args: ${JSON.stringify(ex.argv.slice(1))}`));
    out.push("");
    out.push(style.heading("Word by word:"));
    for (const w of ex.words) out.push(`  ${w.field.padEnd(9)} ${JSON.stringify(w.value).padEnd(24)} ${style.dim(w.why)}`);
  } else if (ex.runError !== null) {
    out.push(style.error(`docker run fails: ${ex.runError}`));
  }
  out.push("");
  out.push(style.heading("Why:"));
  for (const f of ex.fields) out.push(`  ${f.field.padEnd(11)} ${f.value}\n  ${" ".repeat(11)} ${style.dim(f.why)}`);
  const notes = ex.diagnostics.filter((d) => d.severity !== "error" || d.message !== ex.buildError);
  if (notes.length > 0) {
    out.push("");
    out.push(style.heading("Diagnostics:"));
    for (const d of notes) {
      const where = d.range === null ? "" : `line ${d.range.start.line + 1}: `;
      const line = `  ${d.severity} ${d.code}: ${where}${d.message}`;
      out.push(d.severity === "error" ? style.error(line) : d.severity === "warning" ? style.warning(line) : line);
    }
  }
  return out.join("\n") + "\n";
}
