/**
 * InvalidDefinitionDescription (experimental): the comment right above a named FROM or an ARG must
 * start with the stage's or argument's name (BuildKit v0.25.2 `frontend/dockerfile/parser/parser.go`
 * collects the comments, `instructions/parse.go` checks them).
 *
 * @module
 */
import type { ParsedDockerfile } from "../../../parse/parse-dockerfile.js";
import type { LineSpan, Reporter } from "../check-state.js";
import { DETAIL } from "../rule-table.js";

/**
 * The description comments before each instruction (parser.go: consecutive comment lines, reset by an
 * empty `#` comment or an instruction; parser directives are not comments), by 0-based start line.
 */
export function descriptionComments(parsed: ParsedDockerfile): Map<number, string[]> {
  const starts = new Map<number, number>();
  for (const e of parsed.entries) starts.set(e.logical.startLine, e.logical.endLine);
  const directiveLines = new Set(parsed.directives.map((d) => d.range.start.line));
  const out = new Map<number, string[]>();
  let comments: string[] = [];
  for (let n = 0; n < parsed.lines.length; n++) {
    const line = parsed.lines[n]!;
    const end = starts.get(n);
    if (end !== undefined) {
      out.set(n, comments);
      comments = [];
      n = end;
      continue;
    }
    const trimmed = line.replace(/^[ \t\r\n\f\v]+/, "");
    if (trimmed.startsWith("#") && !directiveLines.has(n)) {
      const c = line.replace(/^[ \t]*/, "").slice(1).trim();
      comments = c === "" ? [] : [...comments, c];
    }
  }
  return out;
}

/**
 * Checks the comments above a FROM (`keys`: its stage name) or an ARG (`keys`: the names it declares).
 *
 * @example
 * ```ts
 * checkDefinitionDescription(out, "ARG", ["VERSION"], ["the version to build"], lines); // reported
 * checkDefinitionDescription(out, "ARG", ["VERSION"], ["VERSION to build"], lines);     // fine
 * ```
 */
export function checkDefinitionDescription(out: Reporter, instruction: "FROM" | "ARG", keys: readonly string[], comments: readonly string[], lines: LineSpan): void {
  if (comments.length === 0 || keys.length === 0) return;
  const first = comments[comments.length - 1]!.split(" ")[0]!;
  if (keys.includes(first)) return;
  out.report("InvalidDefinitionDescription", DETAIL.InvalidDefinitionDescription(instruction, keys.length > 1 ? "<arg_key>" : keys[0]!), lines);
}
