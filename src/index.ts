/**
 * dockerfile-semantics: what Docker will do with a Dockerfile, without building it.
 *
 * The core is pure and browser-safe. The Node.js CLI and file loaders are in
 * `dockerfile-semantics/node`.
 *
 * @example
 * ```ts
 * import { simulate, toJsonReport } from "dockerfile-semantics";
 *
 * const sim = simulate('FROM scratch\nENTRYPOINT echo "$0"\nCMD ["x"]\n');
 * if (sim.run?.ok) console.log(sim.run.path, sim.run.args); // /bin/sh ["-c", "echo \"$0\"", "x"]
 * console.log(toJsonReport(sim).config?.Cmd); // ["x"]
 * ```
 *
 * @module
 */

// Top level
export { simulate, type Simulation, type SimulateOptions } from "./simulate.js";
export { toJsonReport, type JsonReport, type JsonHistoryEntry, type JsonRun } from "./report/json-report.js";

// Pipeline phases
export { parseDockerfile, type ParsedDockerfile, type ParsedLine } from "./parse/parse-dockerfile.js";
export { evaluateDockerfile, type BuildOptions, type Evaluation, type StageResult } from "./evaluate/evaluate-dockerfile.js";
export { resolveRun, mergeEnv, type RunOptions, type RunResolution, type ArgvWord } from "./run/resolve-run.js";
export { explainRun, type Explanation, type ExplainedField } from "./explain/explain-run.js";
export { describeOrigin } from "./explain/describe-origin.js";
export { renderExplanation, PLAIN, type TextStyle } from "./explain/render-text.js";

// Model
export type { Instruction, InstructionOf, CommandLine, Token, Flag, KeyValue, ArgDefinition } from "./parse/instruction.js";
export { KEYWORDS, toKeyword, type Keyword } from "./parse/keywords.js";
export type { Directive } from "./parse/directives.js";
export { toInspectConfig, type TracedConfig, type TracedEntry, type InspectConfig, type HealthConfig } from "./image/config.js";
export type { Origin, Traced, InstructionSite } from "./image/origin.js";
export { countLayers, type HistoryEntry } from "./image/history.js";
export { SCRATCH, mapResolver, chainResolvers, imageFromInspect, repoTagsOf, type BaseImage, type BaseImageResolver } from "./image/base-image.js";
export type { StageBase } from "./evaluate/stage-state.js";
export type { VariableInForce, VariableScope, VariableKind } from "./evaluate/variables.js";
export type { Platform } from "./evaluate/global-args.js";

// Vocabulary
export { BUILDERS, type Builder } from "./core/builder.js";
export type { Diagnostic, DiagnosticCode, Severity } from "./core/diagnostic.js";
export { rangeOf, type Position, type Range } from "./core/range.js";

// Docker's own formats and expansion
export { expandWord, expandWords, splitWords, type EscapeToken, type Expansion, type VariableLookup } from "./expand/index.js";
export { parseImageReference, parseExposedPorts, parseStopSignal, parseGoDuration, formatGoDuration, type ImageReference } from "./docker/index.js";
