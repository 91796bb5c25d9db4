import type { Instruction } from "../../parse/instruction.js";
import type { LintFinding } from "../finding.js";
import type { LintRule } from "../rule.js";
import { findingOf } from "../rule.js";

/** Why a text that starts with `[` is not a JSON array of strings. */
export function whyNotJson(text: string): string {
  const t = text.trim();
  for (let end = t.indexOf("]"); end >= 0; end = t.indexOf("]", end + 1)) {
    try {
      JSON.parse(t.slice(0, end + 1));
      if (end + 1 < t.length) return `it has text after the closing ]: ${JSON.stringify(t.slice(end + 1).trim())}`;
    } catch {
      // keep looking for a longer prefix
    }
  }
  if (t.includes("'")) return "it uses single quotes, and JSON needs double quotes";
  if (/,\s*\]/.test(t)) return "it has a trailing comma";
  return "it is not valid JSON";
}

function argumentText(i: Instruction): { text: string; effect: string } | null {
  switch (i.keyword) {
    case "RUN":
    case "CMD":
    case "ENTRYPOINT":
      return i.command.form === "shell" && i.command.looksLikeJson ? { text: i.command.text, effect: `so Docker runs it in shell form: /bin/sh -c ${JSON.stringify(i.command.text)}` } : null;
    case "VOLUME":
    case "COPY":
    case "ADD":
      return !i.json && i.argsText.trimStart().startsWith("[") ? { text: i.argsText, effect: "so Docker reads it as space-separated words, brackets and quotes included" } : null;
    case "HEALTHCHECK":
      return i.test[0] === "CMD-SHELL" && (i.test[1] ?? "").trimStart().startsWith("[") ? { text: i.test[1]!, effect: "so Docker runs it as a shell command (CMD-SHELL)" } : null;
    default:
      return null;
  }
}

/**
 * Exec form needs a strict JSON array of strings (Docker 28.5 uses `json.Unmarshal`): single
 * quotes, a trailing comma or any text after `]` silently fall back to shell form
 * (docs/semantics section A.1).
 */
export const jsonNotJson: LintRule = {
  code: "lint/json-not-json",
  severity: "warning",
  title: '"JSON" that is not JSON runs in shell form',
  check(ctx) {
    const out: LintFinding[] = [];
    for (const stage of ctx.stages) {
      for (const i of stage.instructions) {
        const a = argumentText(i);
        if (a === null) continue;
        out.push(findingOf(jsonNotJson, `${i.keyword} on line ${i.line} looks like JSON but is not (${whyNotJson(a.text)}), ${a.effect}`, i.argsRange));
      }
    }
    return out;
  },
};
