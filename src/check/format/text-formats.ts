/**
 * Line-oriented report formats: GitHub Actions workflow commands, GNU `file:line:col: severity: message`,
 * Checkstyle XML, JSON, JSON Lines (one object per file with the simulation's summary), and the terminal.
 *
 * @module
 */
import type { CheckFinding } from "../check-dockerfile.js";
import { countSeverities, type FileResult } from "./file-result.js";

// Workflow command escaping (GitHub's toolkit `escapeData` / `escapeProperty`).
const escapeData = (s: string): string => s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");

const GITHUB_LEVEL = { error: "error", warning: "warning", info: "notice" } as const;

/**
 * GitHub Actions annotations: `::warning file=F,line=L,endLine=E,col=C,endColumn=C,title=RULE::message`.
 *
 * @example
 * ```ts
 * formatGithub(results); // "::warning file=Dockerfile,line=2,endLine=2,title=JSONArgsRecommended::JSON arguments …\n"
 * ```
 */
export function formatGithub(results: readonly FileResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    for (const f of r.findings) {
      const props = [`file=${escapeProperty(r.path)}`, `line=${f.lines.start}`, `endLine=${f.lines.end}`];
      if (f.columns !== undefined) props.push(`col=${f.columns.start}`, `endColumn=${f.columns.end}`);
      props.push(`title=${escapeProperty(f.ruleId)}`);
      lines.push(`::${GITHUB_LEVEL[f.severity]} ${props.join(",")}::${escapeData(`${f.message} (${f.ruleId}, ${f.docs})`)}`);
    }
  }
  return lines.map((l) => l + "\n").join("");
}

/** GNU error format: `FILE:LINE:COLUMN: SEVERITY: MESSAGE [RULE]` (column 1 when unknown). */
export function formatGnu(results: readonly FileResult[]): string {
  return results
    .flatMap((r) => r.findings.map((f) => `${r.path}:${f.lines.start}:${f.columns?.start ?? 1}: ${f.severity}: ${f.message} [${f.ruleId}]\n`))
    .join("");
}

const xmlEscape = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, "");

/** Checkstyle XML (version 4.3), as hadolint and linters feeding CI dashboards write it. */
export function formatCheckstyle(results: readonly FileResult[]): string {
  const out = ["<?xml version='1.0' encoding='UTF-8'?>", '<checkstyle version="4.3">'];
  for (const r of results) {
    out.push(`<file name="${xmlEscape(r.path)}">`);
    for (const f of r.findings) {
      out.push(`<error line="${f.lines.start}" column="${f.columns?.start ?? 1}" severity="${f.severity}" message="${xmlEscape(f.message)}" source="${xmlEscape(f.ruleId)}"/>`);
    }
    out.push("</file>");
  }
  out.push("</checkstyle>");
  return out.join("\n") + "\n";
}

function jsonFinding(f: CheckFinding): Record<string, unknown> {
  return { rule: f.ruleId, namespace: f.namespace, severity: f.severity, message: f.message, line: f.lines.start, endLine: f.lines.end, ...(f.columns === undefined ? {} : { column: f.columns.start, endColumn: f.columns.end }), docs: f.docs };
}

function jsonFile(r: FileResult): Record<string, unknown> {
  return {
    file: r.path,
    status: r.status,
    ...(r.reason === undefined ? {} : { reason: r.reason }),
    findings: r.findings.map(jsonFinding),
    undecided: r.undecided.map((u) => ({ rule: u.rule, line: u.lines.start, endLine: u.lines.end, reason: u.reason })),
  };
}

/** One JSON document: `{ files: [...], summary: { files, error, warning, info } }`. */
export function formatJson(results: readonly FileResult[]): string {
  return JSON.stringify({ files: results.map(jsonFile), summary: { files: results.length, ...countSeverities(results) } }, null, 2) + "\n";
}

/** One JSON line for a file, with the simulation's summary (stage, argv, layers, unknowns) for corpus research. */
export function formatJsonLine(r: FileResult): string {
  const s = r.summary;
  return JSON.stringify({ ...jsonFile(r), stage: s?.stage ?? null, argv: s?.argv ?? null, layers: s?.layers ?? null, unknowns: s?.unknowns ?? [], error: s?.error ?? null }) + "\n";
}

/** Styling for {@link formatTty}. */
export interface TtyStyle {
  readonly red: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly bold: (s: string) => string;
}

/** No styling. */
export const PLAIN_STYLE: TtyStyle = { red: (s) => s, yellow: (s) => s, dim: (s) => s, bold: (s) => s };

/** The findings of one file for a terminal: `path:line  severity  RULE  message`. */
export function formatTtyFile(r: FileResult, style: TtyStyle = PLAIN_STYLE): string {
  const out: string[] = [];
  if (r.status !== "checked" && r.reason !== undefined) out.push(`${style.bold(r.path)}: ${r.reason}`);
  for (const f of r.findings) {
    const sev = f.severity === "error" ? style.red("error  ") : f.severity === "warning" ? style.yellow("warning") : style.dim("info   ");
    out.push(`${style.bold(`${r.path}:${f.lines.start}`)}  ${sev}  ${f.ruleId}  ${f.message}`);
  }
  return out.map((l) => l + "\n").join("");
}

/** The closing line of a terminal report, from the number of files and the findings by severity. */
export function formatTtySummary(files: number, n: { readonly error: number; readonly warning: number; readonly info: number }): string {
  return `${files} file(s) checked: ${n.error} error(s), ${n.warning} warning(s), ${n.info} info\n`;
}
