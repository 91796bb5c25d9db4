/**
 * Docker's Dockerfile build checks as Docker Engine 28.5 runs them (the Dockerfile frontend of BuildKit
 * v0.25.2 built into dockerd): each rule's name, description, documentation URL and whether it is
 * experimental, and the detail text of a finding. The rule set and texts are those of moby/buildkit
 * `frontend/dockerfile/linter/ruleset.go` at v0.25.2, verified against `docker buildx build
 * --call=check,format=json` on a 28.5 engine (spec/fixtures/engine-28.5/checks.json).
 *
 * @module
 */

import { goQuote } from "../../docker/go-quote.js";

/** The names of Docker 28.5's check rules (the `ruleId` of a SARIF result, the name `# check=skip=` takes). */
export type DockerRuleName =
  | "StageNameCasing"
  | "FromAsCasing"
  | "NoEmptyContinuation"
  | "ConsistentInstructionCasing"
  | "DuplicateStageName"
  | "ReservedStageName"
  | "JSONArgsRecommended"
  | "MaintainerDeprecated"
  | "UndefinedArgInFrom"
  | "WorkdirRelativePath"
  | "UndefinedVar"
  | "MultipleInstructionsDisallowed"
  | "LegacyKeyValueFormat"
  | "InvalidBaseImagePlatform"
  | "RedundantTargetPlatform"
  | "SecretsUsedInArgOrEnv"
  | "InvalidDefaultArgInFrom"
  | "FromPlatformFlagConstDisallowed"
  | "CopyIgnoredFile"
  | "InvalidDefinitionDescription"
  | "ExposeProtoCasing"
  | "ExposeInvalidFormat";

/** What Docker says about one rule. */
export interface DockerRule {
  readonly name: DockerRuleName;
  readonly description: string;
  /** Docker's documentation page (`null` for InvalidBaseImagePlatform, which has none in 28.5). */
  readonly url: string | null;
  /** Experimental rules run only when `# check=experimental=<name>` (or `all`) enables them. */
  readonly experimental: boolean;
  /** Whether the rule needs facts about base images (their config or platform) to be decided. */
  readonly needsBaseImage: boolean;
}

const DOCS = "https://docs.docker.com/go/dockerfile/rule/";

function rule(name: DockerRuleName, slug: string | null, description: string, experimental = false, needsBaseImage = false): DockerRule {
  return { name, description, url: slug === null ? null : `${DOCS}${slug}/`, experimental, needsBaseImage };
}

/** Every rule of Docker 28.5, in the order of its rule set. */
export const DOCKER_RULES: readonly DockerRule[] = [
  rule("StageNameCasing", "stage-name-casing", "Stage names should be lowercase"),
  rule("FromAsCasing", "from-as-casing", "The 'as' keyword should match the case of the 'from' keyword"),
  rule("NoEmptyContinuation", "no-empty-continuation", "Empty continuation lines will become errors in a future release"),
  rule("ConsistentInstructionCasing", "consistent-instruction-casing", "All commands within the Dockerfile should use the same casing (either upper or lower)"),
  rule("DuplicateStageName", "duplicate-stage-name", "Stage names should be unique"),
  rule("ReservedStageName", "reserved-stage-name", "Reserved words should not be used as stage names"),
  rule("JSONArgsRecommended", "json-args-recommended", "JSON arguments recommended for ENTRYPOINT/CMD to prevent unintended behavior related to OS signals"),
  rule("MaintainerDeprecated", "maintainer-deprecated", "The MAINTAINER instruction is deprecated, use a label instead to define an image author"),
  rule("UndefinedArgInFrom", "undefined-arg-in-from", "FROM command must use declared ARGs"),
  rule("WorkdirRelativePath", "workdir-relative-path", "Relative workdir without an absolute workdir declared within the build can have unexpected results if the base image changes"),
  rule("UndefinedVar", "undefined-var", "Variables should be defined before their use", false, true),
  rule("MultipleInstructionsDisallowed", "multiple-instructions-disallowed", "Multiple instructions of the same type should not be used in the same stage"),
  rule("LegacyKeyValueFormat", "legacy-key-value-format", "Legacy key/value format with whitespace separator should not be used"),
  rule("InvalidBaseImagePlatform", null, "Base image platform does not match expected target platform", false, true),
  rule("RedundantTargetPlatform", "redundant-target-platform", "Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the default behavior"),
  rule("SecretsUsedInArgOrEnv", "secrets-used-in-arg-or-env", "Sensitive data should not be used in the ARG or ENV commands"),
  rule("InvalidDefaultArgInFrom", "invalid-default-arg-in-from", "Default value for global ARG results in an empty or invalid base image name"),
  rule("FromPlatformFlagConstDisallowed", "from-platform-flag-const-disallowed", "FROM --platform flag should not use a constant value"),
  rule("CopyIgnoredFile", "copy-ignored-file", "Attempting to Copy file that is excluded by .dockerignore", true),
  rule(
    "InvalidDefinitionDescription",
    "invalid-definition-description",
    "Comment for build stage or argument should follow the format: `# <arg/stage name> <description>`. If this is not intended to be a description comment, add an empty line or comment between the instruction and the comment.",
    true,
  ),
  rule("ExposeProtoCasing", "expose-proto-casing", "Protocol in EXPOSE instruction should be lowercase"),
  rule("ExposeInvalidFormat", "expose-invalid-format", "IP address and host-port mapping should not be used in EXPOSE instruction. This will become an error in a future release"),
];

