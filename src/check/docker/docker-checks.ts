/**
 * Docker's own build checks (`docker build --check`, `docker buildx build --call=check`) as Docker
 * Engine 28.5 runs them, computed from the parsed Dockerfile without a daemon.
 *
 * The order and conditions follow the Dockerfile frontend of BuildKit v0.25.2 (moby v28.5.2's vendor):
 * `frontend/dockerfile/parser/parser.go` (empty continuation lines, description comments),
 * `frontend/dockerfile/instructions/parse.go` (MaintainerDeprecated, StageNameCasing, FromAsCasing,
 * InvalidDefinitionDescription while typing instructions), then
 * `frontend/dockerfile/dockerfile2llb/convert.go` `toDispatchState`: stage names, instruction casing,
 * base names with default ARGs, each FROM's ARGs and `--platform`, and each stage's instructions in
 * order (UndefinedVar while expanding words, then the instruction's own checks), with every stage
 * dispatched since a check has no target (`AllStages`). `convert_expose.go` gives the EXPOSE rules.
 *
 * What the checks need from outside the Dockerfile: build arguments, the base images' environment and
 * SHELL (UndefinedVar, JSONArgsRecommended), the base images' platform (InvalidBaseImagePlatform) and the
 * `.dockerignore` patterns (CopyIgnoredFile). A fact that is not supplied leaves the finding undecided,
 * listed in {@link DockerCheckResult.undecided}, never guessed.
 *
 * @module
 */
import { suggestClosest } from "../../core/suggest.js";
import { goClean } from "../../docker/go-path.js";
import { goQuote } from "../../docker/go-quote.js";
import { parseImageReference } from "../../docker/image-reference.js";
import { parseStopSignal } from "../../docker/signal.js";
import { splitHeredocSources } from "../../evaluate/apply/heredoc-sources.js";
import { expandHeredocBody, expandWord, expandWords, findReferences, type EscapeToken, type HeredocWord } from "../../expand/index.js";
import { automaticArgs, type Platform } from "../../evaluate/global-args.js";
import { DEFAULT_PATH } from "../../evaluate/initial-config.js";
import { readDockerignore } from "../../fs/context/dockerignore.js";
import { PatternMatcher } from "../../fs/context/pattern-matcher.js";
import type { BaseImageResolver } from "../../image/base-image.js";
import type { ArgInstruction, FromInstruction, Instruction } from "../../parse/instruction.js";
import { chompHeredocContent } from "../../parse/heredoc.js";
import { parseDockerfile, type ParsedDockerfile } from "../../parse/parse-dockerfile.js";
import { simulate, type Simulation } from "../../simulate.js";
import { DEFAULT_CHECK_OPTIONS, parseCheckOptions, ruleEnabled, type DockerCheckOptions } from "./check-options.js";
import { checkBaseImagePlatform } from "./base-image-platform.js";
import { parsePlatform, type ParsedPlatform } from "./platform.js";
import { onbuildTriggers } from "./onbuild-triggers.js";
import { expandRunMount, mountSources, mountValues, type RunMount } from "../../parse/run-mount.js";
import { DETAIL, dockerRule, type DockerRuleName } from "./rule-table.js";

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

const DEFAULT_PLATFORM: Platform = { os: "linux", architecture: "amd64" };
// Build arguments that never reach the environment (convert.go nonEnvArgs).
const NON_ENV_ARGS = new Set(["BUILDKIT_SBOM_SCAN_CONTEXT", "BUILDKIT_SBOM_SCAN_STAGE"]);
const RESERVED_STAGE_NAMES = new Set(["context", "scratch"]);
const SECRET = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
const SECRET_ALLOWED = /(?:_|^)(?:public)(?:_|$)/i;

/** A stage's variables in the order BuildKit's EnvList lists keys (a key set again moves to the end). */
class Env {
  private readonly map: Map<string, string>;
  /** Whether variables beyond these may exist (an unknown base image). */
  readonly open: boolean;
  constructor(entries: Iterable<[string, string]> = [], open = false) {
    this.map = new Map(entries);
    this.open = open;
  }
  get(name: string): string | undefined {
    return this.map.get(name);
  }
  set(name: string, value: string): void {
    this.map.delete(name);
    this.map.set(name, value);
  }
  keys(): string[] {
    return [...this.map.keys()];
  }
  clone(): Env {
    return new Env(this.map, this.open);
  }
}

interface StageState {
  readonly name: string;
  env: Env;
  buildArgs: string[];
  shell: boolean;
  shellKnown: boolean;
  workdirSet: boolean;
  /** The working directory (for `RUN --mount` targets), `null` when unknown (an unknown base image). */
  workdir: string | null;
}

interface Stage {
  readonly from: FromInstruction;
  readonly name: string;
  readonly instructions: Instruction[];
}

