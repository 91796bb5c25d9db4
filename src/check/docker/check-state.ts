/**
 * What the Docker check rules share while the driver (`docker-checks.ts`) walks a Dockerfile once:
 * the line spans findings carry, the reporter that honours `# check=skip=`, the parsed stages, and each
 * stage's state as BuildKit's dispatch keeps it (its environment, declared ARGs, SHELL, WORKDIR).
 *
 * @module
 */
import type { Platform } from "../../evaluate/global-args.js";
import type { BaseImageResolver } from "../../image/base-image.js";
import type { FromInstruction, Instruction } from "../../parse/instruction.js";
import type { ParsedDockerfile } from "../../parse/parse-dockerfile.js";
import type { Simulation } from "../../simulate.js";
import { ruleEnabled, type DockerCheckOptions } from "./check-options.js";
import { dockerRule, type DockerRuleName } from "./rule-table.js";

/** Lines of a finding, 1-based and inclusive, as Docker's JSON gives them. */
export interface LineSpan {
  readonly start: number;
  readonly end: number;
}

/** One finding of a Docker check rule. */
export interface DockerWarning {
  readonly rule: DockerRuleName;
  readonly detail: string;
  readonly lines: LineSpan;
}

/** A finding the checker cannot decide without a fact it was not given. */
export interface UndecidedCheck {
  readonly rule: DockerRuleName;
  readonly lines: LineSpan;
  readonly reason: string;
}

/** What `docker build --check` would report. */
export interface DockerCheckResult {
  /** Findings in the order Docker reports them. */
  readonly warnings: readonly DockerWarning[];
  /** The build error the check run would stop at (Docker reports the findings made before it), or `null`. */
  readonly error: { readonly message: string; readonly lines: LineSpan | null } | null;
  readonly undecided: readonly UndecidedCheck[];
  /** The check configuration in force (from `# check=` or {@link DockerCheckInputOptions.checkOptions}). */
  readonly options: DockerCheckOptions;
}

/** Facts and settings for {@link checkDocker}. */
export interface DockerCheckInputOptions {
  readonly buildArgs?: Readonly<Record<string, string>>;
  /**
   * The engine's own platform (default linux/amd64): a check run ignores the build's `--platform`, so this
   * is the target the checks expect (TARGETPLATFORM, InvalidBaseImagePlatform), and the platform the
   * resolver's images were looked up for.
   */
  readonly platform?: Platform;
  /** Base images (their `Env`, `Shell` and, when given, platform). */
  readonly resolver?: BaseImageResolver;
  /** The context's `.dockerignore` text; `null`: there is none; absent: unknown. */
  readonly dockerignore?: string | null;
  /** Replaces the `# check=` directive, as the `BUILDKIT_DOCKERFILE_CHECK` build argument does. */
  readonly checkOptions?: string;
  /** A parse of the same text, to avoid parsing twice. */
  readonly parsed?: ParsedDockerfile;
  /** A BuildKit simulation of the same text with the same options, to avoid simulating twice. */
  readonly simulation?: Simulation;
}

/** Collects the findings (and undecided ones) of the rules the check options enable, in report order. */
export class Reporter {
  readonly warnings: DockerWarning[] = [];
  readonly undecided: UndecidedCheck[] = [];
  constructor(readonly options: DockerCheckOptions) {}
  /** Records a finding of `rule`, unless the options skip the rule. */
  report(rule: DockerRuleName, detail: string, lines: LineSpan): void {
    const r = dockerRule(rule)!;
    if (ruleEnabled(this.options, r)) this.warnings.push({ rule, detail, lines });
  }
  /** Records that `rule` cannot be decided here (and why), unless the options skip the rule. */
  undecide(rule: DockerRuleName, lines: LineSpan, reason: string): void {
    const r = dockerRule(rule)!;
    if (ruleEnabled(this.options, r)) this.undecided.push({ rule, lines, reason });
  }
}

/** A stage as the checks see it: its FROM, lower-cased name ("" when unnamed) and instructions. */
export interface Stage {
  readonly from: FromInstruction;
  readonly name: string;
  readonly instructions: Instruction[];
}

/** A stage's variables in the order BuildKit's EnvList lists keys (a key set again moves to the end). */
export class Env {
  private readonly map: Map<string, string>;
  /** Whether variables beyond these may exist (an unknown base image). */
  readonly open: boolean;
  constructor(entries: Iterable<[string, string]> = [], open = false) {
    this.map = new Map(entries);
    this.open = open;
  }
  /** The value of `name`, if set. */
  get(name: string): string | undefined {
    return this.map.get(name);
  }
  /** Sets `name` (moving it to the end of the order). */
  set(name: string, value: string): void {
    this.map.delete(name);
    this.map.set(name, value);
  }
  /** The names, in BuildKit's order. */
  keys(): string[] {
    return [...this.map.keys()];
  }
  /** A copy (a stage built on this one starts from it). */
  clone(): Env {
    return new Env(this.map, this.open);
  }
}

/** A stage's state while its instructions are dispatched. */
export interface StageState {
  readonly name: string;
  env: Env;
  buildArgs: string[];
  shell: boolean;
  shellKnown: boolean;
  workdirSet: boolean;
  /** The working directory (for `RUN --mount` targets), `null` when unknown (an unknown base image). */
  workdir: string | null;
}

/** Build arguments that never reach the environment (convert.go `nonEnvArgs`). */
export const NON_ENV_ARGS: ReadonlySet<string> = new Set(["BUILDKIT_SBOM_SCAN_CONTEXT", "BUILDKIT_SBOM_SCAN_STAGE"]);

/** An instruction's lines as Docker's location gives them: with heredocs, up to the last terminator line. */
export function spanOf(i: Instruction): LineSpan {
  const heredocs = i.keyword === "RUN" || i.keyword === "COPY" || i.keyword === "ADD" ? i.heredocs : [];
  const end = heredocs.length > 0 ? Math.max(i.range.end.line, heredocs[heredocs.length - 1]!.range.end.line) : i.range.end.line;
  return { start: i.range.start.line + 1, end: end + 1 };
}

/** A 0-based range's lines as a 1-based {@link LineSpan}. */
export function lineSpanOfRange(r: { readonly start: { readonly line: number }; readonly end: { readonly line: number } }): LineSpan {
  return { start: r.start.line + 1, end: r.end.line + 1 };
}

/** Whether a word is all lower case or all upper case (mixed-case keywords count for neither side). */
export function isSelfConsistent(s: string): boolean {
  return s === s.toLowerCase() || s === s.toUpperCase();
}

/** FROM's words as BuildKit's parser splits them (flags removed): image [AS name]. */
export function fromWords(i: FromInstruction): string[] {
  return i.argsText.split(/[ \t]+/).filter((w) => w !== "");
}
