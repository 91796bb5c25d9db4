/**
 * The end of a check run: the build error it stops at, from a BuildKit simulation of the same text
 * (the findings made after that error's lines are cut, except the rules reported before any stage is
 * dispatched), or, with `# check=error=true`, the lint error the findings make.
 *
 * @module
 */
import { simulate } from "../../simulate.js";
import { lineSpanOfRange, type DockerCheckInputOptions, type DockerCheckResult, type Reporter } from "./check-state.js";
import type { DockerCheckOptions } from "./check-options.js";
import type { DockerRuleName } from "./rule-table.js";

/** Ends a check run that got through every stage (or stopped before one for a reason the simulation gives). */
export function finishCheck(out: Reporter, options: DockerCheckOptions, text: string, input: DockerCheckInputOptions): DockerCheckResult {
  let warnings = out.warnings;
  let error: DockerCheckResult["error"] = null;
  const sim = input.simulation ?? simulate(text, { builder: "buildkit", buildArgs: input.buildArgs ?? {}, ...(input.resolver === undefined ? {} : { resolver: input.resolver }), ...(input.platform === undefined ? {} : { platform: input.platform }) });
  if (sim.error !== null && !SOLVE_TIME.has(sim.error.code)) {
    const at = sim.error.range === null ? null : lineSpanOfRange(sim.error.range);
    error = { message: sim.error.message, lines: at };
    if (at !== null) warnings = warnings.filter((w) => w.lines.start <= at.end || DISPATCH_ORDER_FREE.has(w.rule));
  } else if (options.error && warnings.length > 0) {
    error = { message: `lint violation found for rules: ${[...new Set(warnings.map((w) => w.rule))].join(", ")}`, lines: null };
  }
  return { warnings, undecided: out.undecided, options, error };
}

// Rules reported before any stage is dispatched: a dispatch error does not hide them.
const DISPATCH_ORDER_FREE: ReadonlySet<DockerRuleName> = new Set<DockerRuleName>([
  "NoEmptyContinuation",
  "MaintainerDeprecated",
  "StageNameCasing",
  "FromAsCasing",
  "InvalidDefinitionDescription",
  "ReservedStageName",
  "DuplicateStageName",
  "ConsistentInstructionCasing",
  "InvalidDefaultArgInFrom",
  "UndefinedArgInFrom",
  "RedundantTargetPlatform",
  "FromPlatformFlagConstDisallowed",
  "InvalidBaseImagePlatform",
]);

// Failures a real build meets only when it runs steps (solve time), which a check run never reaches.
const SOLVE_TIME: ReadonlySet<string> = new Set(["build/run", "build/user", "build/copy"]);
