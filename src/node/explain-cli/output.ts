/**
 * What `explain-cmd` prints for a simulation: the JSON report (with lint warnings and the `--files`
 * listings) or the text explanation, and the note about files that a missing build context leaves unknown.
 *
 * @module
 */
import { explainRun } from "../../explain/explain-run.js";
import { PLAIN, renderExplanation } from "../../explain/render-text.js";
import { listFiles } from "../../fs/vfs/list-tree.js";
import type { LintFinding } from "../../lint/finding.js";
import { toJsonReport } from "../../report/json-report.js";
import type { Simulation } from "../../simulate.js";
import { ANSI } from "../ansi.js";

/** How {@link formatExplainOutput} writes. */
export interface ExplainOutputOptions {
  /** One JSON object instead of the text explanation. */
  readonly json: boolean;
  /** `--files` paths to list in the JSON (under `files`). */
  readonly files: readonly string[];
  /** ANSI colours in the text explanation. */
  readonly colour: boolean;
}

/**
 * The output of one run: the JSON report (diagnostics followed by the lint `warnings`) or the text explanation.
 *
 * @example
 * ```ts
 * io.stdout(formatExplainOutput(sim, lintDockerfile(sim), { json: true, files: ["/app"], colour: false }));
 * ```
 */
export function formatExplainOutput(sim: Simulation, warnings: readonly LintFinding[], o: ExplainOutputOptions): string {
  if (!o.json) return renderExplanation(explainRun(sim), o.colour ? ANSI : PLAIN, warnings);
  const report = toJsonReport(sim);
  const stageFiles = sim.stage?.files;
  const files = o.files.length === 0 ? {} : { files: Object.fromEntries(o.files.map((p) => [p, stageFiles === undefined ? [] : listFiles(stageFiles, p).entries])) };
  return JSON.stringify({ ...report, diagnostics: [...report.diagnostics, ...warnings], ...files }, null, 2) + "\n";
}

/**
 * The note for a run without a build context: which COPY/ADD lines read files from it (and so are
 * unknown), or null when none does.
 */
export function missingContextNote(sim: Simulation): string | null {
  const lines = contextReaders(sim);
  if (lines.length === 0) return null;
  return `explain-cmd: note: no build context was given, so the files ${lines.length === 1 ? "the COPY/ADD on line" : "the COPY/ADD instructions on lines"} ${lines.join(", ")} ${lines.length === 1 ? "reads" : "read"} from it are unknown; give the context directory after the options to know them\n`;
}

/** The lines of the COPY (without --from) and ADD instructions that read files from the build context. */
function contextReaders(sim: Simulation): number[] {
  const out: number[] = [];
  for (const e of sim.evaluation.parsed.entries) {
    if (!e.ok) continue;
    const i = e.instruction;
    if ((i.keyword === "COPY" && i.from === null) || i.keyword === "ADD") {
      if (i.sources.some((s) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(s.value) && !s.value.startsWith("git@") && !s.value.startsWith("<<"))) out.push(i.line);
    }
  }
  return out;
}
