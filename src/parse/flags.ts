import type { EscapeToken } from "../expand/index.js";
import { withSuggestion } from "../core/suggest.js";
import { isGoSpace } from "./source-lines.js";

/** A flag word found after the keyword, with offsets into the argument text. */
export interface RawFlag {
  /** The word with quotes and escapes removed, e.g. `--chown=1:2`. */
  readonly word: string;
  readonly start: number;
  readonly end: number;
}

/** The flags and where the remaining arguments start. */
export interface ExtractedFlags {
  readonly flags: readonly RawFlag[];
  /** Offset in the text where the non-flag arguments start (or its length). */
  readonly rest: number;
}

/**
 * What Go's `strings.Builder.WriteRune(rune(line[pos]))` makes of one character: BuildKit reads
 * flag text byte by byte, so each UTF-8 byte of a non-ASCII character becomes its own Latin-1
 * character (`µ` turns into `Âµ`, and `--timeout=1µs` fails as it does in a real build).
 */
function byteWise(ch: string): string {
  const code = ch.codePointAt(0)!;
  if (code < 0x80) return ch;
  return Array.from(new TextEncoder().encode(ch), (b) => String.fromCharCode(b)).join("");
}

/**
 * Splits leading `--flag` words off an instruction's arguments, as BuildKit's
 * `extractBuilderFlags` does: the first word not starting with `--` ends the flags, a bare `--`
 * ends them and is dropped, quotes inside a flag word are removed and the escape token escapes
 * the next character. Non-ASCII characters are read byte-wise, as BuildKit does.
 */
export function extractFlags(text: string, escape: EscapeToken): ExtractedFlags {
  const flags: RawFlag[] = [];
  let pos = 0;
  const n = text.length;
  for (;;) {
    while (pos < n && isGoSpace(text.charCodeAt(pos))) pos++;
    if (pos >= n) return { flags, rest: n };
    if (!(text[pos] === "-" && text[pos + 1] === "-")) return { flags, rest: pos };
    const start = pos;
    let word = "";
    let quote = "";
    let blankOk = false;
    for (; pos < n; pos++) {
      const ch = text[pos]!;
      if (quote !== "") {
        if (ch === quote) {
          quote = "";
          continue;
        }
      } else {
        if (isGoSpace(ch.charCodeAt(0))) break;
        if (ch === "'" || ch === '"') {
          quote = ch;
          blankOk = true;
          continue;
        }
      }
      if (ch === escape) {
        if (pos + 1 === n) {
          quote = "";
          continue;
        }
        pos++;
        word += byteWise(text[pos]!);
        continue;
      }
      word += byteWise(ch);
    }
    if (word === "--") return { flags, rest: pos };
    if (blankOk || word.length > 0) flags.push({ word, start, end: pos });
  }
}

/** The type of a flag an instruction accepts. */
export type FlagType = "bool" | "string" | "strings";

/** A parsed flag value. */
export type FlagValue = { readonly type: "bool"; readonly value: boolean } | { readonly type: "string"; readonly value: string } | { readonly type: "strings"; readonly values: readonly string[] };

/**
 * Parses flag words against the flags an instruction accepts, with BuildKit's `BFlags.Parse`
 * messages (Docker 28.5): `unknown flag: --x` (with a suggestion), `duplicate flag specified`,
 * `missing a value on flag`, `expecting boolean value for flag`.
 */
export function parseFlagWords(
  words: readonly RawFlag[],
  accepted: Readonly<Record<string, FlagType>>,
): { ok: true; values: Map<string, FlagValue> } | { ok: false; error: string; flag: RawFlag } {
  const values = new Map<string, FlagValue>();
  for (const f of words) {
    const a = f.word;
    if (a === "--") break;
    if (!a.startsWith("--")) return { ok: false, error: `arg should start with -- : ${a}`, flag: f };
    const eq = a.indexOf("=");
    const flagName = eq < 0 ? a : a.slice(0, eq);
    const hasValue = eq >= 0;
    const value = hasValue ? a.slice(eq + 1) : "";
    const name = flagName.slice(2);
    const type = Object.hasOwn(accepted, name) ? accepted[name] : undefined;
    if (type === undefined) {
      return { ok: false, error: withSuggestion(`unknown flag: ${flagName}`, name, Object.keys(accepted), true), flag: f };
    }
    const prior = values.get(name);
    if (prior !== undefined && type !== "strings") return { ok: false, error: `duplicate flag specified: ${flagName}`, flag: f };
    switch (type) {
      case "bool": {
        if (hasValue && value === "") return { ok: false, error: `missing a value on flag: ${flagName}`, flag: f };
        const lower = value.toLowerCase();
        if (lower === "true" || lower === "") values.set(name, { type: "bool", value: true });
        else if (lower === "false") values.set(name, { type: "bool", value: false });
        else return { ok: false, error: `expecting boolean value for flag ${flagName}, not: ${value}`, flag: f };
        break;
      }
      case "string":
        if (!hasValue) return { ok: false, error: `missing a value on flag: ${flagName}`, flag: f };
        values.set(name, { type: "string", value });
        break;
      case "strings": {
        if (!hasValue) return { ok: false, error: `missing a value on flag: ${flagName}`, flag: f };
        const before = prior?.type === "strings" ? prior.values : [];
        values.set(name, { type: "strings", values: [...before, value] });
        break;
      }
    }
  }
  return { ok: true, values };
}
