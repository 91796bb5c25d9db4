/**
 * What each builder of Docker Engine 28.5 does differently, behind one interface: the answer to
 * "what does the classic (legacy) builder do differently?" is `legacy.ts`, read top to bottom,
 * beside `buildkit.ts`. The pipeline asks {@link rulesOf} and never tests the builder's name
 * where a rule here says it.
 *
 * @module
 */
import type { Builder } from "../core/builder.js";
import type { CopyRules } from "./copy-rules.js";

/**
 * One builder's behaviour where the two differ: failure order, message wording, history text, the
 * stage graph, variables, and COPY/ADD. Every field is documented in terms of what the builder
 * does; the sources are cited in the builder modules.
 */
export interface BuilderRules {
  /** The builder these rules describe. */
  readonly builder: Builder;

  // ——— Failure order ———
  /**
   * Whether the builder converts the whole Dockerfile and computes the cache keys of the whole
   * graph (content checksums of COPY/ADD sources, downloads) before executing any step, so a
   * source "not found" in a later instruction is reported before an execution error of an earlier
   * one. Otherwise it stops at the first failing instruction.
   */
  readonly keysGraphBeforeExecuting: boolean;
  /** Whether invalid base names of every stage (built or not) fail before any instruction is converted. */
  readonly checksStageGraphUpFront: boolean;

  // ——— Messages ———
  /** The message of an empty Dockerfile. */
  emptyDockerfileMessage(dockerfileName: string): string;
  /** How a line-level parse error is worded (the classic builder's daemon adds a prefix). */
  lineLevelParseMessage(message: string): string;
  /** The failure when a Dockerfile has instructions but no stage. */
  readonly noStagesMessage: string;
  /** Whether `target stage … could not be found` suggests the closest stage name. */
  readonly suggestsTargetName: boolean;
  /** Whether COPY naming a URL source says `COPY failed: ` first. */
  copyFailedPrefix(keyword: string): string;
  /** A path of the container's rootfs as messages show it (the classic builder's daemon shows a host path). */
  rootfsPath(path: string): string;

  // ——— Directives ———
  /** What the builder does with `# syntax=`: a note for the user. */
  syntaxDirectiveNote(value: string): string;
  /** Whether `# check=` is validated (and a note given that the checks are not run). */
  readonly readsCheckDirective: boolean;
  /** Whether a blank line inside a continuation gets BuildKit's NoEmptyContinuation warning. */
  readonly warnsEmptyContinuation: boolean;

  // ——— History ———
  /** The `created_by` of a metadata (no-layer) instruction. */
  metadataCreatedBy(text: string, shell: readonly string[], workdirStyle: boolean): string;
  /** The `comment` on every history entry the builder writes, or undefined for none. */
  readonly historyComment: string | undefined;

  // ——— Stages ———
  /** Whether only the stages the target needs are built (else every stage up to the target, in order). */
  readonly buildsOnlyNeededStages: boolean;
  /** Whether `FROM <name>` may name any earlier stage whose name matches case-insensitively (else the exact name). */
  readonly fromMatchesStageNameLoosely: boolean;
  /** Whether `FROM Scratch` (any case) is scratch (else only `scratch`). */
  readonly scratchAnyCase: boolean;
  /** Whether a stage name used twice fails the build (when the second stage is reached). */
  readonly failsOnDuplicateStageName: boolean;
  /** Whether an invalid base image reference fails when its stage is dispatched (else up front, see {@link checksStageGraphUpFront}). */
  readonly failsOnBadBaseNameAtDispatch: boolean;
  /** Whether `--platform` that expands to "" fails (the classic builder has no automatic platform ARGs). */
  readonly rejectsEmptyPlatform: boolean;
  /**
   * Whether a stage that dispatches nothing is its base's image as is (Author kept, no default
   * PATH), and an empty target whose chain ends at scratch produces no image.
   */
  readonly emptyStageIsBaseImage: boolean;
  /**
   * How a stage keeps its variables: BuildKit's ordered state env (ENV and ARG values, in force as
   * set), or the classic builder's declared ARGs, whose values are looked up when used (build-arg,
   * else default, else global; ENV of the same name wins). The kind of `VariableScope`.
   */
  readonly variableScope: "state-env" | "declared-args";
  /** Whether the empty image (`FROM scratch`) has `WorkingDir` "/" (else ""). */
  readonly scratchWorkdirIsRoot: boolean;
  /** Whether a stage keeps its base's `Author` (else only its own MAINTAINER is written). */
  readonly inheritsAuthor: boolean;
  /** Whether a stage on a stage inherits the parent's variables and declared ARGs (its LLB state). */
  readonly stageInheritsVariables: boolean;
  /** Whether stages run concurrently (so which of two failing stages a real build reports may vary). */
  readonly runsStagesConcurrently: boolean;