class Reporter {
  readonly warnings: DockerWarning[] = [];
  readonly undecided: UndecidedCheck[] = [];
  constructor(readonly options: DockerCheckOptions) {}
  report(rule: DockerRuleName, detail: string, lines: LineSpan): void {
    const r = dockerRule(rule)!;
    if (ruleEnabled(this.options, r)) this.warnings.push({ rule, detail, lines });
  }
  undecide(rule: DockerRuleName, lines: LineSpan, reason: string): void {
    const r = dockerRule(rule)!;
    if (ruleEnabled(this.options, r)) this.undecided.push({ rule, lines, reason });
  }
}

// An instruction's lines as Docker's location gives them: with heredocs, up to the last terminator line.
function spanOf(i: Instruction): LineSpan {
  const heredocs = i.keyword === "RUN" || i.keyword === "COPY" || i.keyword === "ADD" ? i.heredocs : [];
  const end = heredocs.length > 0 ? Math.max(i.range.end.line, heredocs[heredocs.length - 1]!.range.end.line) : i.range.end.line;
  return { start: i.range.start.line + 1, end: end + 1 };
}

function isSelfConsistent(s: string): boolean {
  return s === s.toLowerCase() || s === s.toUpperCase();
}

/**
 * Runs Docker 28.5's checks on a Dockerfile.
 *
 * @example
 * ```ts
 * checkDocker("FROM scratch\nMAINTAINER me\n").warnings;
 * // [{ rule: "MaintainerDeprecated", detail: "Maintainer instruction is deprecated in favor of using label", lines: { start: 2, end: 2 } }]
 * ```
 */
