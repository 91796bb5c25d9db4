/**
 * The stage graph a check run validates before resolving any base image: which stages each stage's
 * `COPY --from` and `RUN --mount` name, and no cycle among them.
 *
 * @module
 */
import { mountSources, mountValues } from "../../parse/run-mount.js";
import { spanOf, type LineSpan, type Stage, type StageState } from "./check-state.js";

/**
 * BuildKit v0.25.2 `frontend/dockerfile/dockerfile2llb/convert.go` `toCommand` and
 * `validateCircularDependency`: the stages COPY --from and RUN --mount name (a name is looked up among
 * all stages, the last of a duplicated name winning; a COPY --from index must exist) and no stage
 * depending on itself; else the error that ends the check run.
 */
export function checkStageDependencies(stages: readonly Stage[], byName: ReadonlyMap<string, StageState>, states: readonly StageState[]): { ok: true } | { ok: false; message: string; lines: LineSpan | null } {
  const edges: { to: number; lines: LineSpan }[][] = stages.map(() => []);
  for (let k = 0; k < stages.length; k++) {
    for (const i of stages[k]!.instructions) {
      // A RUN depends on the stages its mounts name (a mount without `from` names `scratch`).
      if (i.keyword === "RUN") {
        for (const from of mountSources(mountValues(i.flags))) {
          const target = byName.get(from.toLowerCase());
          if (target !== undefined) edges[k]!.push({ to: states.indexOf(target), lines: spanOf(i) });
        }
      }
      if (i.keyword !== "COPY" || i.from === null) continue;
      let to: number | undefined;
      if (/^[+-]?\d+$/.test(i.from)) {
        const n = Number(i.from);
        if (n < 0 || n >= stages.length) return { ok: false, message: `invalid stage index ${n}`, lines: spanOf(i) };
        to = n;
      } else {
        const target = byName.get(i.from.toLowerCase());
        to = target === undefined ? undefined : states.indexOf(target);
      }
      if (to !== undefined) edges[k]!.push({ to, lines: spanOf(i) });
    }
  }
  const visited = new Set<number>();
  const onPath = new Set<number>();
  const visit = (k: number): LineSpan | null => {
    if (visited.has(k)) return null;
    visited.add(k);
    onPath.add(k);
    for (const e of edges[k]!) {
      if (onPath.has(e.to)) return e.lines;
      const found = visit(e.to);
      if (found !== null) return found;
    }
    onPath.delete(k);
    return null;
  };
  for (let k = 0; k < stages.length; k++) {
    const at = visit(k);
    if (at !== null) return { ok: false, message: `circular dependency detected on stage: ${stages[k]!.name === "" ? `stage-${k}` : stages[k]!.name}`, lines: at };
  }
  return { ok: true };
}
