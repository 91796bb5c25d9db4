import { formatHealthcheckHistory } from "../../docker/index.js";
import type { HealthConfig } from "../../image/config.js";
import type { HealthcheckInstruction } from "../../parse/instruction.js";
import { byInstruction, commitMetadata, type EvalContext } from "../context.js";
import type { StageState } from "../stage-state.js";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
const FIELDS = ["Interval", "Timeout", "StartPeriod", "StartInterval", "Retries"] as const;

/**
 * `HEALTHCHECK …`: replaces the inherited check; `NONE` disables it. The classic builder's commit
 * goes through the daemon's config `merge`, so every zero option of the new check is taken from
 * the previous one (verified on 28.5: `HEALTHCHECK NONE` over a base check keeps its Interval).
 */
export function applyHealthcheck(ctx: EvalContext, state: StageState, i: HealthcheckInstruction): void {
  const o = i.options;
  const hc: Mutable<HealthConfig> = { Test: i.test };
  const values = { Interval: o.interval, Timeout: o.timeout, StartPeriod: o.startPeriod, StartInterval: o.startInterval, Retries: o.retries };
  const previous = state.config.Healthcheck.value;
  for (const f of FIELDS) {
    const v = values[f] !== 0 ? values[f] : ctx.rules.healthcheckZeroKeepsPrevious ? previous?.[f] ?? 0 : 0;
    if (v !== 0) hc[f] = v;
  }
  state.config = { ...state.config, Healthcheck: { value: hc, origin: byInstruction(state, i), replaced: state.config.Healthcheck } };
  const history = formatHealthcheckHistory(
    i.test,
    { interval: BigInt(o.interval), timeout: BigInt(o.timeout), startPeriod: BigInt(o.startPeriod), startInterval: BigInt(o.startInterval), retries: o.retries },
    ctx.builder,
  );
  commitMetadata(ctx, state, i, history);
}
