/**
 * SARIF 2.1.0 (OASIS, schema `sarif-schema-2.1.0.json`): one run whose tool lists every rule reported, each
 * result with Docker's rule name (or our id) as `ruleId` and a region of 1-based lines.
 *
 * @module
 */
import type { Severity } from "../../core/diagnostic.js";
import { checkRule } from "../rules.js";
import type { FileResult } from "./file-result.js";

/** The tool's identity in a SARIF log. */
export interface ToolInfo {
  readonly name: string;
  readonly version: string;
}

const LEVEL: Readonly<Record<Severity, "error" | "warning" | "note">> = { error: "error", warning: "warning", info: "note" };

function isAbsoluteUri(s: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(s);
}

/** A file path as a SARIF artifact URI (relative, `/`-separated, percent-encoded). */
function artifactUri(path: string): string {
  return path
    .replace(/\\/g, "/")
    .split("/")
    .map((p) => encodeURIComponent(p))
    .join("/");
}

/**
 * Renders results as a SARIF 2.1.0 log (a JSON string).
 *
 * @example
 * ```ts
 * JSON.parse(formatSarif(results, { name: "dockerfile-check", version: "0.1.0" })).version; // "2.1.0"
 * ```
 */
export function formatSarif(results: readonly FileResult[], tool: ToolInfo): string {
  const ids = [...new Set(results.flatMap((r) => r.findings.map((f) => f.ruleId)))].sort();
  const index = new Map(ids.map((id, k) => [id, k]));
  const rules = ids.map((id) => {
    const rule = checkRule(id);
    const docs = rule?.docs ?? "";
    return {
      id,
      name: id,
      shortDescription: { text: rule?.title ?? id },
      ...(isAbsoluteUri(docs) ? { helpUri: docs } : {}),
      help: { text: `${rule?.title ?? id}. See ${docs === "" ? "the documentation" : docs}.` },
      defaultConfiguration: { level: LEVEL[rule?.defaultSeverity ?? "warning"] },
      properties: { namespace: rule?.namespace ?? "dockerfile-semantics", ...(docs !== "" && !isAbsoluteUri(docs) ? { docs } : {}) },
    };
  });
  const out = results.flatMap((r) =>
    r.findings.map((f) => ({
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId)!,
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: artifactUri(r.path) },
            region: { startLine: f.lines.start, endLine: f.lines.end, ...(f.columns === undefined ? {} : { startColumn: f.columns.start, endColumn: Math.max(f.columns.end, f.columns.start + 1) }) },
          },
        },
      ],
    })),
  );
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: tool.name, version: tool.version, informationUri: "https://www.npmjs.com/package/dockerfile-semantics", rules } },
        results: out,
        artifacts: results.map((r) => ({ location: { uri: artifactUri(r.path) } })),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + "\n";
}
