import { describeTraced } from "../../provenance/describe-traced.js";
import type { LintRule } from "../rule.js";
import { findingOf } from "../rule.js";

/**
 * An ENTRYPOINT clears the CMD inherited from the base image (or an earlier stage) unless a CMD
 * was set earlier in the same stage (docs/semantics section B): the base's default arguments are
 * gone.
 */
export const cmdResetByEntrypoint: LintRule = {
  code: "lint/cmd-reset-by-entrypoint",
  severity: "warning",
  title: "Inherited CMD cleared by ENTRYPOINT",
  check(ctx) {
    const cmd = ctx.sim.stage?.config.Cmd;
    if (cmd === undefined || cmd.origin.kind !== "reset") return [];
    const before = cmd.replaced?.value;
    if (before === null || before === undefined || before.length === 0) return [];
    const message = `${describeTraced("CMD", cmd)}; add a CMD after the ENTRYPOINT to keep default arguments`;
    return [findingOf(cmdResetByEntrypoint, message, cmd.origin.site.range)];
  },
};
