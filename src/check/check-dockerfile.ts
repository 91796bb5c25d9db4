/**
 * One Dockerfile checked: Docker's own checks and ours, configured, with the simulation's summary.
 *
 * @module
 */
import { diagnosticFamily, type Severity } from "../core/diagnostic.js";
import { lintDockerfile } from "../lint/lint-dockerfile.js";
import { parseDockerfile } from "../parse/parse-dockerfile.js";
import { simulate, type SimulateOptions } from "../simulate.js";
import { DEFAULT_CONFIG, inlineIgnores, type CheckConfig } from "./config.js";
import { checkDocker, type LineSpan, type UndecidedCheck } from "./docker/docker-checks.js";
import { BUDGET_RULE, BUILD_FAILURE_RULE, checkRule, type RuleNamespace } from "./rules.js";

/** One finding of `dockerfile-check`. */
export interface CheckFinding {
  /** Docker's rule name, or our `lint/…`, `build/…` or `budget/exceeded` code. */
  readonly ruleId: string;
  readonly namespace: RuleNamespace;
  readonly severity: Severity;
  readonly message: string;
  /** 1-based, inclusive lines. */
  readonly lines: LineSpan;
  /** 1-based columns (start inclusive, end exclusive) when the finding has a precise range. */
  readonly columns?: { readonly start: number; readonly end: number };
  /** The rule's page (Docker's docs URL, or ours relative to the repository). */
  readonly docs: string;
}

/** What the simulation says about the file, for corpus research (`--format jsonl`). */
export interface CheckSummary {
  /** The target stage's label. */
  readonly stage: string | null;
  /** PID 1's argv under a plain `docker run`, or null when unknown or refused. */
  readonly argv: readonly string[] | null;
  readonly layers: number | null;
  /** What the simulation could not know (notice codes with their messages). */
  readonly unknowns: readonly string[];
  /** The build error a real build would stop at, or null. */
  readonly error: string | null;
}

/** The check of one file. */
export interface FileCheck {
  readonly findings: readonly CheckFinding[];
  readonly undecided: readonly UndecidedCheck[];
  readonly summary: CheckSummary;
}

/** Options of {@link checkDockerfile}. */
export interface CheckDockerfileOptions {
  /** Build options: builder (our rules and build failures follow it; Docker's checks are BuildKit's), build args, base images, context. */
  readonly simulate?: SimulateOptions;
  /** The context's `.dockerignore` (`null`: none; absent: unknown). */
  readonly dockerignore?: string | null;
  readonly config?: CheckConfig;
}

/**
 * Checks a Dockerfile: Docker 28.5's build checks, our trap rules, and the build failure a real build
 * would meet, after the configuration and the file's inline `# dockerfile-check ignore=…` comments.
 * Never throws.
 *
 * @example
 * ```ts
 * const r = checkDockerfile("FROM scratch\nENTRYPOINT /app\n");
 * r.findings.map((f) => f.ruleId);
 * // ["JSONArgsRecommended", "lint/shell-entrypoint-swallows-args", "lint/pid1-is-shell"]
 * ```
 */
export function checkDockerfile(text: string, options: CheckDockerfileOptions = {}): FileCheck {
  const config = options.config ?? DEFAULT_CONFIG;
  const simOptions: SimulateOptions = options.simulate ?? {};
  const parsed = parseDockerfile(text);
  const sim = simulate(text, simOptions);
  const buildkitSim = (simOptions.builder ?? "buildkit") === "buildkit" ? sim : simulate(text, { ...simOptions, builder: "buildkit" });
  const docker = checkDocker(text, {
    parsed,
    simulation: buildkitSim,
    ...(simOptions.buildArgs === undefined ? {} : { buildArgs: Object.fromEntries(simOptions.buildArgs instanceof Map ? simOptions.buildArgs : Object.entries(simOptions.buildArgs)) }),
    ...(simOptions.resolver === undefined ? {} : { resolver: simOptions.resolver }),
    ...(simOptions.platform === undefined ? {} : { platform: simOptions.platform }),
    ...(options.dockerignore === undefined ? {} : { dockerignore: options.dockerignore }),
  });
  const raw: Omit<CheckFinding, "docs" | "namespace">[] = [];
  const dockerSeverity: Severity = docker.options.error ? "error" : "warning";
  for (const w of docker.warnings) raw.push({ ruleId: w.rule, severity: dockerSeverity, message: w.detail, lines: w.lines });
  const line = (r: { start: { line: number; character: number }; end: { line: number; character: number } } | null): Pick<CheckFinding, "lines" | "columns"> =>
    r === null ? { lines: { start: 1, end: 1 } } : { lines: { start: r.start.line + 1, end: r.end.line + 1 }, ...(r.start.line === r.end.line ? { columns: { start: r.start.character + 1, end: r.end.character + 1 } } : {}) };
  if (sim.error !== null) raw.push({ ruleId: sim.error.code, severity: "error", message: sim.error.message, ...line(sim.error.range) });
  else if (docker.error !== null && docker.error.message.startsWith("lint violation found")) {
    raw.push({ ruleId: BUILD_FAILURE_RULE, severity: "error", message: docker.error.message, lines: { start: 1, end: 1 } });
  }
  for (const d of sim.diagnostics) if (d.code === BUDGET_RULE) raw.push({ ruleId: BUDGET_RULE, severity: "info", message: d.message, ...line(d.range) });
  for (const f of lintDockerfile(sim, { simulate: simOptions })) raw.push({ ruleId: f.code, severity: f.severity, message: f.message, ...line(f.range) });

  const inline = inlineIgnores(text);
  const findings: CheckFinding[] = [];
  for (const f of raw) {
    if (config.ignored.has(f.ruleId) || inline.global.has(f.ruleId) || inline.byLine.get(f.lines.start)?.has(f.ruleId) === true) continue;
    const rule = checkRule(f.ruleId);
    const severity = config.severity.get(f.ruleId) ?? f.severity;
    findings.push({ ...f, severity, namespace: rule?.namespace ?? "dockerfile-semantics", docs: rule?.docs ?? "" });
  }
  findings.sort((a, b) => a.lines.start - b.lines.start);
  const unknowns = sim.diagnostics.filter((d) => diagnosticFamily(d) === "notice" && d.code !== "syntax/empty-continuation").map((d) => `${d.code}: ${d.message}`);
  const summary: CheckSummary = {
    stage: sim.stage?.label ?? null,
    argv: sim.run !== null && sim.run.ok ? [sim.run.path, ...sim.run.args] : null,
    layers: sim.stage?.layers ?? null,
    unknowns,
    error: sim.error?.message ?? null,
  };
  return { findings, undecided: docker.undecided, summary };
}
