import { parsePortRange, portRangeKeys, type PortRange } from "../../docker/index.js";
import { upsertEntries } from "../../image/config.js";
import type { ExposeInstruction } from "../../parse/instruction.js";
import { byInstruction, chargeConfigEntries, commitMetadata, exceedBudget, expandWordsIn, fail, type EvalContext } from "../context.js";
import { FailurePhase } from "../failure-phase.js";
import { goList } from "../history-text.js";
import type { StageState } from "../stage-state.js";

/**
 * `EXPOSE port[/proto] …`: each word expanded with word splitting, then parsed as a port spec
 * (ranges expanded, protocol lower-cased, default `tcp`) and added to the inherited ports.
 * BuildKit's history text lists every parsed key, duplicates included.
 */
export function applyExpose(ctx: EvalContext, state: StageState, i: ExposeInstruction): void {
  const words: string[] = [];
  for (const p of i.ports) {
    const w = expandWordsIn(ctx, state, p.value, p.range);
    if (w === null) return;
    words.push(...w);
  }
  // BuildKit's dispatchExpose prints the parsed list as is (duplicates kept, in the parser's
  // sorted word order: convert_expose.go, BuildKit v0.25.2); the config keeps each key once.
  // Ranges are counted before they are listed: each port is an entry of the config, bounded by
  // the configEntries budget.
  const ranges: PortRange[] = [];
  let ports = 0;
  for (const w of words) {
    const r = parsePortRange(w, ctx.builder);
    if (!r.ok) {
      fail(ctx, FailurePhase.dispatch, "build/invalid-value", r.error, i.argsRange, state);
      return;
    }
    ranges.push(r.value);
    ports += r.value.end - r.value.start + 1;
  }
  if (!chargeConfigEntries(ctx, ports)) {
    exceedBudget(ctx, { budget: "configEntries", limit: ctx.budgets.configEntries }, `adding ${ports} exposed ports`, i.argsRange, state);
    return;
  }
  const keys = ranges.flatMap(portRangeKeys);
  const origin = byInstruction(state, i);
  state.config = { ...state.config, ExposedPorts: upsertEntries(state.config.ExposedPorts, [...new Set(keys)].map((key) => ({ key, value: "" })), origin) };
  commitMetadata(ctx, state, i, ctx.builder === "buildkit" ? `EXPOSE ${goList(keys)}` : `EXPOSE ${words.join(" ")}`);
}
