/**
 * The tools the benchmark compares, each a function of the Dockerfile text whose result is
 * consumed (so no engine can drop the work).
 *
 * @module
 */
import { DockerfileParser } from "dockerfile-ast";
import { validate } from "dockerfile-utils";
import { simulate } from "../src/simulate.js";

/** The names of the measured tools, in report order. */
export const TOOL_NAMES = ["dockerfile-ast", "dockerfile-utils", "simulate-legacy", "simulate-buildkit"] as const;
export type ToolName = (typeof TOOL_NAMES)[number];

/** What each tool does, for the report. */
export const TOOL_DESCRIPTIONS: Readonly<Record<ToolName, string>> = {
  "dockerfile-ast": "dockerfile-ast DockerfileParser.parse (bare parse, the floor)",
  "dockerfile-utils": "dockerfile-utils validate (default settings)",
  "simulate-legacy": "simulate(text, { builder: \"legacy\" }): parse, evaluate every stage up to the target, resolve the run command",
  "simulate-buildkit": "simulate(text, { builder: \"buildkit\" }): parse, evaluate the stages the target needs, resolve the run command",
};

/** Runs one tool over one text and returns a small number derived from its result. */
export const TOOLS: Readonly<Record<ToolName, (text: string) => number>> = {
  "dockerfile-ast": (text) => DockerfileParser.parse(text).getInstructions().length,
  "dockerfile-utils": (text) => validate(text).length,
  "simulate-legacy": (text) => simulate(text, { builder: "legacy" }).diagnostics.length,
  "simulate-buildkit": (text) => simulate(text, { builder: "buildkit" }).diagnostics.length,
};

export function isToolName(s: string): s is ToolName {
  return (TOOL_NAMES as readonly string[]).includes(s);
}
