import { parsePortRange, portRangeKeys, type PortRange } from "../../docker/index.js";
import { appendPortSpans, type TracedPortSpan } from "../../image/exposed-ports.js";
import type { ExposeInstruction } from "../../parse/instruction.js";
import { byInstruction, chargeConfigEntries, commitMetadata, exceedBudget, expandWordsIn, fail, type EvalContext } from "../context.js";
import { FailurePhase } from "../failure-phase.js";
import { goList } from "../history-text.js";
import type { StageState } from "../stage-state.js";

/**
 * `EXPOSE port[/proto] …`: each word expanded with word splitting, then parsed as a port spec
 * (protocol lower-cased, default `tcp`) and added to the inherited ports as one span, however
 * wide its range: the ports are listed only when the config is shown (image/exposed-ports).
 * BuildKit's history text lists every parsed key, duplicates included: it too is written out
 * only when read.
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
  // The simulator holds a range as one span, but each port it names is a key of the config (and
  // of BuildKit's history text) that Docker writes and the report lists: the configEntries budget
  // is charged the ports, which bounds that output.
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
  ctx.work.entries += ranges.length;
  const origin = byInstruction(state, i);
  const spans = ranges.map((r): TracedPortSpan => ({ kind: "range", start: r.start, end: r.end, proto: r.proto, origin }));
  state.config = { ...state.config, ExposedPorts: appendPortSpans(state.config.ExposedPorts, spans) };
  commitMetadata(ctx, state, i, ctx.rules.exposeHistoryListsPorts ? () => `EXPOSE ${goList(ranges.flatMap(portRangeKeys))}` : `EXPOSE ${words.join(" ")}`);
}
