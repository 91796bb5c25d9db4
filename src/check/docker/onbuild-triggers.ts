/**
 * ONBUILD triggers in a check run, as BuildKit v0.25.2 sets them up before dispatching
 * (`frontend/dockerfile/dockerfile2llb/convert.go`, the reachable-stages loop of `toDispatchState` and
 * `initOnBuildTriggers`): a stage built FROM another stage runs that stage's own ONBUILD instructions
 * first, a stage FROM an image runs the image's `OnBuild` triggers first, each parsed on its own and
 * placed at the stage's FROM (so its findings carry the FROM's lines). Only stages reachable from the
 * target (the last stage: a check names none) get their triggers, although a check dispatches every
 * stage (verified on Docker 28.5.2). A trigger that does not parse as one instruction ends the run.
 *
 * @module
 */
import type { BaseImage } from "../../image/base-image.js";
import type { FromInstruction, Instruction } from "../../parse/instruction.js";
import { parseDockerfile } from "../../parse/parse-dockerfile.js";
import { mountSources, mountValues } from "../../parse/run-mount.js";

/** What the triggers need to know of a stage. */
export interface TriggerStage {
  readonly from: FromInstruction;
  readonly instructions: readonly Instruction[];
  /** The stage this one is built FROM, or `null`. */
  readonly parent: number | null;
  /** The external base image when the resolver knows it (`undefined`: scratch, a stage or unknown). */
  readonly image: BaseImage | undefined;
}

/** The triggered instructions of each stage, in order, or the error that ends the run. */
export type TriggerResult = { readonly ok: true; readonly triggers: readonly (readonly Instruction[])[] } | { readonly ok: false; readonly message: string; readonly stage: number };

/**
 * Sets up the ONBUILD triggers of every stage; `stageIndex` names the stage a `COPY --from` or
 * `RUN --mount=from=` value refers to (`undefined`: an image).
 */
export function onbuildTriggers(stages: readonly TriggerStage[], stageIndex: (name: string) => number | undefined): TriggerResult {
  const reachable = reachableFromTarget(stages, stageIndex);
  const triggers: Instruction[][] = stages.map(() => []);
  for (let k = 0; k < stages.length; k++) {
    if (!reachable.has(k)) continue;
    const s = stages[k]!;
    const expressions =
      s.parent !== null
        ? stages[s.parent]!.instructions.flatMap((i) => (i.keyword === "ONBUILD" ? [i.expression] : []))
        : [...(s.image?.config.OnBuild ?? [])];
    for (const expression of expressions) {
      const parsed = parseDockerfile(expression);
      const entry = parsed.entries[0];
      if (parsed.entries.length !== 1 || entry === undefined) return { ok: false, message: "onbuild trigger should be a single expression", stage: k };
      if (!entry.ok) return { ok: false, message: entry.failures[0]!.message, stage: k };
      const r = s.from.range;
      // Placed at the FROM; a trigger's own heredoc lines mean nothing there.
      const placed = { ...entry.instruction, range: r, keywordRange: r, line: r.start.line + 1, triggeredBy: expression } as Instruction;
      triggers[k]!.push("heredocs" in placed ? ({ ...placed, heredocs: [] } as Instruction) : placed);
    }
  }
  return { ok: true, triggers };
}

// resolveReachableStages: the target and, transitively, the stages it is built FROM, copies from or mounts.
function reachableFromTarget(stages: readonly TriggerStage[], stageIndex: (name: string) => number | undefined): Set<number> {
  const seen = new Set<number>();
  const todo = [stages.length - 1];
  while (todo.length > 0) {
    const k = todo.pop()!;
    if (k < 0 || seen.has(k)) continue;
    seen.add(k);
    const s = stages[k]!;
    if (s.parent !== null) todo.push(s.parent);
    for (const i of s.instructions) {
      if (i.keyword === "COPY" && i.from !== null) {
        const n = /^[+-]?\d+$/.test(i.from) ? Number(i.from) : stageIndex(i.from);
        if (n !== undefined) todo.push(n);
      }
      if (i.keyword === "RUN") {
        for (const from of mountSources(mountValues(i.flags))) {
          const n = stageIndex(from);
          if (n !== undefined) todo.push(n);
        }
      }
    }
  }
  return seen;
}
