/**
 * Configuring `dockerfile-check`, in hadolint's way and beside Docker's:
 * - a config file (JSON) with hadolint's keys: `ignored` (rule ids), `override` (`error`, `warning`, `info`,
 *   `style` lists: a rule's severity; `style` counts as `info`) and `failure-threshold`;
 * - the command line: `--ignore RULE`, `--error RULE`, `--warning RULE`, `--info RULE`, `--fail-on LEVEL`
 *   (later sources win: file, then command line);
 * - inline comments: `# dockerfile-check ignore=RULE[,RULE…]` on the line(s) right above an instruction
 *   silences those rules on it, `# dockerfile-check global ignore=RULE[,…]` anywhere silences them in the
 *   file (hadolint's `# hadolint ignore=…` and `# hadolint global ignore=…`);
 * - Docker's own `# check=skip=…;error=…;experimental=…` directive keeps its meaning for Docker's rules.
 *
 * @module
 */
import type { Severity } from "../core/diagnostic.js";
import type { Outcome } from "../core/result.js";

/** `--fail-on`: the lowest severity that makes the run fail, or `none`. */
export type FailOn = Severity | "none";

/** The configuration in force for a run. */
export interface CheckConfig {
  /** Rule ids never reported. */
  readonly ignored: ReadonlySet<string>;
  /** Severities that replace a rule's default. */
  readonly severity: ReadonlyMap<string, Severity>;
  readonly failOn: FailOn;
}

/** Nothing ignored, default severities, failing on errors (hadolint fails on `info` by default; CI tools on errors). */
export const DEFAULT_CONFIG: CheckConfig = { ignored: new Set(), severity: new Map(), failOn: "error" };

const LEVELS: readonly string[] = ["error", "warning", "info", "none"];

/** Reads a `--fail-on` / `failure-threshold` value (`style` is hadolint's lowest level, taken as `info`). */
export function parseFailOn(value: string): Outcome<FailOn> {
  const v = value === "style" ? "info" : value;
  return LEVELS.includes(v) ? { ok: true, value: v as FailOn } : { ok: false, error: `invalid failure level ${JSON.stringify(value)} (error, warning, info or none)` };
}

/** Whether a finding of `severity` fails the run. */
export function failsOn(severity: Severity, failOn: FailOn): boolean {
  if (failOn === "none") return false;
  const rank = { error: 2, warning: 1, info: 0 } as const;
  return rank[severity] >= rank[failOn];
}

function stringList(v: unknown, where: string): Outcome<string[]> {
  if (v === undefined) return { ok: true, value: [] };
  if (!Array.isArray(v) || !v.every((x) => typeof x === "string")) return { ok: false, error: `${where} must be a list of rule ids` };
  return { ok: true, value: v as string[] };
}

/**
 * Merges a config file's object (hadolint's keys) over a configuration.
 *
 * @example
 * ```ts
 * applyConfigFile(DEFAULT_CONFIG, { ignored: ["MaintainerDeprecated"], override: { error: ["lint/pid1-is-shell"] }, "failure-threshold": "warning" });
 * ```
 */
export function applyConfigFile(base: CheckConfig, file: unknown): Outcome<CheckConfig> {
  if (typeof file !== "object" || file === null || Array.isArray(file)) return { ok: false, error: "the config file must hold a JSON object" };
  const o = file as Record<string, unknown>;
  const known = new Set(["ignored", "override", "failure-threshold"]);
  const unknownKey = Object.keys(o).find((k) => !known.has(k));
  if (unknownKey !== undefined) return { ok: false, error: `unknown config key ${JSON.stringify(unknownKey)} (ignored, override, failure-threshold)` };
  const ignored = stringList(o["ignored"], "ignored");
  if (!ignored.ok) return ignored;
  const severity = new Map(base.severity);
  const override = o["override"] ?? {};
  if (typeof override !== "object" || override === null || Array.isArray(override)) return { ok: false, error: "override must be an object" };
  for (const [level, ids] of Object.entries(override as Record<string, unknown>)) {
    const sev = level === "style" ? "info" : level;
    if (sev !== "error" && sev !== "warning" && sev !== "info") return { ok: false, error: `unknown override level ${JSON.stringify(level)} (error, warning, info, style)` };
    const list = stringList(ids, `override.${level}`);
    if (!list.ok) return list;
    for (const id of list.value) severity.set(id, sev);
  }
  let failOn = base.failOn;
  if (o["failure-threshold"] !== undefined) {
    const f = parseFailOn(String(o["failure-threshold"]));
    if (!f.ok) return f;
    failOn = f.value;
  }
  return { ok: true, value: { ignored: new Set([...base.ignored, ...ignored.value]), severity, failOn } };
}

/** Inline `# dockerfile-check` comments of a file. */
export interface InlineIgnores {
  /** Rules ignored in the whole file. */
  readonly global: ReadonlySet<string>;
  /** Rules ignored on the instruction starting at a 1-based line. */
  readonly byLine: ReadonlyMap<number, ReadonlySet<string>>;
}

const INLINE = /^\s*#\s*dockerfile-check\s+(global\s+)?ignore\s*=\s*([^\s]+(?:\s*,\s*[^\s,]+)*)\s*$/;

/**
 * Finds the inline ignore comments: a `# dockerfile-check ignore=…` comment applies to the next line
 * that is neither a comment nor blank.
 *
 * @example
 * ```ts
 * inlineIgnores("# dockerfile-check ignore=JSONArgsRecommended\nCMD run\n").byLine.get(2); // Set { "JSONArgsRecommended" }
 * ```
 */
export function inlineIgnores(text: string): InlineIgnores {
  const global = new Set<string>();
  const byLine = new Map<number, Set<string>>();
  let pending: string[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, k) => {
    const m = INLINE.exec(line);
    if (m !== null) {
      const ids = m[2]!.split(",").map((s) => s.trim()).filter((s) => s !== "");
      if (m[1] !== undefined) for (const id of ids) global.add(id);
      else pending.push(...ids);
      return;
    }
    if (/^\s*(#.*)?$/.test(line)) return;
    if (pending.length > 0) byLine.set(k + 1, new Set(pending));
    pending = [];
  });
  return { global, byLine };
}
