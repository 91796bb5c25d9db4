import { parsePortSpecList } from "../../docker/index.js";
import { upsertEntries } from "../../image/config.js";
import type { ExposeInstruction } from "../../parse/instruction.js";
import { byInstruction, commitMetadata, expandWordsIn, fail, type EvalContext } from "../context.js";
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
  const parsed = parsePortSpecList(words, ctx.builder);
  if (!parsed.ok) {
    fail(ctx, FailurePhase.dispatch, "build/invalid-value", parsed.error, i.argsRange, state);
    return;
  }
  const origin = byInstruction(state, i);
  state.config = { ...state.config, ExposedPorts: upsertEntries(state.config.ExposedPorts, [...new Set(parsed.value)].map((key) => ({ key, value: "" })), origin) };
  commitMetadata(ctx, state, i, ctx.builder === "buildkit" ? `EXPOSE ${goList(parsed.value)}` : `EXPOSE ${words.join(" ")}`);
}
