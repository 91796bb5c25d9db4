import type { BuildFailureCode } from "../core/diagnostic.js";
import type { Range } from "../core/range.js";
import type { EscapeToken } from "../expand/index.js";
import type { RawFlag } from "./flags.js";
import type { Flag, Token } from "./instruction.js";
import type { Keyword } from "./keywords.js";
import { rangeAt, type LogicalLine } from "./logical-line.js";

/**
 * When Docker reports a parse failure:
 * - `1`: while reading lines (BuildKit `parser.Parse`): the first such error in the file wins;
 * - `2`: while typing instructions (`instructions.Parse`): reported as
 *   `dockerfile parse error on line N: …`, after every phase-1 check passed.
 */
export type ParsePhase = 1 | 2;

/** A parse failure with Docker's message and where it is. */
export interface ParseFailure {
  readonly phase: ParsePhase;
  readonly code: BuildFailureCode;
  /** The inner message; phase-2 failures get their `dockerfile parse error on line N: ` prefix when reported. */
  readonly message: string;
  readonly range: Range;
  /** Set when the failure is not wrapped in the `dockerfile parse error` prefix. */
  readonly bare?: boolean;
}

/** The outcome of parsing one instruction. */
export type InstructionOutcome<T> = { readonly ok: true; readonly instruction: T } | { readonly ok: false; readonly failures: readonly ParseFailure[] };

/** Everything an instruction parser needs about one logical line. */
export interface LineContext {
  readonly logical: LogicalLine;
  readonly escape: EscapeToken;
  readonly keyword: Keyword;
  readonly keywordText: string;
  readonly keywordRange: Range;
  /** The whole instruction's range. */
  readonly range: Range;
  /** The flags after the keyword. */
  readonly rawFlags: readonly RawFlag[];
  /** Offset in the logical text that the flag offsets are relative to. */
  readonly flagsOffset: number;
  /** Docker's 1-based line number of the instruction. */
  readonly line: number;
  /** The trimmed argument text after the flags. */
  readonly args: string;
  /** Offset of {@link args} in the logical text. */
  readonly argsOffset: number;
}

/** Maps offsets (relative to {@link LineContext.args}) to a {@link Range}. */
export function rangeIn(ctx: LineContext, start: number, end: number): Range {
  const base = ctx.argsOffset;
  return rangeAt(ctx.logical, base + start, base + end);
}

/** A token of the argument text, by offsets relative to {@link LineContext.args}. */
export function tokenIn(ctx: LineContext, value: string, start: number, end: number): Token {
  return { value, range: rangeIn(ctx, start, end) };
}

/** The range of all the arguments. */
export function argsRange(ctx: LineContext): Range {
  return rangeIn(ctx, 0, ctx.args.length);
}

/**
 * An empty list shared by every instruction that has none (flags, heredocs, excludes): the parse
 * result of a large Dockerfile is retained in full, and an empty array is an object of its own.
 * Frozen, as every list of the instruction model is read-only.
 */
export const NONE: readonly never[] = Object.freeze([]);

/** Flags with ranges, for the instruction model. */
export function flagsOf(ctx: LineContext): readonly Flag[] {
  if (ctx.rawFlags.length === 0) return NONE;
  const flagOffset = ctx.flagsOffset;
  return ctx.rawFlags.map((f) => {
    const eq = f.word.indexOf("=");
    const name = (eq < 0 ? f.word : f.word.slice(0, eq)).replace(/^--/, "");
    return {
      name,
      value: eq < 0 ? null : f.word.slice(eq + 1),
      range: rangeAt(ctx.logical, flagOffset + f.start, flagOffset + f.end),
    };
  });
}

/** The fields every instruction shares. */
export function commonOf<K extends Keyword>(ctx: LineContext & { readonly keyword: K }): {
  keyword: K; keywordText: string; range: Range; keywordRange: Range; line: number; original: string; argsText: string; argsRange: Range; flags: readonly Flag[];
} {
  return {
    keyword: ctx.keyword,
    keywordText: ctx.keywordText,
    range: ctx.range,
    keywordRange: ctx.keywordRange,
    line: ctx.line,
    original: ctx.logical.text,
    argsText: ctx.args,
    argsRange: argsRange(ctx),
    flags: flagsOf(ctx),
  };
}

/**
 * An instruction object: the {@link commonOf} fields, then the instruction's own. The own fields
 * are added to the common object (`Object.assign`) rather than spread into a new literal: V8 gave
 * every spread-built instruction a hidden class of its own (20,000 classes for 20,000 ENV lines,
 * about 0.3 KiB each, in a heap snapshot), while adding to the common object reuses one class
 * per instruction kind.
 */
export function instructionOf<K extends Keyword, T extends object>(ctx: LineContext & { readonly keyword: K }, own: T): ReturnType<typeof commonOf<K>> & T {
  return Object.assign(commonOf(ctx), own);
}

/** A failure at the whole instruction. */
export function failAt(ctx: LineContext, phase: ParsePhase, code: BuildFailureCode, message: string, range: Range = ctx.range): InstructionOutcome<never> {
  return { ok: false, failures: [{ phase, code, message, range }] };
}

const WHITESPACE_RUN = /[\t\v\f\r ]+/g;

/** Splits like Go's `reWhitespace.Split(s, -1)` on `[\t\v\f\r ]+`, with offsets. */
export function splitWhitespace(text: string): { word: string; start: number; end: number }[] {
  if (text === "") return [];
  const out: { word: string; start: number; end: number }[] = [];
  let last = 0;
  WHITESPACE_RUN.lastIndex = 0;
  for (let m = WHITESPACE_RUN.exec(text); m !== null; m = WHITESPACE_RUN.exec(text)) {
    out.push({ word: text.slice(last, m.index), start: last, end: m.index });
    last = m.index + m[0].length;
  }
  out.push({ word: text.slice(last), start: last, end: text.length });
  return out;
}
