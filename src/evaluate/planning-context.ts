import type { BuilderRules } from "../builders/index.js";
import type { Builder } from "../core/builder.js";
import type { Budgets, WorkMeter } from "../core/budget.js";
import type { EscapeToken, ExpandOptions } from "../expand/index.js";
import type { WithSink } from "./diagnostic-sink.js";

/** What planning needs: the builder and its rules, the sink, the escape token, the budgets. */
export interface PlanningContext extends WithSink {
  readonly builder: Builder;
  /** What the builder does differently (see `src/builders`). */
  readonly rules: BuilderRules;
  readonly escape: EscapeToken;
  /** The budgets in force (defaults with the caller's overrides). */
  readonly budgets: Budgets;
  /** The work done so far (see {@link WorkMeter}), for {@link Evaluation.work}. */
  readonly work: WorkMeter;
  /** The options of every expansion in the build (this escape token, budgets and meter): one object, not one per word. */
  readonly expand: ExpandOptions;
}