  // ——— WORKDIR ———
  /**
   * How the new working directory is resolved: moby's `normalizeWorkdir` (an absolute path is
   * cleaned, an empty one fails with `cannot normalize nothing`) or BuildKit's
   * `system.NormalizeWorkdir` (an absolute path is kept as written, an empty one keeps the
   * current); a relative one is joined to the current directory and cleaned by both.
   */
  readonly workdirNormalization: "normalizeWorkdir" | "NormalizeWorkdir";
  /**
   * Whether WORKDIR is a mkdir file operation of the stage's state: a step even where it creates
   * nothing, a layer unless the path is `/`, and it gives a `FROM scratch` stage its root
   * filesystem. Otherwise the directory is made when the config is committed, with a layer only
   * when it did not exist.
   */
  readonly workdirIsFileOp: boolean;
  /** Whether the directories WORKDIR makes are owned by the current `USER` (resolved as `--chown`); else 0:0, always chowned. */
  readonly workdirOwnedByUser: boolean;
  /** The failure when a missing directory of the WORKDIR path is a file. */
  workdirNotDirectoryMessage(path: string): string;

  // ——— Build context ———
  /**
   * Whether the whole context is read and sent before the build starts, so an unreadable directory
   * (even an excluded one) or an unreadable file that is sent fails at once; otherwise files are
   * sent as COPY/ADD ask for them.
   */
  readonly sendsWholeContextFirst: boolean;
  /** Whether `<Dockerfile>.dockerignore` beside the Dockerfile is read before `.dockerignore`. */
  readonly readsDockerfileSpecificIgnore: boolean;
  /** Whether a `.dockerignore` pattern Go cannot compile, met while walking, fails the build (else the walk stops and what was walked is sent). */
  readonly failsOnUncompilableIgnorePattern: boolean;
  /**
   * Whether `.dockerignore` and the Dockerfile are always sent (exceptions appended when excluded)
   * and the daemon then deletes each one the patterns exclude (else they are filtered as any file).
   */
  readonly sendsDockerignoreAndDockerfile: boolean;
  /**
   * How an excluded directory is skipped without a walk: when no exception, written `e`, has
   * `e + "/"` starting with the directory's path and `/`. Whether `e` is taken without a trailing
   * `/*` or `/**` and, when an exception has a wildcard character left, no directory is skipped
   * (fsutil); else as written (the docker CLI).
   */
  readonly ignoreExceptionPrefixWithoutTrailingGlob: boolean;
  /** Whether a directory sent only as the parent of re-included entries is left out of the context's tar (then made 0755 by the extraction); else sent with its own mode. */
  readonly tarOmitsParentOnlyDirectories: boolean;

  // ——— Global ARGs (before the first FROM) ———
  /** Whether the global scope starts with the automatic platform ARGs (`BUILDPLATFORM`, `TARGETARCH`, …; a `--build-arg` of the same name overrides them). */
  readonly automaticPlatformArgs: boolean;
  /**
   * Whether a global `ARG` instruction is expanded as a whole (its names too) with the globals from
   * before it, its names then set (or, without a value, cleared) in order; otherwise each default is
   * expanded with the globals so far, one after another, and a name without a value is left as is.
   */
  readonly globalArgExpandsWholeInstruction: boolean;
  /** Whether a `--build-arg` for a global ARG replaces its default unexpanded (else the default is expanded first, and may fail). */
  readonly globalBuildArgSkipsDefault: boolean;
  /** Whether the proxy build-args (`HTTP_PROXY`, …) expand in global ARG defaults without being declared. */
  readonly proxyBuildArgsExpandInGlobalArgs: boolean;