export function checkDocker(text: string, options: DockerCheckInputOptions = {}): DockerCheckResult {
  const parsed = options.parsed ?? parseDockerfile(text);
  const directive = parsed.directives.find((d) => d.name === "check");
  const optionText = options.checkOptions ?? directive?.value ?? "";
  const opts = parseCheckOptions(optionText);
  if (!opts.ok) {
    return { warnings: [], undecided: [], options: DEFAULT_CHECK_OPTIONS, error: { message: `failed to parse check options: ${opts.error}`, lines: null } };
  }
  const out = new Reporter(opts.value);
  const stop = (message: string, lines: LineSpan | null): DockerCheckResult => ({ warnings: out.warnings, undecided: out.undecided, options: opts.value, error: { message, lines } });

  if (text.length === 0) return stop("the Dockerfile cannot be empty", null);
  if (parsed.directiveError !== null) return stop(parsed.directiveError.message, lineSpanOfRange(parsed.directiveError.range));
  for (const e of parsed.entries) {
    if (!e.ok && e.failures.some((f) => f.phase === 1)) return stop(e.failures.find((f) => f.phase === 1)!.message, lineSpanOfRange(e.range));
  }
  if (parsed.entries.length === 0) return stop("file with no instructions", null);

  // parser.Parse: empty continuation lines, reported at the last line of their instruction.
  for (const r of parsed.emptyContinuations) out.report("NoEmptyContinuation", DETAIL.NoEmptyContinuation(), { start: r.end.line + 1, end: r.end.line + 1 });

  // instructions.Parse: typed instructions and the checks made while typing them.
  const comments = descriptionComments(parsed);
  const metaArgs: ArgInstruction[] = [];
  const stages: Stage[] = [];
  for (let k = 0; k < parsed.entries.length; k++) {
    const e = parsed.entries[k]!;
    if (!e.ok) return stop(e.failures[0]!.message, lineSpanOfRange(e.range));
    const i = e.instruction;
    const lines = spanOf(i);
    const prev = comments.get(i.range.start.line) ?? [];
    switch (i.keyword) {
      case "MAINTAINER":
        out.report("MaintainerDeprecated", DETAIL.MaintainerDeprecated(), lines);
        break;
      case "FROM": {
        const words = fromWords(i);
        if (words.length === 3 && words[2] !== words[2]!.toLowerCase()) out.report("StageNameCasing", DETAIL.StageNameCasing(words[2]!), lines);
        if (words.length >= 3 && isSelfConsistent(i.keywordText)) {
          const wantLower = i.keywordText === i.keywordText.toLowerCase();
          const as = words[1]!;
          if (as !== (wantLower ? as.toLowerCase() : as.toUpperCase())) out.report("FromAsCasing", DETAIL.FromAsCasing(i.keywordText, as), lines);
        }
        const name = i.stageName?.value.toLowerCase() ?? "";
        if (name !== "") describedAs(out, "FROM", [name], prev, lines);
        break;
      }
      case "ARG":
        describedAs(out, "ARG", i.args.map((a) => a.name.value), prev, lines);
        break;
      default:
        break;
    }
    if (i.keyword === "FROM") stages.push({ from: i, name: i.stageName?.value.toLowerCase() ?? "", instructions: [] });
    else if (stages.length === 0) {
      if (i.keyword === "ARG") metaArgs.push(i);
      else return stop("no build stage in current context", lines);
    } else stages[stages.length - 1]!.instructions.push(i);
  }
  if (stages.length === 0) return stop("dockerfile contains no stages to build", null);

  // validateStageNames, validateCommandCasing.
  const seen = new Set<string>();
  for (const s of stages) {
    if (s.name === "") continue;
    if (RESERVED_STAGE_NAMES.has(s.name)) out.report("ReservedStageName", DETAIL.ReservedStageName(s.name), spanOf(s.from));
    if (seen.has(s.name)) out.report("DuplicateStageName", DETAIL.DuplicateStageName(s.name), spanOf(s.from));
    seen.add(s.name);
  }
  checkCasing(out, stages);

  const escape = parsed.escape;
  const platform = options.platform ?? DEFAULT_PLATFORM;
  const buildArgs = new Map(Object.entries(options.buildArgs ?? {}));
  const target = stages[stages.length - 1]!.name;
  const automatic = new Map<string, string>(automaticArgs(platform, target));
  for (const [k, v] of buildArgs) if (automatic.has(k)) automatic.set(k, v);

  // validateBaseImagesWithDefaultArgs: base names with the ARG defaults only.
  const defaults = metaArgValues(metaArgs, automatic, new Map(), escape);
  if (defaults !== null) {
    for (const s of stages) {
      const r = expandWord(s.from.image.value, (n) => defaults.get(n), { escape });
      if (!r.ok) break;
      if (!parseImageReference(r.value).ok) out.report("InvalidDefaultArgInFrom", DETAIL.InvalidDefaultArgInFrom(s.from.image.value), spanOf(s.from));
    }
  }
  const globals = metaArgValues(metaArgs, automatic, buildArgs, escape);
  if (globals === null) return finish(out, opts.value, text, options);
  const declared = new Set<string>([...metaArgs.flatMap((a) => a.args.map((d) => d.name.value)), ...globals.keys()]);

  // The FROM line of every stage: undeclared ARGs, redundant or constant --platform.
  const bases: (string | null)[] = [];
  const fromPlatforms: (ParsedPlatform | null)[] = [];
  for (const s of stages) {
    const lines = spanOf(s.from);
    const base = expandWord(s.from.image.value, (n) => globals.get(n), { escape });
    undeclaredInFrom(out, s.from.image.value, globals, declared, escape, lines);
    if (!base.ok || base.value === "") return finish(out, opts.value, text, options);
    bases.push(base.value);
    fromPlatforms.push(null);
    if (s.from.platform !== null) {
      const p = expandWord(s.from.platform, (n) => globals.get(n), { escape });
      undeclaredInFrom(out, s.from.platform, globals, declared, escape, lines);
      if (!p.ok) return finish(out, opts.value, text, options);
      if (p.value === "") return stop(`empty platform value from expression ${s.from.platform}`, lines);
      const parsedPlatform = parsePlatform(p.value);
      if (parsedPlatform === undefined) return stop(`failed to parse platform ${s.from.platform}`, lines);
      fromPlatforms[fromPlatforms.length - 1] = parsedPlatform;
      const matched = new Set(p.references.filter((r) => r.set).map((r) => r.name));
      const unmatched = new Set(p.references.filter((r) => !r.set).map((r) => r.name));
      if (matched.size === 1 && unmatched.size === 0 && matched.has("TARGETPLATFORM") && p.value === globals.get("TARGETPLATFORM")) {
        out.report("RedundantTargetPlatform", DETAIL.RedundantTargetPlatform(s.from.platform), lines);
      }
      if (matched.size === 0 && unmatched.size === 0) {
        if (!s.name.includes(parsedPlatform.os) && !s.name.includes(parsedPlatform.architecture)) {
          out.report("FromPlatformFlagConstDisallowed", DETAIL.FromPlatformFlagConstDisallowed(p.value), lines);
        }
      }
    }
  }

  // Base images: InvalidBaseImagePlatform while resolving them (a stage FROM a stage, or scratch, is not checked).
  const states: StageState[] = [];
  const byName = new Map<string, StageState>();
  const resolved: (StageState | null)[] = [];
  const checkPlatform = (name: string, fromPlatform: ParsedPlatform | null, lines: LineSpan): void => {
    const verdict = checkBaseImagePlatform(name, imageOf(name, options.resolver), fromPlatform, platform);
    if (verdict.kind === "warning") out.report("InvalidBaseImagePlatform", verdict.detail, lines);
    else if (verdict.kind === "undecided") out.undecide("InvalidBaseImagePlatform", lines, verdict.reason);
  };
  stages.forEach((s) => {
    const parent = byName.get(bases[resolved.length]!);
    resolved.push(parent ?? null);
    const placeholder: StageState = { name: s.name, env: new Env(), buildArgs: [], shell: false, shellKnown: true, workdirSet: false, workdir: "/" };
    if (s.name !== "") byName.set(s.name, placeholder);
    states.push(placeholder);
  });
  // validateCircularDependency comes before any base image is resolved.
  const deps = copyDependencies(stages, byName, states);
  if (!deps.ok) return stop(deps.message, deps.lines);
  stages.forEach((s, k) => {
    if (resolved[k] === null && bases[k] !== "scratch") checkPlatform(bases[k]!, fromPlatforms[k]!, spanOf(s.from));
  });
  // An image named by `COPY --from` is resolved like a base (toCommand: an unregistered stage at the COPY's
  // location) for the target platform. An image named by `RUN --mount=from=` is too, but Docker reports it
  // without a location (detectRunMount gives the stage none), which a finding here cannot carry: undecided.
  for (const s of stages) {
    for (const i of s.instructions) {
      if (i.keyword === "RUN") {
        for (const from of mountSources(mountValues(i.flags))) {
          if (byName.has(from.toLowerCase()) || from === "scratch") continue;
          const verdict = checkBaseImagePlatform(from, imageOf(from, options.resolver), null, platform);
          if (verdict.kind !== "ok") out.undecide("InvalidBaseImagePlatform", spanOf(i), verdict.kind === "warning" ? `Docker reports this without a location: ${verdict.detail}` : verdict.reason);
        }
      }
      if (i.keyword !== "COPY" || i.from === null || /^[+-]?\d+$/.test(i.from) || byName.has(i.from.toLowerCase()) || i.from === "scratch") continue;
      checkPlatform(i.from, null, spanOf(i));
    }
  }

  const dockerignore = options.dockerignore === undefined ? undefined : options.dockerignore === null ? null : PatternMatcher.create(readDockerignore(options.dockerignore));
  const ignore = dockerignore === undefined ? undefined : dockerignore === null || !dockerignore.ok ? null : dockerignore.matcher;

  const dispatched = new Set<number>();
  const sourceOf = (from: string): number | undefined => {
    if (/^[+-]?\d+$/.test(from)) return Number(from);
    const target = byName.get(from.toLowerCase());
    return target === undefined ? undefined : states.indexOf(target);
  };
  const stageIndex = (name: string): number | undefined => {
    const t = byName.get(name.toLowerCase());
    return t === undefined ? undefined : states.indexOf(t);
  };
  const triggers = onbuildTriggers(
    stages.map((s, k) => {
      const parent = resolved[k] ?? null;
      return { from: s.from, instructions: s.instructions, parent: parent === null ? null : states.indexOf(parent), image: parent === null && bases[k] !== "scratch" ? imageOf(bases[k]!, options.resolver) : undefined };
    }),
    stageIndex,
  );
  if (!triggers.ok) return stop(triggers.message, spanOf(stages[triggers.stage]!.from));
  for (let k = 0; k < stages.length; k++) {
    const st = states[k]!;
    initialState(st, resolved[k] ?? null, bases[k]!, options.resolver);
    const stage = stages[k]!;
    const failed = dispatchStage(out, { ...stage, instructions: [...triggers.triggers[k]!, ...stage.instructions] }, st, { escape, buildArgs, globals, ignore, dispatched, sourceOf, index: k });
    dispatched.add(k);
    if (failed !== null) return stop(failed.message, failed.lines);
  }
  return finish(out, opts.value, text, options);
}

