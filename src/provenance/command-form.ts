import type { Evaluation } from "../evaluate/evaluate-dockerfile.js";
import type { Traced } from "../image/origin.js";

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

/**
 * Classifies a traced Entrypoint or Cmd: how it was written, when the simulator can see it (read
 * from the value's provenance; the evaluation is not consulted, and stays a parameter for callers).
 *
 * @example
 * ```ts
 * const sim = simulate("FROM scratch\nENTRYPOINT python app.py\n");
 * commandFormOf(sim.evaluation, sim.stage!.config.Entrypoint); // { form: "shell", text: "python app.py" }
 * ```
 */
export function commandFormOf(_evaluation: Evaluation, traced: Traced<readonly string[] | null>): CommandForm {
  const v = traced.value;
  if (v === null || v.length === 0 || (v.length === 1 && v[0] === "")) return { form: "none" };
  const o = traced.origin;
  // The instruction's form is in its provenance (the evaluator records it; nothing is re-parsed).
  if (o.kind === "instruction" && o.site.form !== undefined) return o.site.form === "exec" ? { form: "exec" } : { form: "shell", text: v[v.length - 1]! };
  return { form: "stored", shellLike: looksLikeShellForm(v) };
}
