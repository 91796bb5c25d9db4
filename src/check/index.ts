/**
 * `dockerfile-semantics` checks: Docker's own build checks, exactly as Docker Engine 28.5 runs them, and
 * the simulator's own rules, with configuration and report formats.
 *
 * @module
 */
export { checkDocker, type DockerCheckResult, type DockerCheckInputOptions, type DockerWarning, type UndecidedCheck, type LineSpan } from "./docker/docker-checks.js";
export { DOCKER_RULES, DETAIL, dockerRule, type DockerRule, type DockerRuleName } from "./docker/rule-table.js";
export { parseCheckOptions, ruleEnabled, DEFAULT_CHECK_OPTIONS, type DockerCheckOptions } from "./docker/check-options.js";
export { parsePlatform, type ParsedPlatform } from "./docker/platform.js";
export { checkDockerfile, type CheckFinding, type CheckSummary, type FileCheck, type CheckDockerfileOptions } from "./check-dockerfile.js";
export { CHECK_RULES, checkRule, ownRuleDocs, BUILD_FAILURE_RULE, BUDGET_RULE, OWN_DOCS_DIR, type CheckRule, type RuleNamespace } from "./rules.js";
export { DEFAULT_CONFIG, applyConfigFile, inlineIgnores, parseFailOn, failsOn, type CheckConfig, type FailOn, type InlineIgnores } from "./config.js";
export { countSeverities, type FileResult } from "./format/file-result.js";
export { formatSarif, type ToolInfo } from "./format/sarif.js";
export { formatGithub, formatGnu, formatCheckstyle, formatJson, formatJsonLine, formatTtyFile, formatTtySummary, PLAIN_STYLE, type TtyStyle } from "./format/text-formats.js";
