/**
 * The classic builder of Docker Engine 28.5 (`DOCKER_BUILDKIT=0`, "legacy builder"). Sources:
 * moby/moby v28.5.2 `builder/dockerfile/` (`builder.go`, `dispatchers.go`, `internals.go`,
 * `copy.go`); each rule was verified by real builds on 28.5 (see docs/semantics).
 *
 * @module
 */
import type { BuilderRules } from "./builder-rules.js";
import { LEGACY_COPY } from "./legacy-copy.js";
import { ROOTFS_PLACEHOLDER } from "./copy-rules.js";

/** What containerd and runc put before the runtime's error when a container's process cannot start. */
const RUNC_PREFIX = "failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ";

/** The classic builder's rules. */
export const LEGACY: BuilderRules = {
  builder: "legacy",

  // One instruction at a time: the first failing instruction stops the build.
  keysGraphBeforeExecuting: false,
  checksStageGraphUpFront: false,

  emptyDockerfileMessage: (name) => `the Dockerfile (${name}) cannot be empty`,
  // The daemon prefixes line-level parse errors (verified on 28.5).
  lineLevelParseMessage: (message) => `failed to parse Dockerfile: ${message}`,
  // The daemon panics on a Dockerfile without FROM and the CLI reports the cut stream (verified on 28.5).
  noStagesMessage: "unexpected EOF",
  // Only BuildKit adds a suggestion (verified on 28.5.2).
  suggestsTargetName: false,
  copyFailedPrefix: (keyword) => `${keyword} failed: `,
  rootfsPath: (path) => `${ROOTFS_PLACEHOLDER}${path}`,

  syntaxDirectiveNote: () => "the classic builder ignores the syntax directive",
  readsCheckDirective: false,
  warnsEmptyContinuation: false,

  // moby `withCmdComment`: `<shell> #(nop)  <text>` with the SHELL in force; WORKDIR with a
  // single space (`withCmdCommentString`).
  metadataCreatedBy: (text, shell, workdirStyle) => `${shell.join(" ")} #(nop)${workdirStyle ? " " : "  "}${text}`,
  historyComment: undefined,

  // Every stage up to the target is built, in file order.
  buildsOnlyNeededStages: false,
  fromMatchesStageNameLoosely: true,
  scratchAnyCase: true,
  failsOnDuplicateStageName: true,
  failsOnBadBaseNameAtDispatch: true,
  // No automatic platform ARGs, so `--platform=$BUILDPLATFORM` expands to "" and containerd's
  // platforms.Parse rejects it (verified on 28.5.2).
  rejectsEmptyPlatform: true,
  // builder.go: a stage's `imageID` is only replaced by a commit, so a stage that dispatches
  // nothing is its base's image (verified on 28.5.2: Author kept, same image ID; an empty target
  // on scratch fails with "No image was generated").
  emptyStageIsBaseImage: true,
  stageInheritsVariables: false,
  variableScope: "declared-args",
  // The empty image's WorkingDir is ""; builder.go writes only the stage's own MAINTAINER
  // (spec/regressions/legacy-author-not-inherited).
  scratchWorkdirIsRoot: false,
  inheritsAuthor: false,
  runsStagesConcurrently: false,

  // dispatchers.go `dispatchWorkdir` / `normalizeWorkdir`; the container's `MkdirAll` as root
  // (docs/semantics/copy-add.md §9.5, §10).
  workdirNormalization: "normalizeWorkdir",
  workdirIsFileOp: false,
  workdirOwnedByUser: false,
  workdirNotDirectoryMessage: (path) => `Cannot mkdir: ${path} is not a directory`,

  // The CLI tars the whole context (docker/cli `build.ValidateContextDirectory`) before the build.
  sendsWholeContextFirst: true,
  readsDockerfileSpecificIgnore: false,
  // The CLI ignores the walk's error and sends what it had walked.
  failsOnUncompilableIgnorePattern: false,
  // docker/cli `build.TrimBuildFilesFromExcludes` keeps them; the daemon's `removeDockerfile`
  // (moby builder/remotecontext/detect.go) deletes the excluded ones.
  sendsDockerignoreAndDockerfile: true,
  ignoreExceptionPrefixWithoutTrailingGlob: false,
  tarOmitsParentOnlyDirectories: true,

  // moby builder.go `processMetaArg`: `meta.Expand` of the whole instruction with the globals
  // before it (and the proxy build-args), then `AddMetaArg` per name, a nil value for a name
  // without one (verified on 28.5.2: `ARG A=hello A` leaves A without a value); a --build-arg
  // overrides the expanded default. No automatic platform ARGs.
  automaticPlatformArgs: false,
  globalArgExpandsWholeInstruction: true,
  globalBuildArgSkipsDefault: false,
  proxyBuildArgsExpandInGlobalArgs: true,

  refusedRunFlagMessage: (flag) => `the --${flag} option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled`,
  runFailureMessage: (_commandLine, message) => message,
  // The OCI runtime's error as containerd returns it (libcontainerd/remote/client.go wraps it as
  // `failed to create task for container`).
  missingProgramMessage: (_argv, runtimeError) => RUNC_PREFIX + runtimeError,
  // dispatchers.go `dispatchRun` commits through the container's changes (a layer only when files changed).
  runAlwaysCommitsLayer: false,
  // A missing file reads as an empty one.
  missingUserDatabaseFails: false,
  readsRunMountSources: false,
  numericUserSkipsLookup: false,
  // The classic parser keeps heredocs out of its RUN (dispatchers.go runs the command line).
  runsHeredocBodies: false,
  bareShellFormIsShellAlone: true,
  // dispatchers.go `dispatchEntrypoint` sets `ArgsEscaped = false` (Windows escaping only).
  entrypointClearsArgsEscaped: true,
  // dispatchers.go `expose`: the history is the instruction as written (`EXPOSE 80 81`).
  exposeHistoryListsPorts: false,
  // dispatchers.go `dispatchOnbuild` commits with `withCmdComment`.
  onbuildWritesHistory: true,
  // The config `merge` of the daemon (verified on 28.5: `HEALTHCHECK NONE` over a base check keeps its Interval).
  healthcheckZeroKeepsPrevious: true,
  cmdSetsArgsEscaped: false,
  // `CMD []` and a bare `CMD` do not count.
  emptyCmdCountsAsSet: false,

  copyFromErrorsWhilePlanning: false,
  copyFromNeedsEarlierStage: false,
  // Stage names are looked up among earlier stages only; anything else is pulled (verified on 28.5:
  // spec/fixtures/engine-28.5/copy-from-image.json).
  copyFromSeesEarlierStagesOnly: true,
  rejectsVariablesInCopyFrom: false,
  // moby `getImageMount` pulls the value and wraps the failure: `invalid from flag value …`.
  copyFromValidatesImageReference: true,
  copyFromImagePullFailure: (from) => `invalid from flag value ${from}: <the pull's error>`,

  copy: LEGACY_COPY,
};
