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
 * This module is the driver: it walks the Dockerfile once, in BuildKit's order, and calls each rule's
 * module (`rules/`, one per rule, listed in `rules/index.ts`) where BuildKit runs that rule; a stage's
 * instructions are dispatched by `dispatch-stage.ts`.
 *
 * @module
 */
import { expandWord } from "../../expand/index.js";
import { automaticArgs, type Platform } from "../../evaluate/global-args.js";
import { readDockerignore } from "../../fs/context/dockerignore.js";
import { PatternMatcher } from "../../fs/context/pattern-matcher.js";
import { mountSources, mountValues } from "../../parse/run-mount.js";
import type { ArgInstruction } from "../../parse/instruction.js";
import { parseDockerfile } from "../../parse/parse-dockerfile.js";
import { DEFAULT_CHECK_OPTIONS, parseCheckOptions } from "./check-options.js";
import { Env, fromWords, lineSpanOfRange, Reporter, spanOf, type DockerCheckInputOptions, type DockerCheckResult, type LineSpan, type Stage, type StageState } from "./check-state.js";
import { dispatchStage } from "./dispatch-stage.js";
import { finishCheck } from "./finish-check.js";
import { onbuildTriggers } from "./onbuild-triggers.js";
import { parsePlatform, type ParsedPlatform } from "./platform.js";
import * as rules from "./rules/index.js";
import { checkStageDependencies } from "./stage-dependencies.js";
import { imageOf, initialState, metaArgValues } from "./stage-inputs.js";

export type { DockerCheckInputOptions, DockerCheckResult, DockerWarning, LineSpan, UndecidedCheck } from "./check-state.js";

const DEFAULT_PLATFORM: Platform = { os: "linux", architecture: "amd64" };

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
  rules.checkNoEmptyContinuation(out, parsed);

  // instructions.Parse: typed instructions and the checks made while typing them.
  const comments = rules.descriptionComments(parsed);
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
        rules.checkMaintainerDeprecated(out, lines);
        break;
      case "FROM": {
        const words = fromWords(i);
        rules.checkStageNameCasing(out, words, lines);
        rules.checkFromAsCasing(out, i, words, lines);
        const name = i.stageName?.value.toLowerCase() ?? "";
        if (name !== "") rules.checkDefinitionDescription(out, "FROM", [name], prev, lines);
        break;
      }
      case "ARG":
        rules.checkDefinitionDescription(out, "ARG", i.args.map((a) => a.name.value), prev, lines);
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
    rules.checkReservedStageName(out, s);
    rules.checkDuplicateStageName(out, s, seen);
  }
  rules.checkConsistentInstructionCasing(out, stages);

  const escape = parsed.escape;
  const platform = options.platform ?? DEFAULT_PLATFORM;
  const buildArgs = new Map(Object.entries(options.buildArgs ?? {}));
  const target = stages[stages.length - 1]!.name;
  const automatic = new Map<string, string>(automaticArgs(platform, target));
  for (const [k, v] of buildArgs) if (automatic.has(k)) automatic.set(k, v);

  // validateBaseImagesWithDefaultArgs: base names with the ARG defaults only.
  const defaults = metaArgValues(metaArgs, automatic, new Map(), escape);
  if (defaults !== null) rules.checkInvalidDefaultArgInFrom(out, stages, defaults, escape);
  const globals = metaArgValues(metaArgs, automatic, buildArgs, escape);
  if (globals === null) return finishCheck(out, opts.value, text, options);
  const declared = new Set<string>([...metaArgs.flatMap((a) => a.args.map((d) => d.name.value)), ...globals.keys()]);

  // The FROM line of every stage: undeclared ARGs, redundant or constant --platform.
  const bases: (string | null)[] = [];
  const fromPlatforms: (ParsedPlatform | null)[] = [];
  for (const s of stages) {
    const lines = spanOf(s.from);
    const base = expandWord(s.from.image.value, (n) => globals.get(n), { escape });
    rules.checkUndefinedArgInFrom(out, s.from.image.value, globals, declared, escape, lines);
    if (!base.ok || base.value === "") return finishCheck(out, opts.value, text, options);
    bases.push(base.value);
    fromPlatforms.push(null);
    if (s.from.platform !== null) {
      const p = expandWord(s.from.platform, (n) => globals.get(n), { escape });
      rules.checkUndefinedArgInFrom(out, s.from.platform, globals, declared, escape, lines);
      if (!p.ok) return finishCheck(out, opts.value, text, options);
      if (p.value === "") return stop(`empty platform value from expression ${s.from.platform}`, lines);
      const parsedPlatform = parsePlatform(p.value);
      if (parsedPlatform === undefined) return stop(`failed to parse platform ${s.from.platform}`, lines);
      fromPlatforms[fromPlatforms.length - 1] = parsedPlatform;
      const expansion = { written: s.from.platform, value: p.value, references: p.references };
      rules.checkRedundantTargetPlatform(out, expansion, globals, lines);
      rules.checkFromPlatformFlagConstDisallowed(out, expansion, parsedPlatform, s.name, lines);
    }
  }

  // Base images: InvalidBaseImagePlatform while resolving them (a stage FROM a stage, or scratch, is not checked).
  const states: StageState[] = [];
  const byName = new Map<string, StageState>();
  const resolved: (StageState | null)[] = [];
  const checkPlatform = (name: string, fromPlatform: ParsedPlatform | null, lines: LineSpan): void => rules.reportBaseImagePlatform(out, name, imageOf(name, options.resolver), fromPlatform, platform, lines);
  stages.forEach((s) => {
    const parent = byName.get(bases[resolved.length]!);
    resolved.push(parent ?? null);
    const placeholder: StageState = { name: s.name, env: new Env(), buildArgs: [], shell: false, shellKnown: true, workdirSet: false, workdir: "/" };
    if (s.name !== "") byName.set(s.name, placeholder);
    states.push(placeholder);
  });
  // validateCircularDependency comes before any base image is resolved.
  const deps = checkStageDependencies(stages, byName, states);
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
          rules.reportMountedImagePlatform(out, from, imageOf(from, options.resolver), platform, spanOf(i));
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
  return finishCheck(out, opts.value, text, options);
}

