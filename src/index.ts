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
 * lintDockerfile(sim).map((f) => f.code); // ["lint/pid1-is-shell"]
 * ```
 *
 * @module
 */

// Top level
export { simulate, type Simulation, type SimulateOptions } from "./simulate.js";
export { toJsonReport, type JsonReport, type JsonHistoryEntry, type JsonRun, type JsonImage, type JsonUnknown } from "./report/json-report.js";
export { configUnknowns, runUnknowns, argvDependsOn, describeUnknowns, unknownCommandHeadline, type UnknownDependency } from "./report/unknown-dependencies.js";

// Pipeline phases
export { parseDockerfile, type ParsedDockerfile, type ParsedLine } from "./parse/parse-dockerfile.js";
export { evaluateDockerfile, type BuildOptions, type Evaluation, type StageResult } from "./evaluate/evaluate-dockerfile.js";
export { stateOf, type InstructionStep, type RecordedState, type StageSnapshot } from "./evaluate/instruction-steps.js";
export type { PlannedStage, StagePlan } from "./evaluate/stage-plan.js";
export { resolveRun, mergeEnv, type RunOptions, type RunResolution, type ArgvWord } from "./run/resolve-run.js";
export { explainRun, type Explanation, type ExplainedField } from "./explain/explain-run.js";
export { describeOrigin } from "./provenance/describe-origin.js";
export { renderExplanation, renderFinding, PLAIN, type TextStyle } from "./explain/render-text.js";
export { explainField, parseFieldQuery, FIELD_NAMES, type FieldName, type FieldAnswer, type FieldProvenance } from "./explain/explain-field.js";
export { renderFieldAnswer } from "./explain/render-field.js";
export { describeTraced } from "./provenance/describe-traced.js";
export { matrixCellOf, type MatrixCell, type EntrypointSide, type CmdSide } from "./explain/matrix-cell.js";
export { commandFormOf, type CommandForm } from "./provenance/command-form.js";

// Trap warnings
export { lintDockerfile, type LintOptions } from "./lint/lint-dockerfile.js";
export { RULES } from "./lint/rules/index.js";
export type { LintCode, LintFinding } from "./lint/finding.js";
export type { LintRule, LintContext, LintStage } from "./lint/rule.js";

// Interactive sessions (the REPL's pure interpreter; the readline shell is in dockerfile-semantics/node)
export { interpret, loadSource } from "./session/interpret.js";
export { completeLine } from "./session/complete.js";
export { initialSession, simulationOf, type SessionState, type SessionSource } from "./session/state.js";
export { COMMANDS, type SessionCommand, type SessionStep, type SessionEffect } from "./session/commands.js";
export { variablesAt, type VariablesAt } from "./session/variables-at.js";

// Model
export type { Instruction, InstructionOf, CommandLine, Token, Flag, KeyValue, ArgDefinition } from "./parse/instruction.js";
export { KEYWORDS, toKeyword, type Keyword } from "./parse/keywords.js";
export type { Directive } from "./parse/directives.js";
export { toInspectConfig, type TracedConfig, type TracedEntry, type InspectConfig, type HealthConfig } from "./image/config.js";
export { exposedPortEntries, exposedPortKeys, type TracedPortSpan, type TracedPortRange, type TracedPortKey } from "./image/exposed-ports.js";
export { viaStages, type Origin, type Traced, type InstructionSite, type Via } from "./image/origin.js";
export { countLayers, historyList, historyEntries, type HistoryEntry, type HistoryList } from "./image/history.js";
export { SCRATCH, IMAGE_SOURCES, mapResolver, chainResolvers, imageFromInspect, unknownImage, repoTagsOf, type BaseImage, type BaseImageResolver, type ImageSource } from "./image/base-image.js";
export { describeImageSource, explainImages, type ExplainedImage } from "./explain/describe-image-source.js";
export type { StageBase } from "./evaluate/stage-state.js";
export type { DeclaredArg, DeclaredArgsScope, StateEnvScope, VariableInForce, VariableScope, VariableKind } from "./evaluate/variables.js";
export type { Platform } from "./evaluate/global-args.js";

// Files: the build context, archives, and each stage's virtual filesystem
export type { BuildContext, ContextEntry } from "./fs/context-types.js";
export { memoryContext, FilteredContext, type TreeDescription, type TreeValue, type ContextOptions } from "./fs/context/memory-context.js";
export { detectArchive, readArchive, ARCHIVE_READER, type ArchiveDetection, type ArchiveListing, type ArchiveReader } from "./fs/archive/index.js";
export { Vfs, type VfsNode, type FileNode, type DirNode, type SymlinkNode, type UnknownNode, type Lookup } from "./fs/vfs/tree.js";
export { listFiles, type FileEntry, type FileListing } from "./fs/vfs/list-tree.js";
export type { ImageFiles, ImageFileEntry } from "./image/base-image-files.js";
export type { ContextOption } from "./evaluate/stage-files.js";
export { fetchDownloads } from "./fetch-downloads.js";
export { resolveImages, imageRefsOf, type ImageLoader } from "./resolve-images.js";
export { fetchUrls, fetchUrl, type FetchLike, type FetchUrlsOptions } from "./fs/download/fetch-urls.js";
export { resolveDownload, DOWNLOADED_FILE_MODE, type Download, type Downloads, type DownloadOutcome, type DownloadFailurePhase } from "./fs/download/download.js";
export { buildkitDownloadName, classicDownloadName, goUrlPath, UNNAMED_DOWNLOAD } from "./fs/download/download-name.js";
export { dispositionFileName, parseDispositionParams } from "./fs/download/content-disposition.js";

// Vocabulary
export { BUILDERS, type Builder } from "./core/builder.js";
export { DEFAULT_BUDGETS, budgetsOf, budgetMessage, WorkMeter, workTotal, type Budgets, type BudgetName, type BudgetHit, type WorkCount } from "./core/budget.js";
export { diagnosticFamily, isKnownDivergence, KNOWN_DIVERGENCES } from "./core/diagnostic.js";
export type { Diagnostic, DiagnosticCode, DiagnosticFamily, Severity, BuildFailure, BuildFailureCode, Notice, NoticeCode, KnownDivergence, KnownDivergenceId } from "./core/diagnostic.js";
export { rangeOf, type Position, type Range } from "./core/range.js";

// Docker's own formats and expansion
export { expandWord, expandWords, splitWords, type EscapeToken, type Expansion, type VariableLookup } from "./expand/index.js";
export { parseImageReference, parseExposedPorts, parseStopSignal, parseGoDuration, formatGoDuration, type ImageReference } from "./docker/index.js";

// Docker's own build checks (`docker build --check`), computed without a daemon
export { checkDocker, DOCKER_RULES, dockerRule, parseCheckOptions, type DockerCheckResult, type DockerCheckInputOptions, type DockerWarning, type DockerRule, type DockerRuleName, type DockerCheckOptions, type UndecidedCheck, type LineSpan } from "./check/index.js";
