import type { LintFinding } from "../finding.js";
import type { LintRule } from "../rule.js";
import { findingOf } from "../rule.js";

/** The simple commands of a shell text, split at `;`, `&&`, `||`, `|`, `&` and newlines (quotes respected). */
export function simpleCommands(text: string): string[] {
  const out: string[] = [];
  let current = "";
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote !== null) {
      if (ch === quote) quote = null;
      current += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      current += ch;
    } else if (ch === "\\") {
      current += ch + (text[i + 1] ?? "");
      i++;
    } else if (ch === ";" || ch === "\n" || ch === "|" || ch === "&") {
      out.push(current.trim());
      current = "";
    } else current += ch;
  }
  out.push(current.trim());
  return out.filter((c) => c !== "");
}

const EXPORT = /^export\s+([A-Za-z_][A-Za-z0-9_]*)/;

/**
 * Every RUN starts a new shell: `RUN export X=1` sets X for that shell only, not for later
 * instructions nor for the container. Reported when the RUN ends with an export (so nothing in it
 * uses the variable).
 */
export const runExportDoesNotPersist: LintRule = {
  code: "lint/run-export-does-not-persist",
  severity: "warning",
  title: "RUN export does not persist",
  check(ctx) {
    const out: LintFinding[] = [];
    for (const stage of ctx.stages) {
      for (const i of stage.instructions) {
        if (i.keyword !== "RUN" || i.command.form !== "shell") continue;
        const commands = [i.command.text, ...i.heredocs.map((h) => h.content)].flatMap(simpleCommands).filter((c) => !/^<</.test(c));
        const m = EXPORT.exec(commands[commands.length - 1] ?? "");
        if (m === null) continue;
        const name = m[1]!;
        out.push(findingOf(runExportDoesNotPersist, `RUN on line ${i.line} ends with "export ${name}…", which does not persist: each RUN is a new shell, so ${name} is gone in later instructions and in the container; use ENV ${name}=… (or ARG for a build-only value), or use it within the same RUN`, i.range));
      }
    }
    return out;
  },
};
