import shellQuote, { type ParseEntry } from "shell-quote";
import { commandFormOf } from "../../provenance/command-form.js";
import type { LintRule } from "../rule.js";
import { findingOf } from "../rule.js";

/** `$0`, `$1`…, `$@`, `$*`, `$#` (or braced): the author meant to read the arguments. */
const READS_ARGUMENTS = /\$\{?[0-9@*#]/;

/**
 * Suggests the exec form of a simple shell command, or null when it uses shell syntax (or syntax
 * shell-quote rejects, such as an unclosed `${`, which `/bin/sh` reports only when it runs).
 */
export function execFormOf(text: string): string | null {
  let words: ParseEntry[];
  try {
    words = shellQuote.parse(text, (name) => `$${name}`);
  } catch {
    return null;
  }
  if (words.length === 0 || words.some((w) => typeof w !== "string" || w.includes("$"))) return null;
  return JSON.stringify(words);
}

/**
 * A shell-form ENTRYPOINT runs `/bin/sh -c TEXT`: CMD and the `docker run` arguments are appended
 * after TEXT, where they become the shell's `$0`, `$1`…, and the command never sees them
 * (docs/semantics section H: `/bin/sh ["-c","echo e","a","b"]`). Not reported for a run with
 * `--entrypoint`, which does not use the image's ENTRYPOINT.
 */
export const shellEntrypointSwallowsArgs: LintRule = {
  code: "lint/shell-entrypoint-swallows-args",
  severity: "warning",
  title: "Shell-form ENTRYPOINT swallows CMD and docker run arguments",
  check(ctx) {
    const c = ctx.sim.stage?.config;
    // Warnings are about the run being explained: `docker run --entrypoint` replaces the ENTRYPOINT.
    if (c === undefined || ctx.sim.options.run?.entrypoint !== undefined) return [];
    const form = commandFormOf(ctx.sim.evaluation, c.Entrypoint);
    const text = form.form === "shell" ? form.text : form.form === "stored" && form.shellLike ? c.Entrypoint.value![2]! : null;
    if (text === null || READS_ARGUMENTS.test(text)) return [];
    const o = c.Entrypoint.origin;
    const shell = `${c.Entrypoint.value![0]} ${c.Entrypoint.value![1]}`;
    const cmd = c.Cmd.value !== null && c.Cmd.value.length > 0 ? `CMD ${JSON.stringify(c.Cmd.value)} and ` : "";
    const where = o.kind === "instruction" ? `ENTRYPOINT on line ${o.site.line} is in shell form` : o.kind === "base-image" ? `the ENTRYPOINT inherited from ${o.image} is a shell command` : "ENTRYPOINT is a shell command";
    const exec = execFormOf(text);
    const fix = exec === null ? 'use the exec form (a JSON array), or add "$@" to the shell command' : `write ENTRYPOINT ${exec} (exec form) to pass them`;
    const message = `${where}: ${cmd}docker run arguments become $0, $1… of ${shell}, so ${JSON.stringify(text)} never sees them; ${fix}`;
    return [findingOf(shellEntrypointSwallowsArgs, message, o.kind === "instruction" ? o.site.range : null)];
  },
};
