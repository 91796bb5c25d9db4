import shellQuote from "shell-quote";
import { isKnownDivergence, KNOWN_DIVERGENCES, type Diagnostic } from "../core/diagnostic.js";
import type { LintFinding } from "../lint/finding.js";
import type { Explanation } from "./explain-run.js";
import { argvDependsOn, describeUnknowns, unknownCommandHeadline } from "../report/unknown-dependencies.js";

/** Styling hooks, so the CLI can colour on a TTY and stay plain elsewhere. */
export interface TextStyle {
  readonly heading: (s: string) => string;
  readonly command: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly warning: (s: string) => string;
  readonly error: (s: string) => string;
}

/**
 * Text with every character a terminal would act on instead of print escaped: C0 and C1 controls
 * (tab and newline kept), DEL, lone surrogates and U+FFFD (what an invalid UTF-8 byte decodes to)
 * as `\xNN` / `\uNNNN`. Binary or UTF-16 Dockerfiles end up in messages; they must not reach the
 * terminal raw.
 *
 * @example
 * ```ts
 * printable("unknown instruction: \u0000C\u0000M"); // "unknown instruction: \\x00C\\x00M"
 * ```
 */
export function printable(s: string): string {
  return s.replace(UNPRINTABLE, (c) => {
    const n = c.charCodeAt(0);
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, "0")}` : `\\u${n.toString(16).padStart(4, "0")}`;
  });
}

const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufffd]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The width of the value column of "Word by word:"; a longer value puts its origin on the next line. */
const WORD_COLUMN = 24;

/** No styling. */
export const PLAIN: TextStyle = { heading: (s) => s, command: (s) => s, dim: (s) => s, warning: (s) => s, error: (s) => s };

/**
 * One diagnostic as a line: `  warning CODE: line N: message`, then what is pending, or, for a
 * known divergence, where the docs describe it.
 *
 * @example
 * ```ts
 * renderFinding(simulate("FROM scratch\nFOO bar\n").diagnostics[0]!);
 * // "  error build/unknown-instruction: line 2: dockerfile parse error on line 2: unknown instruction: FOO"
 * ```
 */
export function renderFinding(d: Diagnostic, style: TextStyle = PLAIN): string {
  const where = d.range === null ? "" : `line ${d.range.start.line + 1}: `;
  const line = `  ${d.severity} ${d.code}: ${where}${printable(d.message)}`;
  return (d.severity === "error" ? style.error(line) : d.severity === "warning" ? style.warning(line) : line) + style.dim(afterFinding(d));
}

/** What follows a diagnostic's line: what it is pending on, or where its known divergence is documented. */
function afterFinding(d: Diagnostic): string {
  const pending = d.pending === undefined ? "" : ` [pending ${d.pending}]`;
  if (isKnownDivergence(d)) return `${pending} [known divergence ${d.divergence}: ${KNOWN_DIVERGENCES[d.divergence]}]`;
  return pending;
}

/** "the Entrypoint, Cmd of image node:20" (per image). */

/**
 * Renders an {@link Explanation} as readable text: the command as a shell-quoted line, the cell
 * of the ENTRYPOINT × CMD table that applied, where each word came from, the deciding config
 * fields, the trap warnings ({@link lintDockerfile}) and the diagnostics with line numbers.
 *
 * @example
 * ```ts
 * const sim = simulate(text);
 * process.stdout.write(renderExplanation(explainRun(sim), PLAIN, lintDockerfile(sim)));
 * ```
 */
export function renderExplanation(ex: Explanation, style: TextStyle = PLAIN, warnings: readonly LintFinding[] = []): string {
  const out: string[] = [];
  const builder = ex.builder === "buildkit" ? "BuildKit" : "the classic builder";
  out.push(style.heading(`Image: stage ${ex.stage === null ? "(none)" : JSON.stringify(ex.stage)}, built with ${builder} (Docker Engine 28.5 rules)`));
  for (const image of ex.images) out.push(`  Base image ${printable(image.name)}: ${style.dim(printable(image.source))}`);
  if (ex.buildError !== null) out.push(style.error(`A real build fails: ${printable(ex.buildError)}`));
  out.push("");
  const argvUnknown = argvDependsOn(ex.unknown);
  if (ex.budgetStop !== null) {
    // Past a budget the image's config is unknown: no command (and no "docker run fails") is stated as a fact.
    out.push(style.warning("docker run: unknown: a budget stopped the simulation of this image"));
    out.push(style.dim(printable(`  ${ex.budgetStop}`)));
    if (ex.argv !== null) out.push(`  What the simulation reached gives: ${style.command(printable(shellQuote.quote([...ex.argv])))}`);
    else if (ex.runError !== null) out.push(`  What the simulation reached would fail: ${printable(ex.runError)}`);
  } else if (argvUnknown.length > 0) {
    // Unknown stays unknown: no command (and no "docker run fails") is stated as a fact.
    out.push(style.warning(printable(unknownCommandHeadline(argvUnknown))));
    out.push(style.dim(`  (supply the image with --image REF=FILE, or pull it into the local engine)`));
    if (ex.argv !== null) out.push(`  With none of it set, the Dockerfile alone gives: ${style.command(printable(shellQuote.quote([...ex.argv])))}`);
    else if (ex.runError !== null) out.push(`  With none of it set, docker run would fail: ${printable(ex.runError)}`);
    const rest = ex.unknown.filter((u) => !argvUnknown.includes(u));
    if (rest.length > 0) out.push(style.dim(`  Also depending on it: ${[...new Set(rest.map((u) => u.field))].join(", ")}`));
  } else if (ex.argv !== null) {
    out.push(style.heading("docker run starts:"));
    out.push(`  ${style.command(printable(shellQuote.quote([...ex.argv])))}`);
    if (ex.unknown.length > 0) out.push(style.dim(printable(`  Its ${[...new Set(ex.unknown.map((u) => u.field))].join(", ")} depend on ${describeUnknowns(ex.unknown).replace(/^.*? of /, "")}, unknown to the simulator`)));
    out.push(style.dim(`  Path: ${JSON.stringify(ex.argv[0])}  Args: ${JSON.stringify(ex.argv.slice(1))}`));
    if (ex.cell !== null) out.push(`  ${ex.cell.summary}: ${ex.cell.effect}`);
    out.push("");
    out.push(style.heading("Word by word:"));
    for (const w of ex.words) {
      const value = JSON.stringify(w.value);
      // A long value would push the origin column out of line: the origin goes below it, in the column.
      if (value.length <= WORD_COLUMN) out.push(`  ${w.field.padEnd(9)} ${value.padEnd(WORD_COLUMN)} ${style.dim(printable(w.why))}`);
      else out.push(`  ${w.field.padEnd(9)} ${value}\n  ${" ".repeat(9 + 1 + WORD_COLUMN)} ${style.dim(printable(w.why))}`);
    }
  } else if (ex.runError !== null) {
    out.push(style.error(`docker run fails: ${ex.runError}`));
    if (ex.cell !== null) out.push(`  ${ex.cell.summary}: ${ex.cell.effect}`);
  }
  if (ex.fields.length > 0) {
    out.push("");
    out.push(style.heading("Why:"));
    for (const f of ex.fields) out.push(`  ${f.field.padEnd(11)} ${printable(f.value)}\n  ${" ".repeat(11)} ${style.dim(printable(f.why))}`);
  }
  if (warnings.length > 0) {
    out.push("");
    out.push(style.heading("Warnings:"));
    for (const w of warnings) out.push(renderFinding(w, style));
  }
  const notes = ex.diagnostics.filter((d) => d.severity !== "error" || d.message !== ex.buildError);
  if (notes.length > 0) {
    out.push("");
    out.push(style.heading("Diagnostics:"));
    for (const d of notes) out.push(renderFinding(d, style));
  }
  return out.join("\n") + "\n";
}
