/**
 * BuildKit with the Dockerfile frontend built into Docker Engine 28.5 (BuildKit v0.25), the
 * default builder. Sources: moby/buildkit v0.25 `frontend/dockerfile/dockerfile2llb/convert.go`,
 * `solver/jobs.go`; each rule was verified by real builds on 28.5 (see docs/semantics).
 *
 * @module
 */
import { goQuote } from "../docker/go-quote.js";
import type { BuilderRules } from "./builder-rules.js";
import { BUILDKIT_COPY } from "./buildkit-copy.js";

/** BuildKit's rules. */
export const BUILDKIT: BuilderRules = {
  builder: "buildkit",

  // The whole Dockerfile is converted to LLB first, then the cache keys of the whole graph are
  // computed (solver/jobs.go `sharedOp.CacheMap` / `CalcSlowCache` run before `sharedOp.Exec`).
  keysGraphBeforeExecuting: true,
  // convert.go `resolveReachableStages`: every base name is parsed before any instruction is converted.
  checksStageGraphUpFront: true,

  emptyDockerfileMessage: () => "the Dockerfile cannot be empty",
  lineLevelParseMessage: (message) => message,
  noStagesMessage: "dockerfile contains no stages to build",
  suggestsTargetName: true,
  copyFailedPrefix: () => "",
  rootfsPath: (path) => path,

  syntaxDirectiveNote: (value) => `BuildKit would fetch and run the frontend ${value}; the simulation follows the Dockerfile frontend built into Docker 28.5 (BuildKit v0.25)`,
  readsCheckDirective: true,
  warnsEmptyContinuation: true,

  metadataCreatedBy: (text) => text,
  historyComment: "buildkit.dockerfile.v0",

  buildsOnlyNeededStages: true,
  fromMatchesStageNameLoosely: false,
  scratchAnyCase: false,
  failsOnDuplicateStageName: false,
  failsOnBadBaseNameAtDispatch: false,
  rejectsEmptyPlatform: false,
  emptyStageIsBaseImage: false,
  // `dispatchState.init`: a stage on a stage starts from the parent's LLB state (its env) and
  // appends the parent's buildArgs to its own (verified on 28.5.2: a valueless `ARG A` in the
  // parent gives the child's RUN `|1 A= …`).
  stageInheritsVariables: true,
  variableScope: "state-env",
  // The empty image's config (`dispatchState.init`: WorkingDir "/"); the base's Author is kept.
  scratchWorkdirIsRoot: true,
  inheritsAuthor: true,
  // Stages are vertices of one graph, solved concurrently.
  runsStagesConcurrently: true,

  // dockerfile2llb `dispatchWorkdir`: `llb.Mkdir(…, llb.WithParents(true), WithUser(user))` (verified
  // on 28.5: docs/semantics/copy-add.md §10).
  workdirNormalization: "NormalizeWorkdir",
  workdirIsFileOp: true,
  workdirOwnedByUser: true,
  workdirNotDirectoryMessage: (path) => `mkdir ${path}: not a directory`,

  // The context is transferred on demand (filesync), filtered by the include patterns of the build.
  sendsWholeContextFirst: false,
  // dockerui `DockerIgnoreFilename` beside the Dockerfile first (build/dockerui/config.go).
  readsDockerfileSpecificIgnore: true,
  failsOnUncompilableIgnorePattern: true,
  sendsDockerignoreAndDockerfile: false,
  // tonistiigi/fsutil walker.go `patternWithoutTrailingGlob`.
  ignoreExceptionPrefixWithoutTrailingGlob: true,
  tarOmitsParentOnlyDirectories: false,

  // convert.go `buildMetaArgs`: the automatic platform ARGs first; each default expanded with the
  // globals so far; a --build-arg replaces the default (which is then not expanded).
  automaticPlatformArgs: true,
  globalArgExpandsWholeInstruction: false,
  globalBuildArgSkipsDefault: true,
  proxyBuildArgsExpandInGlobalArgs: false,

  refusedRunFlagMessage: () => null,
  // The executor's error, wrapped by the exec op (solver/llbsolver/ops/exec.go).
  runFailureMessage: (commandLine, message) => `process ${goQuote(commandLine)} did not complete successfully: ${message}`,
  // The runc executor reports a process that could not start as an exit with code 1
  // (executor/runcexecutor), wrapped like any other failure.
  missingProgramMessage: (argv) => `process ${goQuote(argv.join(" "))} did not complete successfully: exit code: 1`,
  // dockerfile2llb.go `dispatchRun`: every RUN is an exec op, one layer, `RUN … # buildkit` in history.
  runAlwaysCommitsLayer: true,
  // runc's user lookup (`user.GetExecUser`) opens both files and fails when one is missing.
  missingUserDatabaseFails: true,
  readsRunMountSources: true,
  numericUserSkipsLookup: true,
  runsHeredocBodies: true,
  bareShellFormIsShellAlone: false,
  entrypointClearsArgsEscaped: false,
  // dockerfile2llb.go `dispatchExpose`: the history names the port keys (`EXPOSE %v` of the list).
  exposeHistoryListsPorts: true,
  onbuildWritesHistory: false,
  healthcheckZeroKeepsPrevious: false,
  cmdSetsArgsEscaped: true,
  emptyCmdCountsAsSet: true,

  copyFromErrorsWhilePlanning: true,
  copyFromNeedsEarlierStage: true,
  copyFromSeesEarlierStagesOnly: false,
  // convert.go `toCommand`: a `$` in --from is an error.
  rejectsVariablesInCopyFrom: true,
  copyFromValidatesImageReference: false,
  copyFromImagePullFailure: (from, normalized) => `${from}: failed to resolve source metadata for ${normalized}: <the pull's error>`,

  copy: BUILDKIT_COPY,
};
