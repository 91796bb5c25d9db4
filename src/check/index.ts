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
