import type { Builder } from "../core/builder.js";
import { rulesOf } from "../builders/index.js";
import { parseImageReference } from "../docker/index.js";
import { expandWord } from "../expand/index.js";
import type { CopyInstruction } from "../parse/instruction.js";
import type { PlannedStage } from "./stage-plan.js";

/** What a `COPY --from` value refers to. */
export type CopySource =
  | { readonly kind: "stage"; readonly index: number }
  | { readonly kind: "image"; readonly ref: string }
  | { readonly kind: "error"; readonly message: string };

/** Finds a stage by name, case-insensitively; with duplicates, the last definition (BuildKit) wins. */
export function findStageByName(stages: readonly PlannedStage[], name: string, before = stages.length): number | undefined {
  let index = NAME_INDEX.get(stages);
  if (index === undefined) {
    index = new Map();
    for (const s of stages) if (s.name !== null) index.set(s.name, [...(index.get(s.name) ?? []), s.index]);
    NAME_INDEX.set(stages, index);
  }
  const found = index.get(name.toLowerCase());
  if (found === undefined) return undefined;
  for (let i = found.length - 1; i >= 0; i--) if (found[i]! < before) return found[i];
  return undefined;
}

/** Stage indexes by lower-cased name, per plan (a name is usually defined once). */
const NAME_INDEX = new WeakMap<readonly PlannedStage[], Map<string, number[]>>();

/**
 * Resolves `COPY --from=<value>` the way BuildKit's `toCommand` does: the value is never expanded
 * (a `$` in it is an error), digits are a stage index, a stage name matches case-insensitively,
 * and anything else is an image.
 */
export function resolveCopyFrom(builder: Builder, stages: readonly PlannedStage[], current: number, c: CopyInstruction): CopySource | null {
  const from = c.from;
  if (from === null || from === "") return null;
  const rules = rulesOf(builder);
  if (rules.rejectsVariablesInCopyFrom) {
    const probe = expandWord(from, () => undefined, { escape: "\\" });
    if (!probe.ok || probe.value !== from) {
      return { kind: "error", message: "variable expansion is not supported for --from, define a new stage with FROM using ARG from global scope as a workaround" };
    }
  }
  if (/^[+-]?\d+$/.test(from)) {
    const index = Number(from);
    if (!rules.copyFromSeesEarlierStagesOnly) {
      if (index < 0 || index >= stages.length) return { kind: "error", message: `invalid stage index ${index}` };
      return { kind: "stage", index };
    }
    if (index === current) return { kind: "error", message: `invalid from flag value ${from}: refers to current build stage` };
    if (index < 0 || index > current) return { kind: "error", message: `invalid from flag value ${from}: index out of bounds` };
    return { kind: "stage", index };
  }
  const byName = findStageByName(stages, from, rules.copyFromSeesEarlierStagesOnly ? current : stages.length);
  if (byName !== undefined) return { kind: "stage", index: byName };
  // The classic builder pulls the value as an image and wraps the failure (moby `getImageMount`), so an
  // invalid reference fails: `invalid from flag value $S: invalid reference format: …` (verified, doc F).
  if (rules.copyFromValidatesImageReference) {
    const ref = parseImageReference(from);
    if (!ref.ok) return { kind: "error", message: `invalid from flag value ${from}: ${ref.error}` };
  }
  return { kind: "image", ref: from };
}

/** The stages BuildKit builds for a target: its FROM chain and every `COPY --from` and `RUN --mount` stage, transitively. */
export function reachableStages(target: number, deps: ReadonlyMap<number, ReadonlySet<number>>): Set<number> {
  const seen = new Set<number>();
  const stack = [target];
  while (stack.length > 0) {
    const s = stack.pop()!;
    if (seen.has(s)) continue;
    seen.add(s);
    for (const d of deps.get(s) ?? []) stack.push(d);
  }
  return seen;
}

/** The first stage found on a dependency cycle, if any (BuildKit `validateCircularDependency`). */
export function findCycle(count: number, deps: ReadonlyMap<number, ReadonlySet<number>>): number | undefined {
  const state = new Array<number>(count).fill(0);
  const visit = (s: number): number | undefined => {
    if (state[s] === 1) return s;
    if (state[s] === 2) return undefined;
    state[s] = 1;
    for (const d of deps.get(s) ?? []) {
      const hit = visit(d);
      if (hit !== undefined) return hit;
    }
    state[s] = 2;
    return undefined;
  };
  for (let s = 0; s < count; s++) {
    const hit = visit(s);
    if (hit !== undefined) return hit;
  }
  return undefined;
}