// toCommand and validateCircularDependency: the stages COPY --from and RUN --mount name (a name is looked up among all
// stages, the last of a duplicated name winning; an index must exist) and no stage depending on itself.
function copyDependencies(stages: readonly Stage[], byName: ReadonlyMap<string, StageState>, states: readonly StageState[]): { ok: true } | { ok: false; message: string; lines: LineSpan | null } {
  const edges: { to: number; lines: LineSpan }[][] = stages.map(() => []);
  for (let k = 0; k < stages.length; k++) {
    for (const i of stages[k]!.instructions) {
      // A RUN depends on the stages its mounts name (a mount without `from` names `scratch`).
      if (i.keyword === "RUN") {
        for (const from of mountSources(mountValues(i.flags))) {
          const target = byName.get(from.toLowerCase());
          if (target !== undefined) edges[k]!.push({ to: states.indexOf(target), lines: spanOf(i) });
        }
      }
      if (i.keyword !== "COPY" || i.from === null) continue;
      let to: number | undefined;
      if (/^[+-]?\d+$/.test(i.from)) {
        const n = Number(i.from);
        if (n < 0 || n >= stages.length) return { ok: false, message: `invalid stage index ${n}`, lines: spanOf(i) };
        to = n;
      } else {
        const target = byName.get(i.from.toLowerCase());
        to = target === undefined ? undefined : states.indexOf(target);
      }
      if (to !== undefined) edges[k]!.push({ to, lines: spanOf(i) });
    }
  }
  const visited = new Set<number>();
  const onPath = new Set<number>();
  const visit = (k: number): LineSpan | null => {
    if (visited.has(k)) return null;
    visited.add(k);
    onPath.add(k);
    for (const e of edges[k]!) {
      if (onPath.has(e.to)) return e.lines;
      const found = visit(e.to);
      if (found !== null) return found;
    }
    onPath.delete(k);
    return null;
  };
  for (let k = 0; k < stages.length; k++) {
    const at = visit(k);
    if (at !== null) return { ok: false, message: `circular dependency detected on stage: ${stages[k]!.name === "" ? `stage-${k}` : stages[k]!.name}`, lines: at };
  }
  return { ok: true };
}

