import { rulesOf } from "../../builders/index.js";
import type { Instruction } from "../../parse/instruction.js";
import type { LintFinding } from "../finding.js";
import type { LintContext, LintRule, LintStage } from "../rule.js";
import { findingOf } from "../rule.js";
import { rangeOfText } from "../source-range.js";
import { variableReferences } from "../variable-references.js";

/** BuildKit's automatic platform ARGs: defined in the global scope only. */
const AUTOMATIC = ["TARGETPLATFORM", "TARGETOS", "TARGETARCH", "TARGETVARIANT", "BUILDPLATFORM", "BUILDOS", "BUILDARCH", "BUILDVARIANT"];

/** The texts of an instruction that the builder (or RUN's shell) expands with the build's variables. */
function expandedTexts(i: Instruction): string[] {
  switch (i.keyword) {
    case "RUN":
      return i.command.form === "shell" ? [i.command.text, ...i.heredocs.map((h) => h.content)] : [];
    case "ENV":
    case "LABEL":
      return i.pairs.flatMap((p) => [p.key.value, p.value.value]);
    case "ARG":
      return i.args.flatMap((a) => (a.defaultValue === null ? [] : [a.defaultValue.value]));
    case "COPY":
    case "ADD":
      // BuildKit expands a heredoc body whose delimiter is not quoted.
      return [...i.sources.map((s) => s.value), i.destination.value, i.chown ?? "", ...i.heredocs.filter((h) => h.expand).map((h) => h.content)];
    case "WORKDIR":
      return [i.path.value];
    case "USER":
      return [i.user.value];
    case "EXPOSE":
    case "VOLUME":
      return (i.keyword === "EXPOSE" ? i.ports : i.paths).map((t) => t.value);
    case "STOPSIGNAL":
      return [i.signal.value];
    // FROM expands with the global scope; CMD, ENTRYPOINT, HEALTHCHECK, SHELL run later, in the container.
    case "FROM":
    case "CMD":
    case "ENTRYPOINT":
    case "HEALTHCHECK":
    case "SHELL":
    case "MAINTAINER":
    case "ONBUILD":
      return [];
  }
}

/** The names a stage knows before its first instruction: ENV from its base, and (BuildKit) the ARGs of a parent stage. */
function inheritedNames(ctx: LintContext, stage: LintStage, seen = new Set<number>()): Set<string> {
  const names = new Set<string>();
  for (const e of stage.result?.config.Env ?? []) {
    if (e.origin.kind !== "instruction" || e.origin.site.stage !== stage.label) names.add(e.key);
  }
  const parentName = stage.from?.image.value.toLowerCase();
  const parent = ctx.stages.find((s) => s.index < stage.index && s.name !== null && s.name === parentName);
  if (parent !== undefined && !seen.has(parent.index)) {
    seen.add(parent.index);
    if (rulesOf(ctx.sim.evaluation.builder).stageInheritsVariables) {
      for (const i of parent.instructions) if (i.keyword === "ARG") for (const a of i.args) names.add(a.name.value);
    }
    for (const i of parent.instructions) if (i.keyword === "ENV") for (const p of i.pairs) names.add(p.key.value);
    for (const n of inheritedNames(ctx, parent, seen)) names.add(n);
  }
  return names;
}

/**
 * A global ARG (declared before the first FROM) is not visible inside a stage until the stage
 * declares it again with a bare `ARG NAME` (docs/semantics section C.3); BuildKit's automatic
 * platform ARGs likewise. Used without that, it expands to the empty string.
 */
export const globalArgNotRedeclared: LintRule = {
  code: "lint/global-arg-not-redeclared",
  severity: "warning",
  title: "Global ARG used in a stage without being redeclared",
  check(ctx) {
    const globals = new Map<string, number>();
    for (const a of ctx.globalArgs) for (const d of a.args) globals.set(d.name.value, a.line);
    const automatic = rulesOf(ctx.sim.evaluation.builder).automaticPlatformArgs ? AUTOMATIC.filter((n) => !globals.has(n)) : [];
    if (globals.size === 0 && automatic.length === 0) return [];
    const out: LintFinding[] = [];
    const escape = ctx.parsed.escape;
    for (const stage of ctx.stages) {
      const known = inheritedNames(ctx, stage);
      const reported = new Set<string>();
      for (const i of stage.instructions) {
        for (const text of expandedTexts(i)) {
          for (const ref of variableReferences(text, escape)) {
            const name = ref.name;
            if (known.has(name) || reported.has(name)) continue;
            const globalLine = globals.get(name);
            if (globalLine === undefined && !automatic.includes(name)) continue;
            reported.add(name);
            const what = globalLine === undefined ? `$${name} is an automatic platform ARG of the global scope` : `$${name} is a global ARG (line ${globalLine})`;
            const fromLine = stage.from?.line;
            const message = `${what}, but a stage does not see global ARGs: on line ${i.line} it expands to the empty string; add "ARG ${name}"${fromLine === undefined ? "" : ` after the FROM on line ${fromLine}`} to use it`;
            out.push(findingOf(globalArgNotRedeclared, message, rangeOfText(ctx.parsed.lines, i.range, text.slice(ref.offset).match(/^\$\{?[A-Za-z0-9_]+/)![0])));
          }
        }
        if (i.keyword === "ARG") for (const a of i.args) known.add(a.name.value);
        if (i.keyword === "ENV") for (const p of i.pairs) known.add(p.key.value);
      }
    }
    return out;
  },
};
