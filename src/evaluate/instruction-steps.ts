/**
 * The state a stage was in after each instruction, kept while evaluating so that questions about a
 * point of the Dockerfile (the variables an instruction sees, the config so far) are answered
 * without simulating again. Kept cheaply: the config and the variables are shared, not copied (the
 * variables live on persistent maps, see core/versioned-map.ts). The config's entry lists (Env,
 * ExposedPorts, Volumes, Labels) are extended in place by later instructions, so a recorded state
 * keeps their lengths, and {@link stateOf} undoes the later changes using each entry's provenance
 * (the instruction index it carries). Browser-safe.
 *
 * @module
 */
import type { TracedConfig, TracedEntry } from "../image/config.js";
import type { Instruction } from "../parse/instruction.js";
import type { StageState } from "./stage-state.js";
import type { VariableScope } from "./variables.js";

/** The state of a stage at one point: its config so far and the variables in force. */
export interface StageSnapshot {
  readonly config: TracedConfig;
  readonly scope: VariableScope;
}

/** A state as recorded: read it with {@link stateOf}. */
export interface RecordedState {
  /** The stage's label. */
  readonly stage: string;
  /** The index of the last instruction applied (in the stage's own instructions), or -1 for the start. */
  readonly at: number;
  readonly scope: VariableScope;
  /** @internal The config object of that point (its entry lists may have grown since). */
  readonly config: TracedConfig;
  /** @internal The lengths of Env, ExposedPorts, Volumes and Labels at that point. */
  readonly lengths: readonly [number, number, number, number];
}

/** The state of a stage right after one of its instructions. */
export interface InstructionStep extends RecordedState {
  readonly instruction: Instruction;
}

/** @internal Records the stage's state at its start (after the FROM and the base's ONBUILD triggers). */
export function recordStart(state: StageState): RecordedState {
  const c = state.config;
  return { stage: state.label, at: -1, scope: state.scope, config: c, lengths: [c.Env.length, c.ExposedPorts.length, c.Volumes.length, c.Labels.length] };
}

/**
 * @internal The states after a stage's instructions, as the evaluation records them: per
 * instruction, references to its scope and config and the four list lengths in flat arrays (no
 * object per instruction). {@link StepLog.steps} makes the {@link InstructionStep} objects when
 * they are first read, and only then (most simulations never read them).
 */
export class StepLog {
  private readonly scopes: VariableScope[] = [];
  private readonly configs: TracedConfig[] = [];
  /** Env, ExposedPorts, Volumes and Labels lengths, four per instruction. */
  private readonly lengths: number[] = [];
  private made: readonly InstructionStep[] | undefined;

  constructor(
    /** The stage's label. */
    private readonly stage: string,
    /** The stage's own instructions, in order (the k-th state is after the k-th of them). */
    private readonly instructions: readonly Instruction[],
  ) {}

  /** How many states are recorded. */
  get length(): number {
    return this.configs.length;
  }

  /** Records the stage's state right after its next instruction. */
  record(state: StageState): void {
    const c = state.config;
    this.scopes.push(state.scope);
    this.configs.push(c);
    this.lengths.push(c.Env.length, c.ExposedPorts.length, c.Volumes.length, c.Labels.length);
  }

  /** The recorded states as {@link InstructionStep}s (made on the first call, then the same array). */
  steps(): readonly InstructionStep[] {
    if (this.made !== undefined) return this.made;
    const out: InstructionStep[] = [];
    const l = this.lengths;
    for (let k = 0; k < this.configs.length; k++) {
      out.push({ stage: this.stage, at: k, scope: this.scopes[k]!, config: this.configs[k]!, lengths: [l[4 * k]!, l[4 * k + 1]!, l[4 * k + 2]!, l[4 * k + 3]!], instruction: this.instructions[k]! });
    }
    return (this.made = out);
  }
}

/** The entry as it was at the point: later same-stage instructions' replacements undone. */
function entryAt(e: TracedEntry, stage: string, at: number): TracedEntry | undefined {
  let cur: TracedEntry | undefined = e;
  while (cur !== undefined && cur.origin.kind === "instruction" && cur.origin.site.stage === stage && cur.origin.site.index > at) cur = cur.replaced;
  return cur;
}

function listAt(list: readonly TracedEntry[], length: number, stage: string, at: number): readonly TracedEntry[] {
  const out: TracedEntry[] = [];
  for (let k = 0; k < length; k++) {
    const e = entryAt(list[k]!, stage, at);
    if (e !== undefined) out.push(e);
  }
  return out;
}

/**
 * The config and variables of a recorded state, exactly as they were at that point.
 *
 * @example
 * ```ts
 * const stage = evaluateDockerfile("FROM scratch\nENV A=1\nENV A=2\n").target!;
 * stateOf(stage.steps[0]!).config.Env.find((e) => e.key === "A")?.value; // "1"
 * ```
 */
export function stateOf(r: RecordedState): StageSnapshot {
  const c = r.config;
  const [env, ports, volumes, labels] = r.lengths;
  return {
    scope: r.scope,
    config: {
      ...c,
      Env: listAt(c.Env, env, r.stage, r.at),
      // Spans are only ever appended: the first `ports` are the ones of that point.
      ExposedPorts: c.ExposedPorts.slice(0, ports),
      Volumes: listAt(c.Volumes, volumes, r.stage, r.at),
      Labels: listAt(c.Labels, labels, r.stage, r.at),
    },
  };
}
