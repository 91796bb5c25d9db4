import type { Range } from "../core/range.js";
import type { StageResult } from "../evaluate/evaluate-dockerfile.js";
import type { ArgInstruction, FromInstruction, Instruction } from "../parse/instruction.js";
import type { ParsedDockerfile } from "../parse/parse-dockerfile.js";
import type { SimulateOptions, Simulation } from "../simulate.js";
import type { LintCode, LintFinding } from "./finding.js";

/** A stage as written, with its evaluated result when the build evaluated it. */
export interface LintStage {
  readonly index: number;
  /** The `AS` name, lower-cased, or null. */
  readonly name: string | null;
  /** The name, or the index as a string (as provenance labels stages). */
  readonly label: string;
  readonly from: FromInstruction | null;
  readonly instructions: readonly Instruction[];
  /** The evaluated stage; undefined when the builder did not build it (not needed by the target). */
  readonly result: StageResult | undefined;
}

/** What every rule gets to look at. */
export interface LintContext {
  readonly sim: Simulation;
  /** The options the simulation ran with (needed to re-run it with the other builder). */
  readonly options: SimulateOptions;
  readonly parsed: ParsedDockerfile;
  /** The ARGs before the first FROM. */
  readonly globalArgs: readonly ArgInstruction[];
  readonly stages: readonly LintStage[];
  /** The stage that was built. */
  readonly target: LintStage | null;
  /** The same build simulated with the other builder (computed once, on first use). */
  readonly otherBuilder: () => Simulation;
}

/** One trap rule: a stable code, a default severity, a one-line title, and the check. */
export interface LintRule {
  readonly code: LintCode;
  readonly severity: LintFinding["severity"];
  readonly title: string;
  readonly check: (ctx: LintContext) => readonly LintFinding[];
}

/** Builds a finding of a rule, with the rule's severity unless another is given. */
export function findingOf(rule: Pick<LintRule, "code" | "severity">, message: string, range: Range | null, extra: { severity?: LintFinding["severity"]; pending?: string } = {}): LintFinding {
  const f: LintFinding = { code: rule.code, severity: extra.severity ?? rule.severity, message, range };
  return extra.pending === undefined ? f : { ...f, pending: extra.pending };
}
