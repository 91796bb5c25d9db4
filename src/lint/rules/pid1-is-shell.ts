import { commandFormOf } from "../../provenance/command-form.js";
import type { Traced } from "../../image/origin.js";
import type { LintRule } from "../rule.js";
import { findingOf } from "../rule.js";
import { runUnknowns } from "../../report/unknown-dependencies.js";

const STARTS_WITH_EXEC = /^\s*exec\s/;

/**
 * When PID 1 is `/bin/sh -c TEXT`, `docker stop` sends SIGTERM to the shell, which does not pass
 * it on to the command; after the 10 s grace period the container is killed with SIGKILL. Some
 * shells exec a lone simple command themselves, so this is reported unless TEXT starts with
 * `exec`.
 */
export const pid1IsShell: LintRule = {
  code: "lint/pid1-is-shell",
  severity: "warning",
  title: "PID 1 is a shell: docker stop's SIGTERM does not reach the command",
  check(ctx) {
    const run = ctx.sim.run;
    const c = ctx.sim.stage?.config;
    if (run === null || !run.ok || c === undefined) return [];
    const first = run.argv[0]!;
    if (first.origin.kind === "run") return [];
    const traced: Traced<readonly string[] | null> = first.from === "entrypoint" ? c.Entrypoint : c.Cmd;
    const form = commandFormOf(ctx.sim.evaluation, traced);
    const text = form.form === "shell" ? form.text : form.form === "stored" && form.shellLike ? traced.value![2]! : null;
    if (text === null || STARTS_WITH_EXEC.test(text)) return [];
    const keyword = first.from === "entrypoint" ? "ENTRYPOINT" : "CMD";
    const o = traced.origin;
    const where = o.kind === "instruction" ? `the shell-form ${keyword} on line ${o.site.line}` : `the ${keyword} inherited as a shell command`;
    // An unknown base image may set an ENTRYPOINT that would be PID 1 instead: then this is only a condition.
    const unknownEntrypoint = first.from === "cmd" ? runUnknowns(ctx.sim).find((u) => u.field === "Entrypoint") : undefined;
    const condition = unknownEntrypoint === undefined ? "" : `if ${unknownEntrypoint.image} (unknown to the simulator) sets no ENTRYPOINT, `;
    const message = `${condition}PID 1 is ${run.path}, not ${JSON.stringify(text)} (${where}): docker stop's SIGTERM goes to the shell, which does not pass it on, so docker stop waits 10 s and then kills the container; use the exec form, or start the command with "exec"`;
    return [findingOf(pid1IsShell, message, o.kind === "instruction" ? o.site.range : null)];
  },
};
