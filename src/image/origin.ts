import type { Range } from "../core/range.js";
import type { Keyword } from "../parse/keywords.js";

/** Where an instruction that set a value is. */
export interface InstructionSite {
  /** The stage's name, or its index as a string when it has none. */
  readonly stage: string;
  readonly keyword: Keyword;
  /** 1-based line. */
  readonly line: number;
  readonly range: Range;
  /** The instruction as written (its logical line). */
  readonly text: string;
  /**
   * Where the instruction is in its stage: its 0-based position among the stage's own instructions
   * (the index of its state in `StageResult.steps`), among the global ARGs for stage `global`, or
   * -1 for an ONBUILD trigger (which runs before the stage's own instructions).
   */
  readonly index: number;
  /** How a command-bearing instruction (RUN, CMD, ENTRYPOINT) was written; absent for the others. */
  readonly form?: "exec" | "shell";
  /** When it ran as an ONBUILD trigger: the image or stage whose trigger it was. */
  readonly triggeredBy?: string;
}

/**
 * Why a value is what it is: a discriminated union on `kind`.
 *
 * - `instruction`: set by a Dockerfile instruction;
 * - `base-image`: inherited from an external base image's config; `unknown` when no source knew the
 *   image, so the value is the empty one the simulator took in its place, not the image's;
 * - `default`: a builder default (the default `PATH`, the scratch `WorkingDir`);
 * - `reset`: cleared by an instruction (ENTRYPOINT clearing an inherited CMD);
 * - `run`: a `docker run` option or argument.
 */
export type Origin =
  | { readonly kind: "instruction"; readonly site: InstructionSite }
  | { readonly kind: "base-image"; readonly image: string; readonly unknown?: true }
  | { readonly kind: "default"; readonly reason: string }
  | { readonly kind: "reset"; readonly site: InstructionSite; readonly reason: string }
  | { readonly kind: "run"; readonly option: string };

/**
 * The stages a value was inherited through (`FROM <stage>`), nearest first, as a persistent
 * linked list: inheriting through one more stage adds one link in front and shares the rest, so a
 * chain of `FROM <stage>` costs the same per stage however deep it is. {@link viaStages} lists the
 * names as an array.
 *
 * @example
 * ```ts
 * // FROM base AS a … FROM a AS b … FROM b: a value set in `base`, seen in the last stage
 * const via: Via = { stage: "b", next: { stage: "a", next: { stage: "base", next: null } } };
 * viaStages(via); // ["b", "a", "base"]
 * ```
 */
export interface Via {
  /** The stage (its label: the name, or the index as a string) the value came through. */
  readonly stage: string;
  /**
   * The stages before that one, or null when `stage` is the first stage the value was in (the one
   * that set it, or that took it from its base image).
   */
  readonly next: Via | null;
}

/**
 * A value with its origin. `via` lists the stages it was inherited through (`FROM <stage>`),
 * nearest first, as a shared linked list (`viaStages` gives the array); `replaced` is the
 * value it overrode, when there was one.
 */
export interface Traced<T> {
  readonly value: T;
  readonly origin: Origin;
  readonly via?: Via;
  readonly replaced?: Traced<T>;
}

/**
 * The stage labels of a {@link Via} list, nearest first; `[]` when there is none.
 *
 * @example
 * ```ts
 * viaStages(sim.stage!.config.Cmd.via); // ["build"] for a Cmd inherited through `FROM build`
 * ```
 */
export function viaStages(via: Via | null | undefined): string[] {
  const out: string[] = [];
  for (let v = via; v !== null && v !== undefined; v = v.next) out.push(v.stage);
  return out;
}

/** Marks a traced value as inherited through a stage (one new link; the older ones are shared). */
export function inheritedVia<T>(t: Traced<T>, stage: string): Traced<T> {
  return { ...t, via: { stage, next: t.via ?? null } };
}
