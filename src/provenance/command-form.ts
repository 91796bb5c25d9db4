import type { Evaluation } from "../evaluate/evaluate-dockerfile.js";
import type { Traced } from "../image/origin.js";
import type { CommandLine, Instruction } from "../parse/instruction.js";
import { parseDockerfile } from "../parse/parse-dockerfile.js";

/**
 * The form a command list (Entrypoint or Cmd) was written in.
 *
 * - `none`: unset or empty (nothing to run);
 * - `exec`: a JSON array, used verbatim;
 * - `shell`: shell form, stored as `SHELL + [text]`; `text` is what the shell runs;
 * - `stored`: from a base image, where only the stored list is known (`shellLike` when it looks
 *   like `/bin/sh -c TEXT`).
 */
export type CommandForm =
  | { readonly form: "none" }
  | { readonly form: "exec" }
  | { readonly form: "shell"; readonly text: string }
  | { readonly form: "stored"; readonly shellLike: boolean };

const SHELLS = /(^|\/)(sh|bash|dash|ash|zsh|ksh|mksh)$/;

/** Whether a stored list looks like what a shell-form instruction produces. */
export function looksLikeShellForm(value: readonly string[]): boolean {
  return value.length >= 3 && SHELLS.test(value[0]!) && value[1] === "-c";
}

/** The Dockerfile instruction a traced value came from, when it came from one. */
export function instructionOf(evaluation: Evaluation, traced: Traced<unknown>): Instruction | null {
  const o = traced.origin;
  if (o.kind !== "instruction" && o.kind !== "reset") return null;
  if (o.site.triggeredBy === undefined) {
    for (const e of evaluation.parsed.entries) {
      if (e.ok && e.instruction.line === o.site.line && e.instruction.keyword === o.site.keyword) return e.instruction;
    }
  }
  const reparsed = parseDockerfile(o.site.text).entries[0];
  return reparsed?.ok === true ? reparsed.instruction : null;
}

function commandOf(i: Instruction | null): CommandLine | null {
  return i !== null && (i.keyword === "CMD" || i.keyword === "ENTRYPOINT" || i.keyword === "RUN") ? i.command : null;
}

/**
 * Classifies a traced Entrypoint or Cmd: how it was written, when the simulator can see it.
 *
 * @example
 * ```ts
 * const sim = simulate("FROM scratch\nENTRYPOINT python app.py\n");
 * commandFormOf(sim.evaluation, sim.stage!.config.Entrypoint); // { form: "shell", text: "python app.py" }
 * ```
 */
export function commandFormOf(evaluation: Evaluation, traced: Traced<readonly string[] | null>): CommandForm {
  const v = traced.value;
  if (v === null || v.length === 0 || (v.length === 1 && v[0] === "")) return { form: "none" };
  if (traced.origin.kind === "instruction") {
    const c = commandOf(instructionOf(evaluation, traced));
    if (c !== null) return c.form === "exec" ? { form: "exec" } : { form: "shell", text: v[v.length - 1] ?? c.text };
  }
  return { form: "stored", shellLike: looksLikeShellForm(v) };
}