const BY_NAME = new Map(DOCKER_RULES.map((r) => [r.name, r]));

/** The rule called `name`, or `undefined` (rule names are case-sensitive, as in `# check=skip=`). */
export function dockerRule(name: string): DockerRule | undefined {
  return BY_NAME.get(name as DockerRuleName);
}

const q = goQuote;

/**
 * The detail texts of Docker's findings, one function per rule, taking what Docker's message names.
 * Strings Docker formats with `%q` are quoted as Go quotes them.
 */
export const DETAIL = {
  StageNameCasing: (stage: string) => `Stage name '${stage}' should be lowercase`,
  FromAsCasing: (from: string, as: string) => `'${as}' and '${from}' keywords' casing do not match`,
  NoEmptyContinuation: () => "Empty continuation line",
  ConsistentInstructionCasing: (command: string, casing: "lowercase" | "uppercase") => `Command '${command}' should match the case of the command majority (${casing})`,
  DuplicateStageName: (stage: string) => `Duplicate stage name ${q(stage)}, stage names should be unique`,
  ReservedStageName: (stage: string) => `Stage name should not use the same name as reserved stage ${q(stage)}`,
  JSONArgsRecommended: (instruction: string) => `JSON arguments recommended for ${instruction} to prevent unintended behavior related to OS signals`,
  MaintainerDeprecated: () => "Maintainer instruction is deprecated in favor of using label",
  UndefinedArgInFrom: (arg: string, suggestion: string | undefined) =>
    `FROM argument '${arg}' is not declared${suggestion === undefined ? "" : ` (did you mean ${suggestion}?)`}`,
  WorkdirRelativePath: (workdir: string) => `Relative workdir ${q(workdir)} can have unexpected results if the base image changes`,
  UndefinedVar: (name: string, suggestion: string | undefined) =>
    `Usage of undefined variable '$${name}'${suggestion === undefined ? "" : ` (did you mean $${suggestion}?)`}`,
  MultipleInstructionsDisallowed: (instruction: string) =>
    `Multiple ${instruction} instructions should not be used in the same stage because only the last one will be used`,
  LegacyKeyValueFormat: (instruction: string) => `"${instruction} key=value" should be used instead of legacy "${instruction} key value" format`,
  InvalidBaseImagePlatform: (image: string, expected: string, actual: string) =>
    `Base image ${image} was pulled with platform ${q(actual)}, expected ${q(expected)} for current build`,
  RedundantTargetPlatform: (platform: string) => `Setting platform to predefined ${platform} in FROM is redundant as this is the default behavior`,
  SecretsUsedInArgOrEnv: (instruction: "ARG" | "ENV", key: string) => `Do not use ARG or ENV instructions for sensitive data (${instruction} ${q(key)})`,
  InvalidDefaultArgInFrom: (baseName: string) => `Default value for ARG ${baseName} results in empty or invalid base image name`,
  FromPlatformFlagConstDisallowed: (platform: string) => `FROM --platform flag should not use constant value ${q(platform)}`,
  CopyIgnoredFile: (instruction: "Copy" | "Add", file: string) => `Attempting to ${instruction} file ${q(file)} that is excluded by .dockerignore`,
  InvalidDefinitionDescription: (instruction: "FROM" | "ARG", name: string) => `Comment for ${instruction} should follow the format: \`# ${name} <description>\``,
  ExposeProtoCasing: (port: string) => `Defined protocol '${port}' in EXPOSE instruction should be lowercase`,
  ExposeInvalidFormat: (port: string) => `EXPOSE instruction should not define an IP address or host-port mapping, found '${port}'`,
} as const satisfies Record<DockerRuleName, (...args: never[]) => string>;
