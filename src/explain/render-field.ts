import type { FieldAnswer } from "./explain-field.js";
import { PLAIN, type TextStyle } from "./render-text.js";

/**
 * Renders the answer to "why FIELD" as text: each value, where it came from, what it replaced,
 * what `docker run` changes, and notes (form, ENTRYPOINT × CMD cell).
 *
 * @example
 * ```ts
 * const why = explainField(sim, "Env.PATH");
 * if (why.ok) process.stdout.write(renderFieldAnswer(why.value));
 * ```
 */
export function renderFieldAnswer(a: FieldAnswer, style: TextStyle = PLAIN): string {
  const out: string[] = [];
  const name = a.key === null ? a.field : `${a.field}.${a.key}`;
  if (a.entries.length === 0 && a.notes.length === 0 && a.run === null) out.push(`${name}: (none)`);
  for (const e of a.entries) {
    out.push(`${style.heading(e.key === null ? name : `${a.field}.${e.key}`)} = ${style.command(e.value)}`);
    out.push(`  ${e.why}`);
    for (const r of e.earlier) out.push(style.dim(`  replaced ${r.value}: ${r.why}`));
  }
  if (a.run !== null) out.push(`  ${style.warning(`at run time: ${a.run}`)}`);
  for (const n of a.notes) out.push(`  ${style.dim(n)}`);
  return out.join("\n") + "\n";
}
