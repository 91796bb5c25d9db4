import { parseCheckOptions } from "./check-options.js";
import { rangeOf, type Range } from "../core/range.js";
import type { EscapeToken } from "../expand/index.js";
import { leadingWhitespaceLength } from "./source-lines.js";

/** A parser directive at the top of the file (`# escape=\``, `# syntax=…`, `# check=…`). */
export interface Directive {
  /** Lower-cased name. */
  readonly name: "escape" | "syntax" | "check";
  readonly value: string;
  readonly range: Range;
}

/** What the directive scan found, and the first error a build would report about directives. */
export interface DirectiveScan {
  readonly directives: readonly Directive[];
  readonly escape: EscapeToken;
  /** Index of the first line that is not a directive. */
  readonly firstOtherLine: number;
  readonly error?: { readonly message: string; readonly line: number };
}

// BuildKit parser/directives.go: `^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$`, keys case-insensitive,
// and the scan stops for good at the first line that is not a known directive (a blank line included).
const DIRECTIVE = /^#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;
const KNOWN = new Set(["escape", "syntax", "check"]);

/**
 * Reads the parser directives at the top of a Dockerfile, exactly as BuildKit's `DirectiveParser`
 * does (Docker 28.5 vendors BuildKit v0.25): leading whitespace is ignored, a repeated directive
 * is an error, and `escape` must be `\` or a backtick.
 */
export function scanDirectives(lines: readonly string[]): DirectiveScan {
  const directives: Directive[] = [];
  let escape: EscapeToken = "\\";
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const indent = leadingWhitespaceLength(raw);
    const m = DIRECTIVE.exec(raw.slice(indent));
    const name = m?.[1]?.toLowerCase();
    if (m === null || name === undefined || !KNOWN.has(name)) {
      return { directives, escape, firstOtherLine: i };
    }
    if (directives.some((d) => d.name === name)) {
      return { directives, escape, firstOtherLine: i, error: { message: `only one ${name} parser directive can be used`, line: i } };
    }
    const value = m[2]!;
    if (name === "escape") {
      if (value !== "`" && value !== "\\") {
        return { directives, escape, firstOtherLine: i, error: { message: `invalid escape token '${value}' does not match \` or \\`, line: i } };
      }
      escape = value;
    }
    directives.push({ name: name as Directive["name"], value, range: rangeOf(i, indent, i, raw.length) });
  }
  return { directives, escape, firstOtherLine: lines.length };
}

/**
 * The error BuildKit reports for a `# check=` directive's value (BuildKit `linter.ParseLintOptions`),
 * without the `failed to parse check options: ` wrapper, or `null` when it is valid (see
 * {@link parseCheckOptions}). The classic builder ignores the value. Verified on Docker 28.5.2:
 * `bogus`, `foo=1`, `skip=all;` (empty option), `Error=true` and `error=maybe` all fail BuildKit with
 * the messages produced here, and `experimental=all` is accepted.
 */
export function checkDirectiveError(value: string): string | null {
  const r = parseCheckOptions(value);
  return r.ok ? null : r.error;
}
