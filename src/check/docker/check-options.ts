/**
 * Which of Docker's check rules run under a `# check=` configuration (moby/buildkit
 * `frontend/dockerfile/linter/linter.go` `Linter.Run` at v0.25.2). The directive itself is read by
 * `parseCheckOptions` in the parser layer, which the simulator also uses to predict its errors.
 *
 * @module
 */
import type { DockerCheckOptions } from "../../parse/check-options.js";

export { parseCheckOptions, DEFAULT_CHECK_OPTIONS, type DockerCheckOptions } from "../../parse/check-options.js";

/** Whether Docker runs `rule` under `options` (experimental rules need enabling; others can be skipped). */
export function ruleEnabled(options: DockerCheckOptions, rule: { readonly name: string; readonly experimental: boolean }): boolean {
  if (rule.experimental) return options.experimentalAll || options.experimental.has(rule.name);
  return !(options.skipAll || options.skip.has(rule.name));
}