  // ——— RUN and CMD ———
  /** The failure of a RUN with a flag (`--mount`, `--network`, …) when the builder refuses RUN flags, else null. */
  refusedRunFlagMessage(flag: string): string | null;
  /** How the failure of a RUN's process is worded, given the command line it ran. */
  runFailureMessage(commandLine: string, message: string): string;
  /**
   * How a RUN fails whose program is certainly absent, given its argv and the OCI runtime's own
   * error (`exec: "x": stat x: no such file or directory`, `… executable file not found in $PATH`).
   */
  missingProgramMessage(argv: readonly string[], runtimeError: string): string;
  /**
   * Whether every RUN commits a layer, written with BuildKit's history text (`RUN … # buildkit`);
   * else a RUN commits a layer only when its files changed, which a simulation cannot know.
   */
  readonly runAlwaysCommitsLayer: boolean;
  /** Whether a missing `/etc/passwd` or `/etc/group` fails a RUN's user lookup (else it reads as empty). */
  readonly missingUserDatabaseFails: boolean;
  /**
   * Whether the stages a `RUN --mount=from=` names (a mount without `from`: a stage named `scratch`)
   * are dependencies of the RUN's stage, built with it (the classic builder refuses `--mount`).
   */
  readonly readsRunMountSources: boolean;
  /** Whether a RUN's `uid:gid` user of two numbers runs without looking anything up. */
  readonly numericUserSkipsLookup: boolean;
  /** Whether RUN heredoc bodies are run (else the command line alone runs, `/bin/sh -c <<EOF`). */
  readonly runsHeredocBodies: boolean;
  /** Whether a bare shell-form CMD/ENTRYPOINT (no command text) is the shell alone for CMD and no ENTRYPOINT (else the shell with an empty command). */
  readonly bareShellFormIsShellAlone: boolean;
  /** Whether ENTRYPOINT writes `ArgsEscaped: false` into the config. */
  readonly entrypointClearsArgsEscaped: boolean;
  /** Whether EXPOSE's history text lists the port keys it adds (`EXPOSE [80/tcp 81/tcp]`), else the words as written. */
  readonly exposeHistoryListsPorts: boolean;
  /** Whether ONBUILD writes a history entry (`ONBUILD <expr>`). */
  readonly onbuildWritesHistory: boolean;
  /** Whether a HEALTHCHECK option left at zero takes the previous check's value (the daemon's config `merge`). */
  readonly healthcheckZeroKeepsPrevious: boolean;
  /** Whether CMD sets `ArgsEscaped` in the config. */
  readonly cmdSetsArgsEscaped: boolean;
  /** Whether an empty CMD (`CMD []`, a bare `CMD`) still counts as "CMD set in this stage" (which keeps a later ENTRYPOINT from clearing it). */
  readonly emptyCmdCountsAsSet: boolean;
  // ——— COPY --from ———
  /** Whether a bad `COPY --from` value fails while planning (else when the COPY is dispatched). */
  readonly copyFromErrorsWhilePlanning: boolean;
  /**
   * Whether `COPY --from` sees only the stages before the current one: a later (or the current)
   * stage's name is an image reference to pull, a later (or the current) index fails. Otherwise any
   * stage of the Dockerfile, by name or index.
   */
  readonly copyFromSeesEarlierStagesOnly: boolean;
  /** Whether a `$` in `COPY --from` fails (the value is never expanded; else it is taken as written). */
  readonly rejectsVariablesInCopyFrom: boolean;
  /** Whether a `COPY --from` value that is not a stage must be a valid image reference when planned (else it fails when pulled). */
  readonly copyFromValidatesImageReference: boolean;
  /** The failure when `COPY --from` names an image the engine does not have and cannot pull. */
  copyFromImagePullFailure(from: string, normalized: string): string;
  /** Whether `COPY --from` may not name a stage defined after the current one (checked at dispatch). */
  readonly copyFromNeedsEarlierStage: boolean;

  // ——— COPY and ADD ———
  /** Everything else COPY and ADD do differently (`buildkit-copy.ts`, `legacy-copy.ts`). */
  readonly copy: CopyRules;
}
