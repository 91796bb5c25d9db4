import type { LintFinding } from "../finding.js";
import type { LintRule } from "../rule.js";
import { findingOf } from "../rule.js";
import { rangeOfText } from "../source-range.js";
import { variableReferences } from "../variable-references.js";

/**
 * ENV expands every pair against the variables as they were *before* the instruction, then sets
 * them all (both builders, docs/semantics section C.2): in `ENV x=1 y=$x`, `y` does not get `1`.
 */
export const envReadsSameInstruction: LintRule = {
  code: "lint/env-reads-same-instruction",
  severity: "warning",
  title: "ENV reads a variable set earlier in the same instruction",
  check(ctx) {
    const out: LintFinding[] = [];
    for (const stage of ctx.stages) {
      for (const i of stage.instructions) {
        if (i.keyword !== "ENV") continue;
        const setBefore = new Map<string, number>();
        i.pairs.forEach((p, n) => {
          for (const ref of variableReferences(p.value.value, ctx.parsed.escape)) {
            if (!setBefore.has(ref.name)) continue;
            const message = `ENV on line ${i.line}: $${ref.name} in the value of ${p.key.value} reads ${ref.name} as it was before this ENV, not the value set just before it in the same instruction (ENV expands all its pairs first, then sets them); set ${ref.name} in an earlier ENV`;
            out.push(findingOf(envReadsSameInstruction, message, rangeOfText(ctx.parsed.lines, p.value.range, p.value.value.slice(ref.offset).match(/^\$\{?[A-Za-z0-9_]+/)![0])));
          }
          setBefore.set(p.key.value, n);
        });
      }
    }
    return out;
  },
};
