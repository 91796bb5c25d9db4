/**
 * Which rules `dockerfile-check` runs and how severe each is: the config file (`--config`, or
 * `.dockerfile-check.json` in the working directory) overlaid with the command line's `--ignore`,
 * `--error`/`--warning`/`--info` and `--fail-on`; and the rule list `--list-rules` prints.
 *
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { applyConfigFile, CHECK_RULES, DEFAULT_CONFIG, parseFailOn, type CheckConfig } from "../../check/index.js";
import type { CheckArgs } from "./args.js";

/**
 * The rule configuration of a run: the defaults, then the config file, then the command line; or why the
 * config file or `--fail-on` cannot be used.
 *
 * @example
 * ```ts
 * const c = loadRuleConfig({ ...args, ignore: ["JSONArgsRecommended"] });
 * if (c.ok) c.value.ignored.has("JSONArgsRecommended"); // true
 * ```
 */
export function loadRuleConfig(p: Pick<CheckArgs, "config" | "severity" | "failOn" | "ignore">): { ok: true; value: CheckConfig } | { ok: false; error: string } {
  let config = DEFAULT_CONFIG;
  const file = p.config ?? (existsSync(".dockerfile-check.json") ? ".dockerfile-check.json" : null);
  if (file !== null) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, "utf8"));
    } catch (e) {
      return { ok: false, error: `cannot read config ${file}: ${(e as Error).message}` };
    }
    const r = applyConfigFile(config, json);
    if (!r.ok) return { ok: false, error: `${file}: ${r.error}` };
    config = r.value;
  }
  const severity = new Map(config.severity);
  for (const [id, s] of p.severity) severity.set(id, s);
  let failOn = config.failOn;
  if (p.failOn !== null) {
    const f = parseFailOn(p.failOn);
    if (!f.ok) return { ok: false, error: `--fail-on: ${f.error}` };
    failOn = f.value;
  }
  return { ok: true, value: { ignored: new Set([...config.ignored, ...p.ignore]), severity, failOn } };
}

/** The `--list-rules` text: each rule's id, default severity, whether it is experimental, title and docs URL. */
export function formatRuleList(): string {
  return CHECK_RULES.map((r) => `${r.id.padEnd(36)} ${r.defaultSeverity.padEnd(8)} ${r.experimental ? "experimental " : ""}${r.title}\n  ${r.docs}\n`).join("");
}
