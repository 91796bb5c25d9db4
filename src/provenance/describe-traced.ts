import { assertNever } from "../core/assert-never.js";
import { viaStages, type Origin, type Via } from "../image/origin.js";
import { describeOrigin } from "./describe-origin.js";

/** A value with its origin, in either of the two traced shapes (a field or a collection entry). */
export interface TracedLike {
  readonly origin: Origin;
  /** The stages it was inherited through, nearest first. */
  readonly via?: Via;
  readonly replaced?: (TracedLike & { readonly value: unknown }) | undefined;
}

/** A value shown for people: `(unset)` for null/empty, JSON otherwise. */
export function showValue(v: unknown): string {
  if (v === null || v === undefined || v === "") return "(unset)";
  if (Array.isArray(v) && v.length === 0) return "[] (empty)";
  return JSON.stringify(v);
}

function where(origin: Origin): string {
  switch (origin.kind) {
    case "instruction":
      return `set by ${origin.site.keyword} on line ${origin.site.line} (stage ${JSON.stringify(origin.site.stage)})`;
    case "base-image":
      return `from the base image ${origin.image}`;
    case "default":
      return `from a builder default (${origin.reason})`;
    case "reset":
      return `cleared by ${origin.site.keyword} on line ${origin.site.line}`;
    case "run":
      return `from docker run ${origin.option}`;
    default:
      return assertNever(origin, "origin");
  }
}

/**
 * One sentence on why a traced value is what it is. A reset names what it cleared and where that
 * came from: "Cmd [\"nginx\"] from the base image … was cleared by ENTRYPOINT on line 12 (stage
 * \"0\"), because no CMD was set in this stage before it, …".
 *
 * @example
 * ```ts
 * describeTraced("Cmd", sim.stage!.config.Cmd);
 * ```
 */
export function describeTraced(field: string, t: TracedLike): string {
  const o = t.origin;
  if (o.kind === "reset") {
    const stages = viaStages(t.via);
    const via = stages.length > 0 ? ` (inherited through stage ${stages.map((v) => JSON.stringify(v)).join(", ")})` : "";
    const before = t.replaced;
    const what = before === undefined || before.value === null ? `${field} is unset: ` : `${field} ${showValue(before.value)} ${where(before.origin)} `;
    const verb = before === undefined || before.value === null ? "cleared" : "was cleared";
    // The evaluator's reason may restate the clearing ("…, so the CMD inherited from the base was cleared"); the sentence already says it.
    const reason = o.reason;
    return `${what}${verb} by ${o.site.keyword} on line ${o.site.line} (stage ${JSON.stringify(o.site.stage)}), because ${reason}${via}`;
  }
  return describeOrigin(o, viaStages(t.via));
}

/** The values a traced value replaced, newest first, each with why it had been set (an unset base-image or default value is left out). */
export function earlierValues(t: TracedLike & { readonly value: unknown }, field: string): { value: string; why: string }[] {
  const out: { value: string; why: string }[] = [];
  // A reset's sentence already names the value it cleared.
  const first = t.origin.kind === "reset" ? t.replaced?.replaced : t.replaced;
  for (let r = first; r !== undefined; r = r.replaced) {
    const unset = r.value === null || r.value === "";
    if (unset && (r.origin.kind === "base-image" || r.origin.kind === "default")) continue;
    out.push({ value: showValue(r.value), why: describeTraced(field, r) });
  }
  return out;
}
