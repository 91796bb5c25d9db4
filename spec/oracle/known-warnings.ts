/**
 * The `simulator/known-divergence` warnings a simulation gave for one builder, as the differential
 * harnesses carry them: one string per warning, `<divergence id>: <message>`. Both the Dockerfile
 * differential (`differential.ts`) and the COPY/ADD comparison (`../fs/copy/compare.ts`) use it, so the
 * format is defined here once, with {@link divergenceIdOf} to read the id back.
 *
 * @module
 */
import { isKnownDivergence, type KnownDivergenceId } from "../../src/core/diagnostic.js";
import type { Builder } from "../../src/core/builder.js";
import type { Simulation } from "../../src/simulate.js";

/** The known-divergence warnings of `sim` that concern `builder` (those without a builder concern both). */
export function knownDivergenceWarnings(sim: Simulation, builder: Builder): string[] {
  return sim.diagnostics.filter(isKnownDivergence).filter((d) => d.builder === undefined || d.builder === builder).map((d) => `${d.divergence}: ${d.message}`);
}

/** The divergence id a warning of {@link knownDivergenceWarnings} starts with. */
export function divergenceIdOf(warning: string): KnownDivergenceId {
  return warning.slice(0, warning.indexOf(": ")) as KnownDivergenceId;
}