function lineSpanOfRange(r: { readonly start: { readonly line: number }; readonly end: { readonly line: number } }): LineSpan {
  return { start: r.start.line + 1, end: r.end.line + 1 };
}

// The error the check run stops at, from the simulation (BuildKit), cutting the findings made after it.
function finish(out: Reporter, options: DockerCheckOptions, text: string, input: DockerCheckInputOptions): DockerCheckResult {
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

// FROM's words as BuildKit's parser splits them (flags removed): image [AS name].
function fromWords(i: FromInstruction): string[] {
  return i.argsText.split(/[ \t]+/).filter((w) => w !== "");
}

// The description comments before each instruction (parser.go: consecutive comment lines, reset by an
// empty `#` comment or an instruction; parser directives are not comments), by 0-based start line.
function descriptionComments(parsed: ParsedDockerfile): Map<number, string[]> {
  const starts = new Map<number, number>();
  for (const e of parsed.entries) starts.set(e.logical.startLine, e.logical.endLine);
  const directiveLines = new Set(parsed.directives.map((d) => d.range.start.line));
  const out = new Map<number, string[]>();
  let comments: string[] = [];
  for (let n = 0; n < parsed.lines.length; n++) {
    const line = parsed.lines[n]!;
    const end = starts.get(n);
    if (end !== undefined) {
      out.set(n, comments);
      comments = [];
      n = end;
      continue;
    }
    const trimmed = line.replace(/^[ \t\r\n\f\v]+/, "");
    if (trimmed.startsWith("#") && !directiveLines.has(n)) {
      const c = line.replace(/^[ \t]*/, "").slice(1).trim();
      comments = c === "" ? [] : [...comments, c];
    }
  }
  return out;
}

function describedAs(out: Reporter, instruction: "FROM" | "ARG", keys: readonly string[], comments: readonly string[], lines: LineSpan): void {
  if (comments.length === 0 || keys.length === 0) return;
  const first = comments[comments.length - 1]!.split(" ")[0]!;
  if (keys.includes(first)) return;
  out.report("InvalidDefinitionDescription", DETAIL.InvalidDefinitionDescription(instruction, keys.length > 1 ? "<arg_key>" : keys[0]!), lines);
}

function checkCasing(out: Reporter, stages: readonly Stage[]): void {
  let lower = 0;
  let upper = 0;
  const names = stages.flatMap((s) => [s.from, ...s.instructions]);
  for (const i of names) {
    if (!isSelfConsistent(i.keywordText)) continue;
    if (i.keywordText === i.keywordText.toLowerCase()) lower++;
    else upper++;
  }
  const majorityLower = lower > upper;
  for (const i of names) {
    const name = i.keywordText;
    const casing = majorityLower && name.toLowerCase() !== name ? "lowercase" : !majorityLower && name.toUpperCase() !== name ? "uppercase" : null;
    if (casing !== null) out.report("ConsistentInstructionCasing", DETAIL.ConsistentInstructionCasing(name, casing), spanOf(i));
  }
}

// buildMetaArgs: the global ARG values (null when a default fails to expand).
function metaArgValues(metaArgs: readonly ArgInstruction[], automatic: ReadonlyMap<string, string>, buildArgs: ReadonlyMap<string, string>, escape: EscapeToken): Map<string, string> | null {
  const values = new Map(automatic);
  for (const a of metaArgs) {
    for (const d of a.args) {
      const key = d.name.value;
      const given = buildArgs.get(key);
      let value: string | undefined = given;
      if (given === undefined && d.defaultValue !== null) {
        const r = expandWord(d.defaultValue.value, (n) => values.get(n), { escape });
        if (!r.ok) return null;
        value = r.value;
      }
      if (value !== undefined) {
        values.delete(key);
        values.set(key, value);
      }
    }
  }
  return values;
}

function undeclaredInFrom(out: Reporter, word: string, globals: ReadonlyMap<string, string>, declared: ReadonlySet<string>, escape: EscapeToken, lines: LineSpan): void {
  const unmatched = new Set(findReferences(word, { escape }, (n) => globals.get(n)).filter((r) => !r.set).map((r) => r.name));
  for (const name of unmatched) {
    if (declared.has(name)) continue;
    out.report("UndefinedArgInFrom", DETAIL.UndefinedArgInFrom(name, suggestClosest(name, [...declared], true)), lines);
  }
}

function imageOf(name: string, resolver: BaseImageResolver | undefined) {
  const ref = parseImageReference(name);
  if (!ref.ok || resolver === undefined) return undefined;
  const image = resolver.resolve(ref.value.normalized);
  return image === undefined || !image.known ? undefined : image;
}

function initialState(st: StageState, parent: StageState | null, baseName: string, resolver: BaseImageResolver | undefined): void {
  if (parent !== null) {
    st.env = parent.env.clone();
    st.buildArgs = [...parent.buildArgs];
    st.shell = parent.shell;
    st.shellKnown = parent.shellKnown;
    st.workdirSet = parent.workdirSet;
    st.workdir = parent.workdir;
    return;
  }
  if (baseName === "scratch") {
    st.env = new Env([["PATH", DEFAULT_PATH]]);
    return;
  }
  const image = imageOf(baseName, resolver);
  if (image === undefined) {
    st.env = new Env([["PATH", DEFAULT_PATH]], true);
    st.shellKnown = false;
    st.workdir = null;
    return;
  }
  const env = new Env();
  for (const e of image.config.Env ?? []) {
    const eq = e.indexOf("=");
    env.set(eq < 0 ? e : e.slice(0, eq), eq < 0 ? "" : e.slice(eq + 1));
  }
  if (env.get("PATH") === undefined) env.set("PATH", DEFAULT_PATH);
  st.env = env;
  st.shell = (image.config.Shell ?? []).length > 0;
  st.workdir = image.config.WorkingDir ? goClean(`/${image.config.WorkingDir}`) : "/";
}

interface DispatchInputs {
  readonly escape: EscapeToken;
  readonly buildArgs: ReadonlyMap<string, string>;
  readonly globals: ReadonlyMap<string, string>;
  /** `.dockerignore` matcher; `null`: nothing is ignored; `undefined`: unknown. */
  readonly ignore: PatternMatcher | null | undefined;
  /** Stages dispatched before this one, and the stage a COPY --from value names (`undefined`: an image). */
  readonly dispatched?: ReadonlySet<number>;
  readonly sourceOf: (from: string) => number | undefined;
  readonly index: number;
}

/** A build error met while dispatching, which ends the check run. */
interface DispatchError {
  readonly message: string;
  readonly lines: LineSpan;
}

function dispatchStage(out: Reporter, s: Stage, st: StageState, inputs: DispatchInputs): DispatchError | null {
  const { escape } = inputs;
  const used: Partial<Record<"CMD" | "ENTRYPOINT" | "HEALTHCHECK", LineSpan>> = {};
  // One expansion, as BuildKit's expander: reports the variables it found unset (less the stage's ARGs).
  const expandOrNull = (i: Instruction, word: string): string | null => {
    const env = st.env;
    const r = expandWord(word, (n) => env.get(n), { escape });
    const refs = r.ok ? r.references : findReferences(word, { escape }, (n) => env.get(n));
    unsetVariables(out, i, refs, st);
    return r.ok ? r.value : null;
  };
  const expand = (i: Instruction, word: string): string => expandOrNull(i, word) ?? "";
  const usedOnce = (i: Instruction & { keyword: "CMD" | "ENTRYPOINT" | "HEALTHCHECK" }): void => {
    const before = used[i.keyword];
    if (before !== undefined) out.report("MultipleInstructionsDisallowed", DETAIL.MultipleInstructionsDisallowed(i.keywordText), before);
    used[i.keyword] = spanOf(i);
  };
  for (const i of s.instructions) {
    const lines = spanOf(i);
    switch (i.keyword) {
      case "ENV": {
        const pairs = i.pairs.map((p) => ({ key: expand(i, p.key.value), value: expand(i, p.value.value), legacy: p.legacy }));
        for (const p of pairs) {
          if (p.legacy) out.report("LegacyKeyValueFormat", DETAIL.LegacyKeyValueFormat(i.keywordText), lines);
          secretKey(out, "ENV", p.key, lines);
          st.env.set(p.key, p.value);
        }
        break;
      }
      case "LABEL":
        for (const p of i.pairs) {
          expand(i, p.key.value);
          expand(i, p.value.value);
        }
        for (const p of i.pairs) if (p.legacy) out.report("LegacyKeyValueFormat", DETAIL.LegacyKeyValueFormat(i.keywordText), lines);
        break;
      case "CMD":
      case "ENTRYPOINT":
        usedOnce(i);
        if (i.command.form === "shell") {
          if (!st.shellKnown) out.undecide("JSONArgsRecommended", lines, "the base image's SHELL is unknown");
          else if (!st.shell) out.report("JSONArgsRecommended", DETAIL.JSONArgsRecommended(i.keywordText), lines);
        }
        break;
      case "HEALTHCHECK":
        usedOnce(i);
        break;
      case "RUN": {
        // RunCommand.Expand: every --mount value, field by field; then dispatchRunMounts: a stage to mount
        // from must be dispatched, and the target of a bind, cache or tmpfs mount must not be the root.
        const mounts: RunMount[] = [];
        for (const value of mountValues(i.flags)) {
          const mount = expandRunMount(value, (w) => expandOrNull(i, w));
          if (!mount.ok) return { message: mount.error, lines };
          mounts.push(mount.mount);
        }
        for (const m of mounts) {
          // A cache mount without `from` mounts from `scratch` (a stage of that name, if there is one).
          const from = m.from === "" && m.type === "cache" ? "scratch" : m.from;
          if (from !== "" && !/^[+-]?\d+$/.test(from) && inputs.dispatched !== undefined) {
            const source = inputs.sourceOf(from);
            if (source !== undefined && !inputs.dispatched.has(source)) return { message: `cannot mount from stage ${goQuote(from)} to ${goQuote(m.target)}, stage needs to be defined before current command`, lines };
          }
          if (m.type === "secret" || m.type === "ssh") continue; // their targets are not checked here
          const target = m.target.startsWith("/") || st.workdir === null ? m.target : goClean(`/${st.workdir}/${m.target}`);
          if (target === "/") return { message: `invalid mount target "/"`, lines };
        }
        break;
      }
      case "SHELL":
        st.shell = i.shell.length > 0;
        st.shellKnown = true;
        break;
      case "WORKDIR": {
        const path = expand(i, i.path.value);
        if (!st.workdirSet && !path.startsWith("/")) out.report("WorkdirRelativePath", DETAIL.WorkdirRelativePath(path), lines);
        st.workdirSet = true;
        st.workdir = path.startsWith("/") ? goClean(path) : st.workdir === null ? null : goClean(`${st.workdir}/${path}`);
        break;
      }
      case "USER":
        expand(i, i.user.value);
        break;
      case "STOPSIGNAL": {
        const signal = parseStopSignal(expand(i, i.signal.value));
        if (!signal.ok) return { message: signal.error, lines };
        break;
      }
      case "VOLUME":
        for (const p of i.paths) {
          if (expand(i, p.value) === "") return { message: "VOLUME specified can not be an empty string", lines };
        }
        break;
      case "EXPOSE":
        for (const p of i.ports) {
          const words = expandWords(p.value, (n) => st.env.get(n), { escape });
          if (!words.ok) return { message: words.error, lines };
          for (const w of words.words) {
            const failure = exposeChecks(out, w, lines);
            if (failure !== null) return { message: failure, lines };
          }
        }
        break;
      case "ARG":
        for (const d of i.args) {
          const key = d.name.value;
          secretKey(out, "ARG", key, lines);
          let value = inputs.buildArgs.get(key);
          if (value === undefined && d.defaultValue === null) value = inputs.globals.get(key);
          else if (value === undefined && d.defaultValue !== null) value = expand(i, d.defaultValue.value);
          if (value !== undefined && !NON_ENV_ARGS.has(key)) st.env.set(key, value);
          st.buildArgs.push(key);
        }
        break;
      case "COPY":
      case "ADD": {
        if (i.chown !== null) expand(i, i.chown);
        if (i.chmod !== null) expand(i, i.chmod);
        if (i.keyword === "ADD" && i.checksum !== null) expand(i, i.checksum);
        const split = splitHeredocSources(i);
        const sources = split.paths.map((src) => expand(i, src.value));
        expand(i, i.destination.value);
        // ExpandRaw: the bodies of heredocs with an unquoted delimiter, with `\` as escape and quotes kept.
        for (const h of heredocBodies(i, split.heredocs)) {
          const r = expandHeredocBody(h, (n) => st.env.get(n));
          if (r.ok) unsetVariables(out, i, r.references, st);
        }
        const fromStage = i.keyword === "COPY" && i.from !== null;
        if (fromStage && inputs.dispatched !== undefined) {
          const source = inputs.sourceOf(i.from!);
          if (source !== undefined && !inputs.dispatched.has(source)) {
            return { message: `cannot copy from stage ${goQuote(i.from!)}, it needs to be defined before current stage ${goQuote(st.name === "" ? `stage-${inputs.index}` : st.name)}`, lines };
          }
        }
        if (!fromStage) copyIgnored(out, i.keyword === "ADD" ? "Add" : "Copy", sources, inputs.ignore, lines);
        break;
      }
      default:
        break;
    }
  }
  return null;
}

// The heredoc bodies a COPY/ADD expands (parseSourcesAndDest: the body of the heredoc of each source
// word's name, tabs stripped for `<<-`; only unquoted delimiters expand).
function heredocBodies(i: Instruction & { keyword: "COPY" | "ADD" }, words: readonly HeredocWord[]): string[] {
  const byName = new Map(i.heredocs.map((h) => [h.name, h.content] as const));
  return words.filter((w) => w.expand).map((w) => (w.chomp ? chompHeredocContent(byName.get(w.name) ?? "") : (byName.get(w.name) ?? "")));
}

function unsetVariables(out: Reporter, i: Instruction, refs: readonly { readonly name: string; readonly set: boolean }[], st: StageState): void {
  const unmatched = new Set(refs.filter((r) => !r.set).map((r) => r.name));
  for (const a of st.buildArgs) unmatched.delete(a);
  const options = st.env.keys();
  for (const name of unmatched) {
    if (NON_ENV_ARGS.has(name)) continue;
    if (st.env.open) out.undecide("UndefinedVar", spanOf(i), `$${name} may be set by the base image, whose config is unknown`);
    else out.report("UndefinedVar", DETAIL.UndefinedVar(name, suggestClosest(name, options, true)), spanOf(i));
  }
}

function secretKey(out: Reporter, instruction: "ARG" | "ENV", key: string, lines: LineSpan): void {
  if (SECRET.test(key) && !SECRET_ALLOWED.test(key)) out.report("SecretsUsedInArgOrEnv", DETAIL.SecretsUsedInArgOrEnv(instruction, key), lines);
}

// convert_expose.go parsePort: the two lint checks, and the error of a port whose protocol part is invalid.
function exposeChecks(out: Reporter, raw: string, lines: LineSpan): string | null {
  const parts = raw.split(":");
  const n = parts.length;
  const ip = n <= 2 ? "" : parts.slice(0, n - 2).join(":");
  const hostPort = n === 1 ? "" : parts[n - 2]!;
  const container = parts[n - 1]!;
  const slash = container.indexOf("/");
  const port = slash < 0 ? container : container.slice(0, slash);
  const proto = slash < 0 ? "" : container.slice(slash + 1);
  if (port === "") return `invalid port: ${goQuote(raw)}: no port specified`;
  if (!["", "tcp", "udp", "sctp"].includes(proto.toLowerCase())) return `invalid port: ${goQuote(raw)}: invalid proto: ${proto}`;
  if (proto !== proto.toLowerCase()) out.report("ExposeProtoCasing", DETAIL.ExposeProtoCasing(raw), lines);
  if (ip !== "" || hostPort !== "") out.report("ExposeInvalidFormat", DETAIL.ExposeInvalidFormat(raw), lines);
  // parsePortRange: the container port (and a host port) must be numbers or ranges in 0-65535.
  const range = (ports: string): [number, number] | null => {
    const dash = ports.indexOf("-");
    const start = dash < 0 ? ports : ports.slice(0, dash);
    const end = dash < 0 ? start : ports.slice(dash + 1);
    const num = (x: string): number | null => (/^[+-]?\d+$/.test(x) && Number(x) >= 0 && Number(x) <= 65535 ? Number(x) : null);
    const a = num(start);
    if (a === null) return null;
    if (dash < 0 || start === end) return [a, a];
    const b = num(end);
    return b === null || b < a ? null : [a, b];
  };
  const c = range(port);
  if (c === null) return `invalid containerPort: ${port}`;
  if (hostPort !== "") {
    const h = range(hostPort);
    if (h === null) return `invalid hostPort: ${hostPort}`;
    if (c[1] - c[0] !== h[1] - h[0] && c[1] !== c[0]) return `invalid ranges specified for container and host Ports: ${port} and ${hostPort}`;
  }
  return null;
}

function copyIgnored(out: Reporter, instruction: "Copy" | "Add", sources: readonly string[], ignore: PatternMatcher | null | undefined, lines: LineSpan): void {
  if (ignore === null) return;
  for (const src of sources) {
    if (/^https?:\/\//.test(src) || /^git@|\.git(#|$)/.test(src)) continue;
    if (ignore === undefined) {
      out.undecide("CopyIgnoredFile", lines, "the context's .dockerignore is unknown");
      continue;
    }
    if (ignore.matchesOrParentMatches(src)) out.report("CopyIgnoredFile", DETAIL.CopyIgnoredFile(instruction, src), lines);
  }
}
