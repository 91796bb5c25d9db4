/**
 * The per-builder rules: one module per builder ({@link BUILDKIT}, {@link LEGACY}) behind
 * {@link BuilderRules}.
 *
 * @module
 */
import type { Builder } from "../core/builder.js";
import type { BuilderRules } from "./builder-rules.js";
import { BUILDKIT } from "./buildkit.js";
import { LEGACY } from "./legacy.js";

export type { BuilderRules } from "./builder-rules.js";
export { BUILDKIT_REF_PLACEHOLDER, ROOTFS_PLACEHOLDER, type CopyHistoryParts, type CopyRules } from "./copy-rules.js";
export { BUILDKIT_COPY } from "./buildkit-copy.js";
export { LEGACY_COPY } from "./legacy-copy.js";
export { BUILDKIT } from "./buildkit.js";
export { LEGACY } from "./legacy.js";

/**
 * The rules of a builder.
 *
 * @example
 * ```ts
 * rulesOf("legacy").metadataCreatedBy('ENV A=1', ["/bin/sh", "-c"], false); // "/bin/sh -c #(nop)  ENV A=1"
 * ```
 */
export function rulesOf(builder: Builder): BuilderRules {
  return builder === "buildkit" ? BUILDKIT : LEGACY;
}
