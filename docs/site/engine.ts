/**
 * The playground's engine: one pure function from the page's inputs to everything the page shows. It runs
 * in the playground's Web Worker (`docs/.vitepress/theme/playground/engine.worker.ts`), and in Node for the
 * warning pages and the specs (`spec/docs/playground-engine.spec.ts`). It uses only the package's public
 * API, the same one the REPL's interpreter is built on (`run …` arguments are read by the REPL's parser).
 *
 * @module
 */
import {
  FIELD_NAMES,
  argvDependsOn,
  chainResolvers,
  describeOrigin,
  explainField,
  imageFromInspect,
  initialSession,
  interpret,
  lintDockerfile,
  listFiles,
  mapResolver,
  memoryContext,
  renderFieldAnswer,
  simulationOf,
  toJsonReport,
  unknownCommandHeadline,
  runUnknowns,
  type BaseImage,
  type BaseImageResolver,
  type InspectConfig,
  type JsonHistoryEntry,
  type SessionState,
  type UnknownDependency,
} from "dockerfile-semantics";

/** What the page's inputs hold (also what the shareable URL stores; see `docs/playground.md`). */
export interface PlaygroundInput {
  readonly dockerfile: string;
  readonly builder: "buildkit" | "legacy";
  /** `--target`, or "" for the last stage. */
  readonly target: string;
  /** `--build-arg` values. */
  readonly buildArgs: Readonly<Record<string, string>>;
  /** What follows `docker run IMAGE` plus its options, as typed (`-u nobody -- -c 'echo hi'`). */
  readonly run: string;
  /** Base images: reference as written in FROM → `docker image inspect` JSON (an array or one object). */
  readonly images: Readonly<Record<string, unknown>>;
  /** The in-memory build context: path → text content. */
  readonly files: Readonly<Record<string, string>>;
}

/** One word of PID 1's argv and where it came from. */
export interface ArgvWordView {
  readonly value: string;
  readonly from: "entrypoint" | "cmd";
  readonly origin: string;
  /** The 1-based Dockerfile line the word came from, when an instruction wrote it. */
  readonly line: number | null;
}

/** A diagnostic or trap finding, placed at its line. */
export interface FindingView {
  readonly code: string;
  readonly severity: "error" | "warning" | "info";
  readonly message: string;
  /** 1-based lines; null when it has no place in the Dockerfile. */
  readonly line: number | null;
  readonly endLine: number | null;
  /** 0-based columns on those lines. */
  readonly column: number | null;
  readonly endColumn: number | null;
}

/** A file of the image, as `docker export` would list it. */
export interface FileView {
  readonly path: string;
  readonly type: string;
  readonly mode: string;
  readonly owner: string;
  readonly size: number | null;
}

/** Everything the playground shows. */
export interface PlaygroundResult {
  readonly ok: boolean;
  /** A problem with the inputs themselves (bad inspect JSON, bad run arguments). */
  readonly inputErrors: readonly string[];
  readonly stage: string | null;
  readonly argv: readonly ArgvWordView[];
  /** The daemon's refusal (`no command specified`), or null. */
  readonly runError: string | null;
  /**
   * What the run depends on that the simulator does not know (the JSON report's `run.unknown`): the
   * parts of the process an unknown base image may set. Empty when nothing is unknown.
   */
  readonly runUnknown: readonly UnknownDependency[];
  /**
   * When the command itself depends on an unknown image: the headline the page shows instead of
   * stating a command or a refusal (the CLI's, `unknownCommandHeadline`); `argv`/`runError` are then
   * only what the Dockerfile alone gives. Null otherwise.
   */
  readonly runHeadline: string | null;
  readonly config: InspectConfig | null;
  readonly history: readonly JsonHistoryEntry[];
  readonly layers: number | null;
  readonly layersMin: number | null;
  readonly buildError: string | null;
  readonly findings: readonly FindingView[];
  readonly files: readonly FileView[];
  /** How many files there were before the list was cut at {@link FILE_LIMIT}. */
  readonly fileCount: number;
  readonly filesUncertain: readonly string[];
  /** "why" for each config field: the REPL's `why FIELD` text. */
  readonly why: Readonly<Record<string, string>>;
}

/** At most this many files are listed. */
export const FILE_LIMIT = 400;

/** The default input: a small Dockerfile with a trap. */
export const DEFAULT_INPUT: PlaygroundInput = {
  dockerfile: 'FROM python:3.12-slim\nWORKDIR /srv\nCOPY app.py .\nENTRYPOINT python app.py\nCMD ["--port", "8080"]\n',
  builder: "buildkit",
  target: "",
  buildArgs: {},
  run: "",
  images: {},
  files: { "app.py": "print('hello')\n" },
};

