/**
 * What a COPY/ADD source names in the build context, for the trap rules: when the simulation was
 * given a context, rules judge by the real entry (its type, its content) instead of by the name.
 *
 * @module
 */
import type { ContextEntry } from "../../fs/context-types.js";
import { resolveInContext } from "../../fs/context/context-path.js";
import { resolveContext } from "../../evaluate/stage-files.js";
import type { LintContext } from "../rule.js";

/**
 * The context entry a source names (symlinks followed inside the context), `null` when the
 * context has no such entry, or `undefined` when the simulation had no context to look in.
 */
export function contextSourceEntry(ctx: LintContext, source: string): ContextEntry | null | undefined {
  const context = resolveContext(ctx.options.context, ctx.sim.evaluation.builder);
  if (context === null) return undefined;
  return context.get(resolveInContext(context, source)) ?? null;
}
