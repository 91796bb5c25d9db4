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
  /** When it ran as an ONBUILD trigger: the image or stage whose trigger it was. */
  readonly triggeredBy?: string;
}

/**
 * Why a value is what it is: a discriminated union on `kind`.
 *
 * - `instruction`: set by a Dockerfile instruction;
 * - `base-image`: inherited from an external base image's config;
 * - `default`: a builder default (the default `PATH`, the scratch `WorkingDir`);
 * - `reset`: cleared by an instruction (ENTRYPOINT clearing an inherited CMD);
 * - `run`: a `docker run` option or argument.
 */
export type Origin =
  | { readonly kind: "instruction"; readonly site: InstructionSite }
  | { readonly kind: "base-image"; readonly image: string }
  | { readonly kind: "default"; readonly reason: string }
  | { readonly kind: "reset"; readonly site: InstructionSite; readonly reason: string }
  | { readonly kind: "run"; readonly option: string };

/**
 * A value with its origin. `via` lists the stages it was inherited through (`FROM <stage>`),
 * nearest first; `replaced` is the value it overrode, when there was one.
 */
export interface Traced<T> {
  readonly value: T;
  readonly origin: Origin;
  readonly via?: readonly string[];
  readonly replaced?: Traced<T>;
}

/** Marks a traced value as inherited through a stage. */
export function inheritedVia<T>(t: Traced<T>, stage: string): Traced<T> {
  return { ...t, via: [stage, ...(t.via ?? [])] };
}
