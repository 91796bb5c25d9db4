/**
 * Checking one file for the CLI (in the main thread or in a worker): reading it and its `.dockerignore`,
 * the per-file work budget, and the {@link FileResult}.
 *
 * @module
 */
import { readFileSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { BUDGET_RULE, checkDockerfile, checkRule, type CheckConfig, type FileResult } from "../../check/index.js";
import type { Builder } from "../../core/builder.js";
import type { BaseImageResolver } from "../../image/base-image.js";

/** What every file of a run is checked with (serialisable, so workers get the same). */
export interface CheckRunOptions {
  readonly builder: Builder;
  readonly buildArgs: Readonly<Record<string, string>>;
  /** The context directory for every file; default each Dockerfile's own directory. */
  readonly context: string | null;
  readonly config: { readonly ignored: readonly string[]; readonly severity: readonly (readonly [string, "error" | "warning" | "info"])[]; readonly failOn: CheckConfig["failOn"] };
  /** `--image REF=PATH` values, loaded once per thread. */
  readonly images: readonly string[];
  /** Work budget: files larger than this many bytes are not checked. */
  readonly maxBytes: number;
}

/** The configuration from its serialisable form. */
export function configOf(o: CheckRunOptions["config"]): CheckConfig {
  return { ignored: new Set(o.ignored), severity: new Map(o.severity), failOn: o.failOn };
}

function readDockerignoreFor(file: string, context: string): string | null {
  // BuildKit reads <Dockerfile>.dockerignore beside the Dockerfile first, then the context's .dockerignore.
  for (const candidate of [join(dirname(file), `${basename(file)}.dockerignore`), join(context, ".dockerignore")]) {
    try {
      return readFileSync(candidate, "utf8");
    } catch {
      // not there
    }
  }
  return null;
}

/** A result for a file that was not checked because of its budget. */
export function budgetResult(path: string, reason: string): FileResult {
  const rule = checkRule(BUDGET_RULE)!;
  return {
    path,
    status: "budget-exceeded",
    reason,
    findings: [{ ruleId: BUDGET_RULE, namespace: rule.namespace, severity: "info", message: `not checked: ${reason}`, lines: { start: 1, end: 1 }, docs: rule.docs }],
    undecided: [],
  };
}

/** Checks one file (`text` given for standard input). Never throws. */
export function checkFile(path: string, text: string | null, options: CheckRunOptions, resolver: BaseImageResolver | undefined): FileResult {
  let content = text;
  if (content === null) {
    try {
      const size = statSync(path).size;
      if (size > options.maxBytes) return budgetResult(path, `${size} bytes is over the ${options.maxBytes}-byte work budget (--max-bytes)`);
      content = readFileSync(path, "utf8");
    } catch (e) {
      return { path, status: "unreadable", reason: e instanceof Error ? e.message : String(e), findings: [], undecided: [] };
    }
  } else if (content.length > options.maxBytes) {
    return budgetResult(path, `${content.length} characters is over the ${options.maxBytes}-byte work budget (--max-bytes)`);
  }
  const context = options.context ?? (path === "-" ? "." : dirname(path));
  try {
    const r = checkDockerfile(content, {
      simulate: { builder: options.builder, buildArgs: options.buildArgs, ...(resolver === undefined ? {} : { resolver }) },
      dockerignore: readDockerignoreFor(path, context),
      config: configOf(options.config),
    });
    return { path, status: "checked", findings: r.findings, undecided: r.undecided, summary: r.summary };
  } catch (e) {
    // The simulator never throws by contract; should it, the file is reported, not the run aborted.
    return budgetResult(path, `the checker failed on it: ${e instanceof Error ? e.message : String(e)}`);
  }
}