function resolverOf(images: PlaygroundInput["images"], errors: string[], fallback: BaseImageResolver | undefined) {
  const known = new Map<string, BaseImage>();
  for (const [ref, json] of Object.entries(images)) {
    const normalized = normalizeRef(ref);
    const image = imageFromInspect(normalized, json);
    if (image.ok) known.set(normalized, image.value);
    else errors.push(`base image ${ref}: ${image.error}`);
  }
  const given = known.size === 0 ? undefined : mapResolver(known);
  if (fallback === undefined) return given;
  return given === undefined ? fallback : chainResolvers(given, fallback);
}

/** `python:3.12` → `docker.io/library/python:3.12`, as FROM resolves it (a tag defaults to latest). */
export function normalizeRef(ref: string): string {
  let r = ref.trim();
  const slash = r.indexOf("/");
  const first = slash === -1 ? "" : r.slice(0, slash);
  if (slash === -1 || !(first.includes(".") || first.includes(":") || first === "localhost")) r = `docker.io/${slash === -1 ? "library/" : ""}${r}`;
  if (!/[:@][^/]*$/.test(r.slice(r.lastIndexOf("/")))) r += ":latest";
  return r;
}

function lineOf(origin: { kind: string; site?: { line: number } }): number | null {
  return origin.kind === "instruction" && origin.site !== undefined ? origin.site.line : null;
}

/**
 * Simulates the inputs and gathers what the page shows. Never throws. `fallback` answers for base images
 * the input does not give (the playground passes the bundled catalog of official images,
 * `dockerfile-semantics/catalog`, once its worker has loaded it).
 */
export function analyze(input: PlaygroundInput, fallback?: BaseImageResolver): PlaygroundResult {
  const errors: string[] = [];
  const resolver = resolverOf(input.images, errors, fallback);
  const files = input.files;
  const hasFiles = Object.keys(files).length > 0;
  let state: SessionState = initialSession({
    builder: input.builder,
    target: input.target.trim() === "" ? null : input.target.trim(),
    buildArgs: new Map(Object.entries(input.buildArgs)),
    resolver,
    ...(hasFiles ? { context: (builder: "buildkit" | "legacy") => memoryContext({ ...files }, { builder }) } : {}),
    source: { path: "Dockerfile", text: input.dockerfile },
  });
  if (input.run.trim() !== "") {
    const step = interpret(state, `run ${input.run}`);
    if (step.state.run === state.run) errors.push(step.output.trim());
    state = step.state;
  }
  const sim = simulationOf(state);
  if (sim === null) return empty(errors);
  const report = toJsonReport(sim);
  const findings: FindingView[] = [...sim.diagnostics, ...lintDockerfile(sim)].map((d) => ({
    code: d.code,
    severity: d.severity,
    message: d.message,
    line: d.range === null ? null : d.range.start.line + 1,
    endLine: d.range === null ? null : d.range.end.line + 1,
    column: d.range === null ? null : d.range.start.character,
    endColumn: d.range === null ? null : d.range.end.character,
  }));
  const argv: ArgvWordView[] = sim.run?.ok === true ? sim.run.argv.map((w) => ({ value: w.value, from: w.from, origin: describeOrigin(w.origin), line: lineOf(w.origin) })) : [];
  const why: Record<string, string> = {};
  if (sim.stage !== null) {
    for (const field of FIELD_NAMES) {
      const answer = explainField(sim, field);
      why[field] = answer.ok ? renderFieldAnswer(answer.value) : answer.error;
    }
  }
  const runUnknown = runUnknowns(sim);
  const argvUnknown = argvDependsOn(runUnknown);
  const listing = sim.stage === null ? null : listFiles(sim.stage.files, "/");
  const all = listing?.entries ?? [];
  return {
    ok: true,
    inputErrors: errors,
    stage: report.stage,
    argv,
    runError: sim.run !== null && !sim.run.ok ? sim.run.error : null,
    runUnknown,
    runHeadline: argvUnknown.length > 0 ? unknownCommandHeadline(argvUnknown) : null,
    config: report.config,
    history: report.history,
    layers: report.layers,
    layersMin: report.layersMin ?? null,
    buildError: report.error ?? null,
    findings,
    files: all.slice(0, FILE_LIMIT).map((e) => ({
      path: e.path,
      type: e.type,
      mode: "mode" in e && typeof e.mode === "number" ? `0${e.mode.toString(8)}` : "?",
      owner: "uid" in e && typeof e.uid === "number" ? `${e.uid}:${"gid" in e ? String(e.gid) : "?"}` : "?",
      size: "size" in e && typeof e.size === "number" ? e.size : null,
    })),
    fileCount: all.length,
    filesUncertain: listing?.uncertain ?? [],
    why,
  };
}

function empty(errors: string[]): PlaygroundResult {
  return { ok: false, inputErrors: errors, stage: null, argv: [], runError: null, runUnknown: [], runHeadline: null, config: null, history: [], layers: null, layersMin: null, buildError: null, findings: [], files: [], fileCount: 0, filesUncertain: [], why: {} };
}
