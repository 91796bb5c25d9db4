/**
 * The Docker check rules, one module per rule (named by the rule's slug in Docker's docs URL), each a
 * function the driver (`../docker-checks.ts`) calls at the point of its single pass where BuildKit
 * v0.25.2 runs the rule. {@link RULE_MODULES} maps every rule to its module, so the rule for a name, and
 * its spec (`spec/check/rules/<module>.spec.ts`), are found in one step.
 *
 * @module
 */
import type { DockerRuleName } from "../rule-table.js";

export { checkConsistentInstructionCasing } from "./consistent-instruction-casing.js";
export { checkCopyIgnoredFile } from "./copy-ignored-file.js";
export { checkDuplicateStageName } from "./duplicate-stage-name.js";
export { checkExposeInvalidFormat } from "./expose-invalid-format.js";
export { checkExposeProtoCasing } from "./expose-proto-casing.js";
export { checkFromAsCasing } from "./from-as-casing.js";
export { checkFromPlatformFlagConstDisallowed } from "./from-platform-flag-const-disallowed.js";
export { checkBaseImagePlatform, reportBaseImagePlatform, reportMountedImagePlatform, type BaseImagePlatformVerdict } from "./invalid-base-image-platform.js";
export { checkInvalidDefaultArgInFrom } from "./invalid-default-arg-in-from.js";
export { checkDefinitionDescription, descriptionComments } from "./invalid-definition-description.js";
export { checkJsonArgsRecommended } from "./json-args-recommended.js";
export { checkLegacyKeyValueFormat } from "./legacy-key-value-format.js";
export { checkMaintainerDeprecated } from "./maintainer-deprecated.js";
export { checkMultipleInstructionsDisallowed, type LastOfKind } from "./multiple-instructions-disallowed.js";
export { checkNoEmptyContinuation } from "./no-empty-continuation.js";
export { checkRedundantTargetPlatform, type PlatformExpansion } from "./redundant-target-platform.js";
export { checkReservedStageName } from "./reserved-stage-name.js";
export { checkSecretsUsedInArgOrEnv } from "./secrets-used-in-arg-or-env.js";
export { checkStageNameCasing } from "./stage-name-casing.js";
export { checkUndefinedArgInFrom } from "./undefined-arg-in-from.js";
export { checkUndefinedVar } from "./undefined-var.js";
export { checkWorkdirRelativePath } from "./workdir-relative-path.js";

/** Each rule's module in this folder (without `.ts`). */
export const RULE_MODULES: Readonly<Record<DockerRuleName, string>> = {
  StageNameCasing: "stage-name-casing",
  FromAsCasing: "from-as-casing",
  NoEmptyContinuation: "no-empty-continuation",
  ConsistentInstructionCasing: "consistent-instruction-casing",
  DuplicateStageName: "duplicate-stage-name",
  ReservedStageName: "reserved-stage-name",
  JSONArgsRecommended: "json-args-recommended",
  MaintainerDeprecated: "maintainer-deprecated",
  UndefinedArgInFrom: "undefined-arg-in-from",
  WorkdirRelativePath: "workdir-relative-path",
  UndefinedVar: "undefined-var",
  MultipleInstructionsDisallowed: "multiple-instructions-disallowed",
  LegacyKeyValueFormat: "legacy-key-value-format",
  InvalidBaseImagePlatform: "invalid-base-image-platform",
  RedundantTargetPlatform: "redundant-target-platform",
  SecretsUsedInArgOrEnv: "secrets-used-in-arg-or-env",
  InvalidDefaultArgInFrom: "invalid-default-arg-in-from",
  FromPlatformFlagConstDisallowed: "from-platform-flag-const-disallowed",
  CopyIgnoredFile: "copy-ignored-file",
  InvalidDefinitionDescription: "invalid-definition-description",
  ExposeProtoCasing: "expose-proto-casing",
  ExposeInvalidFormat: "expose-invalid-format",
};
