import { assertNever } from "../core/assert-never.js";
import type { Range } from "../core/range.js";
import { withSuggestion } from "../core/suggest.js";
import type { EscapeToken } from "../expand/index.js";
import { extractFlags } from "./flags.js";
import type { Instruction, OnbuildInstruction } from "./instruction.js";
import { parseAdd, parseCopy } from "./instructions/copy-add.js";
import { parseCmd, parseEntrypoint, parseRun, parseShell } from "./instructions/command-line.js";
import { parseFrom } from "./instructions/from.js";
import { parseHealthcheck } from "./instructions/healthcheck.js";
import { parseArg, parseEnv, parseLabel } from "./instructions/key-values.js";
import { parseExpose, parseVolume } from "./instructions/lists.js";
import { parseInstructionFlags } from "./instructions/parse-flags.js";
import { parseMaintainer, parseStopsignal, parseUser, parseWorkdir } from "./instructions/single-value.js";
import { KEYWORDS, toKeyword, type Keyword } from "./keywords.js";
import { failAt, instructionOf, type InstructionOutcome, type LineContext, type ParseFailure } from "./line-context.js";
import { rangeAt, type LogicalLine } from "./logical-line.js";
import { isGoSpace } from "./source-lines.js";

const WHITESPACE_RUN = /[\t\v\f\r ]+/;

/** The keyword and argument layout of a logical line (BuildKit `splitCommand`), from `offset` on. */
function layoutOf(logical: LogicalLine, offset: number, escape: EscapeToken, line: number) {
  const text = logical.text;
  let start = offset;
  while (start < text.length && isGoSpace(text.charCodeAt(start))) start++;
  let end = text.length;
  while (end > start && isGoSpace(text.charCodeAt(end - 1))) end--;
  const body = text.slice(start, end);
  const m = WHITESPACE_RUN.exec(body);
  const keywordText = m === null ? body : body.slice(0, m.index);
  const keywordRange: Range = rangeAt(logical, start, start + keywordText.length);
  const flagsOffset = m === null ? end : start + m.index + m[0].length;
  const afterKeyword = text.slice(flagsOffset, end);
  const extracted = extractFlags(afterKeyword, escape);
  let argsStart = flagsOffset + extracted.rest;
  while (argsStart < end && isGoSpace(text.charCodeAt(argsStart))) argsStart++;
  const range: Range = rangeAt(logical, start, end);
  return { keywordText, keywordRange, range, rawFlags: extracted.flags, flagsOffset, args: text.slice(argsStart, end), argsOffset: argsStart, line };
}

/** The outcome of parsing one logical line: an instruction, or why Docker rejects it. */
export type LineOutcome = { readonly ok: true; readonly instruction: Instruction } | { readonly ok: false; readonly failures: readonly ParseFailure[]; readonly keyword: Keyword | undefined; readonly range: Range };

/**
 * Parses one logical line into a typed {@link Instruction}, with Docker 28.5's checks and
 * messages. `offset` skips a prefix of the line (used for ONBUILD triggers).
 */
export function parseLogicalLine(logical: LogicalLine, escape: EscapeToken, offset = 0): LineOutcome {
  const layout = layoutOf(logical, offset, escape, logical.startLine + 1);
  const keyword = toKeyword(layout.keywordText);
  if (keyword === undefined) {
    const message = withSuggestion(`unknown instruction: ${layout.keywordText}`, layout.keywordText, KEYWORDS, false);
    return { ok: false, keyword, range: layout.range, failures: [{ phase: 2, code: "build/unknown-instruction", message, range: layout.keywordRange }] };
  }
  const ctx: LineContext = { logical, escape, keyword, ...layout };
  const outcome = parseKeyword(ctx);
  return outcome.ok ? outcome : { ok: false, failures: outcome.failures, keyword, range: layout.range };
}

function parseKeyword(ctx: LineContext): InstructionOutcome<Instruction> {
  const k = ctx.keyword;
  switch (k) {
    case "FROM": return parseFrom({ ...ctx, keyword: k });
    case "RUN": return parseRun({ ...ctx, keyword: k });
    case "CMD": return parseCmd({ ...ctx, keyword: k });
    case "ENTRYPOINT": return parseEntrypoint({ ...ctx, keyword: k });
    case "SHELL": return parseShell({ ...ctx, keyword: k });
    case "ENV": return parseEnv({ ...ctx, keyword: k });
    case "LABEL": return parseLabel({ ...ctx, keyword: k });
    case "ARG": return parseArg({ ...ctx, keyword: k });
    case "COPY": return parseCopy({ ...ctx, keyword: k });
    case "ADD": return parseAdd({ ...ctx, keyword: k });
    case "WORKDIR": return parseWorkdir({ ...ctx, keyword: k });
    case "USER": return parseUser({ ...ctx, keyword: k });
    case "EXPOSE": return parseExpose({ ...ctx, keyword: k });
    case "VOLUME": return parseVolume({ ...ctx, keyword: k });
    case "STOPSIGNAL": return parseStopsignal({ ...ctx, keyword: k });
    case "HEALTHCHECK": return parseHealthcheck({ ...ctx, keyword: k });
    case "MAINTAINER": return parseMaintainer({ ...ctx, keyword: k });
    case "ONBUILD": return parseOnbuild({ ...ctx, keyword: k });
    default: return assertNever(k, "keyword");
  }
}

// BuildKit parseOnBuild: the stored expression is the original line without `(?i)^\s*ONBUILD\s*` (RE2 \s).
const ONBUILD_PREFIX = /^[\t\n\f\r ]*ONBUILD[\t\n\f\r ]*/i;

/**
 * `ONBUILD <instruction>`: the trigger's line-level checks run now (a JSON array of non-strings,
 * a malformed ENV), ONBUILD/FROM/MAINTAINER triggers are refused; everything else about the trigger
 * is checked only when an image is built FROM this one.
 */
function parseOnbuild(ctx: LineContext & { keyword: "ONBUILD" }): InstructionOutcome<OnbuildInstruction> {
  if (ctx.args === "") return failAt(ctx, 2, "build/arguments", "ONBUILD requires at least one argument");
  const inner = parseLogicalLine(ctx.logical, ctx.escape, ctx.argsOffset);
  const lineLevel = inner.ok ? [] : inner.failures.filter((f) => f.phase === 1);
  if (lineLevel.length > 0) return { ok: false, failures: lineLevel };
  const flags = parseInstructionFlags(ctx);
  if (!flags.ok) return flags;
  const innerWord = (/^[^\t\v\f\r ]*/.exec(ctx.args)?.[0] ?? "").toUpperCase();
  if (innerWord === "ONBUILD") return failAt(ctx, 2, "build/onbuild", "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
  if (innerWord === "MAINTAINER" || innerWord === "FROM") return failAt(ctx, 2, "build/onbuild", `${innerWord} isn't allowed as an ONBUILD trigger`);
  const expression = ctx.logical.text.replace(ONBUILD_PREFIX, "");
  return { ok: true, instruction: instructionOf(ctx, { expression, innerKeyword: toKeyword(innerWord) ?? null }) };
}
