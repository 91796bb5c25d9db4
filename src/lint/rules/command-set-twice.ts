import type { LintFinding } from "../finding.js";
import type { LintRule } from "../rule.js";
import { findingOf } from "../rule.js";

/** Only the last CMD and the last ENTRYPOINT of a stage count; the earlier ones do nothing. */
export const commandSetTwice: LintRule = {
  code: "lint/command-set-twice",
  severity: "warning",
  title: "CMD or ENTRYPOINT set more than once in a stage",
  check(ctx) {
    const out: LintFinding[] = [];
    for (const stage of ctx.stages) {
      for (const keyword of ["CMD", "ENTRYPOINT"] as const) {
        const all = stage.instructions.filter((i) => i.keyword === keyword);
        const last = all[all.length - 1];
        for (const i of all.slice(0, -1)) {
          out.push(findingOf(commandSetTwice, `${keyword} on line ${i.line} has no effect: ${keyword} on line ${last!.line} replaces it (only the last ${keyword} of stage ${JSON.stringify(stage.label)} counts)`, i.range));
        }
      }
    }
    return out;
  },
};
