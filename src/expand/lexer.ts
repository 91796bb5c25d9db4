/**
 * The Dockerfile variable-expansion lexer of Docker Engine 28.5.
 *
 * This is an independent TypeScript model of `shellWord` in BuildKit v0.25.2
 * `frontend/dockerfile/shell/lex.go` (vendored as
 * `vendor/github.com/moby/buildkit/frontend/dockerfile/shell/lex.go` in moby v28.5.2), with the
 * options both builders use for instructions (no raw quotes, no raw escapes, unset variables expand
 * to "") and, through {@link LexOptions}, the ones BuildKit's parser uses to find heredocs and its
 * dispatcher uses to expand a heredoc body.
 * Line numbers in comments refer to that file.
 *
 * Errors are raised internally as {@link LexError} and turned into values by {@link lex};
 * nothing escapes to callers.
 *
 * @module
 */

import { DEFAULT_BUDGETS, type BudgetHit, type Budgets, type WorkMeter } from "../core/budget.js";
import { goQuote } from "../docker/go-quote.js";
import { replacePattern, trimPrefix, trimSuffix, type GlobResult } from "./glob.js";
import { EOF, isDigit, isLetter, isSpace, RuneScanner, runeToString, WHITE_SPACE_RUN } from "./runes.js";
import type { EscapeToken, VariableLookup, VariableReference } from "./types.js";

const DOLLAR = 0x24;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const COLON = 0x3a;
const SLASH = 0x2f;
const SQUOTE = 0x27;
const DQUOTE = 0x22;
const LESS = 0x3c;
const HASH = 0x23;
const PERCENT = 0x25;
const PLUS = 0x2b;
const MINUS = 0x2d;
const QUESTION = 0x3f;
const UNDERSCORE = 0x5f;

/** An error as the lexer words it, before the `failed to process %q` wrapper. */
class LexError {
  constructor(readonly message: string) {}
}

/** A budget ran out: the expansion's value is unknown (Docker would go on). */
class BudgetError {
  constructor(readonly hit: BudgetHit) {}
}

/** The budgets the lexer checks. */
export type LexBudgets = Pick<Budgets, "expansionDepth" | "expansionLength" | "patternWork">;

/** `isSpecialParam` (L537-545): the POSIX special parameters, each a one-character name. */
function isSpecialParam(cp: number): boolean {
  return cp === 0x40 || cp === 0x2a || cp === HASH || cp === QUESTION || cp === MINUS || cp === DOLLAR || cp === 0x21 || cp === 0x30;
}

/** `isWhitespace` (L701-707): what may follow `<<` and stays glued to it. */
function isHeredocSpace(cp: number): boolean {
  return cp === 0x09 || cp === 0x0d || cp === 0x20;
}

/** A mutable text buffer, shared the way Go shares `shellWord.wordsBuffer`. */
interface SharedBuffer {
  text: string;
}

/**
 * `wordsStruct` (L122-165): collects words for ProcessWords. Its buffer is the lexer-wide shared
 * one (L105, L175), which a nested `processStopOn` resets (L173) and empties when it returns
 * (`getWords`, L156-165). So a `${v:-w}`-style expansion throws away the part of the current word
 * read before it: `80${x:-8}0` gives the word `80`, not `8080` (checked on Docker 28.5 with
 * EXPOSE, both builders).
 */
class WordsCollector {
  private readonly words: string[] = [];
  private inWord = false;

  constructor(private readonly buf: SharedBuffer) {}

  addChar(cp: number): void {
    if (isSpace(cp)) {
      if (this.inWord && this.buf.text.length !== 0) {
        this.words.push(this.buf.text);
        this.buf.text = "";
        this.inWord = false;
      }
    } else {
      this.addRawChar(cp);
    }
  }

  addRawChar(cp: number): void {
    this.buf.text += String.fromCodePoint(cp);
    this.inWord = true;
  }

  /** Adds expanded text, split at white space: whole runs are appended at once, never a character at a time. */
  addString(s: string): void {
    WHITE_SPACE_RUN.lastIndex = 0;
    let from = 0;
    for (let m = WHITE_SPACE_RUN.exec(s); m !== null; m = WHITE_SPACE_RUN.exec(s)) {
      if (m.index > from) this.addRawString(s.slice(from, m.index));
      this.addChar(0x20);
      from = m.index + m[0].length;
    }
    if (from < s.length) this.addRawString(s.slice(from));
  }

  addRawString(s: string): void {
    this.buf.text += s;
    this.inWord = true;
  }

  finish(): string[] {
    if (this.buf.text.length > 0) {
      this.words.push(this.buf.text);
      this.buf.text = "";
      this.inWord = false;
    }
    return this.words;
  }
}

/** What a run of the lexer produced; `budget` is set when a budget ran out (the value is then unknown, not an error). */
export type LexResult =
  | { readonly ok: true; readonly value: string; readonly words: string[]; readonly references: VariableReference[] }
  | { readonly ok: false; readonly error: string; readonly references: VariableReference[]; readonly budget?: BudgetHit };

/**
 * The `Lex` switches (L28-35) other than the escape token. All `false` is what both builders use
 * for instructions; the heredoc code of BuildKit's parser and dispatcher sets some of them.
 */
export interface LexOptions {
  /** `RawQuotes`: quotes stay in the output. */
  readonly rawQuotes?: boolean;
  /** `RawEscapes`: escape tokens stay in the output. */
  readonly rawEscapes?: boolean;
  /** `SkipProcessQuotes`: quotes are ordinary characters. */
  readonly skipProcessQuotes?: boolean;
  /** `SkipUnsetEnv`: a reference to an unset variable stays as written (`$v`, `${v}`, `${v:-w}`). */
  readonly skipUnsetEnv?: boolean;
  /** Where the work done is counted (characters scanned and produced, pattern steps), if anywhere. */
  readonly work?: WorkMeter;
}

const PLAIN: LexOptions = {};

/** The state of one word being lexed (`shellWord`, L103-112). */
class ShellWord {
  private readonly sc: RuneScanner;
  private readonly escape: number;
  private rawEscapes = false;
  private readonly wordsBuffer: SharedBuffer = { text: "" };
  private depth = 0;
  readonly references: VariableReference[] = [];

  constructor(
    word: string,
    escape: EscapeToken,
    private readonly lookup: VariableLookup,
    private readonly tolerant: boolean,
    private readonly budgets: LexBudgets,
    private readonly options: LexOptions = PLAIN,
  ) {
    this.sc = new RuneScanner(word);
    this.escape = escape.codePointAt(0) as number;
  }

  /** Raises an error, or in tolerant mode (findReferences) lets the caller carry on. */
  private fail(message: string): void {
    if (!this.tolerant) throw new LexError(message);
  }

  /**
   * `processStopOn` (L169-244): reads up to `stop` (consumed) or the end of the word, handling
   * `$`, quotes, `<<` and the escape token. `raw` keeps escape tokens in the output (used for
   * patterns and replacements, whose escapes the pattern compiler reads later).
   */
  processStopOn(stop: number, raw: boolean): { text: string; words: string[] } {
    let result = "";
    this.wordsBuffer.text = "";
    const words = new WordsCollector(this.wordsBuffer);
    const saved = this.rawEscapes;
    this.rawEscapes = raw;
    try {
      while (this.sc.peek() !== EOF) {
        const ch = this.sc.peek();
        if (stop !== EOF && ch === stop) {
          this.sc.next();
          return { text: result, words: words.finish() };
        }
        if (ch === DOLLAR) {
          const tmp = this.processDollar();
          result += tmp;
          this.checkLength(result.length);
          words.addString(tmp); // expansion results are split on white space (L210-211)
        } else if (ch === LESS || ((ch === SQUOTE || ch === DQUOTE) && this.options.skipProcessQuotes !== true)) {
          const tmp = ch === LESS ? this.processPossibleHeredoc() : ch === SQUOTE ? this.processSingleQuote() : this.processDoubleQuote();
          result += tmp;
          words.addRawString(tmp); // quoted text (and `<<` plus its blanks) stays whole
        } else {
          let c = this.sc.next();
          if (c === this.escape) {
            if (this.rawEscapes) {
              words.addRawChar(c);
              result += String.fromCodePoint(c);
            }
            c = this.sc.next();
            if (c === EOF) break; // a trailing escape token is dropped (L228-230)
            words.addRawChar(c);
          } else {
            words.addChar(c);
          }
          result += String.fromCodePoint(c);
        }
      }
      if (stop !== EOF) this.fail(`unexpected end of statement while looking for matching ${runeToString(stop)}`);
      return { text: result, words: words.finish() };
    } finally {
      this.rawEscapes = saved;
    }
  }

  /** `processSingleQuote` (L246-276): everything literal up to the next `'`. */
  private processSingleQuote(): string {
    const quote = this.options.rawQuotes === true ? "'" : "";
    let result = quote;
    this.sc.next();
    for (;;) {
      const c = this.sc.next();
      if (c === EOF) {
        this.fail("unexpected end of statement while looking for matching single-quote");
        return result;
      }
      if (c === SQUOTE) return result + quote;
      result += String.fromCodePoint(c);
    }
  }

  /**
   * `processDoubleQuote` (L278-336): `$` expands; the escape token escapes only `"`, `$` and
   * itself and otherwise stays literal. With raw escapes the token is kept, and before any other
   * character it ends up written twice (L316-333), which the pattern compiler reads as `\\`.
   */
  private processDoubleQuote(): string {
    const quote = this.options.rawQuotes === true ? '"' : "";
    let result = quote;
    this.sc.next();
    for (;;) {
      const peek = this.sc.peek();
      if (peek === EOF) {
        this.fail("unexpected end of statement while looking for matching double-quote");
        return result;
      }
      if (peek === DQUOTE) {
        this.sc.next();
        return result + quote;
      }
      if (peek === DOLLAR) {
        result += this.processDollar();
        continue;
      }
      let c = this.sc.next();
      if (c === this.escape) {
        if (this.rawEscapes) result += String.fromCodePoint(c);
        const after = this.sc.peek();
        if (after === EOF) continue; // then the loop reports the missing quote
        if (after === DQUOTE || after === DOLLAR || after === this.escape) c = this.sc.next();
      }
      result += String.fromCodePoint(c);
    }
  }

  /** `processPossibleHeredoc` (L516-533): `<<` keeps the blanks after it glued to it. */
  private processPossibleHeredoc(): string {
    this.sc.next();
    if (this.sc.peek() !== LESS) return "<";
    this.sc.next();
    let result = "<<";
    while (isHeredocSpace(this.sc.peek())) result += String.fromCodePoint(this.sc.next());
    return result;
  }

  /** `processName` (L487-514): digits run, one special character, or letters/digits/`_`. */
  private processName(): string {
    let name = "";
    while (this.sc.peek() !== EOF) {
      const c = this.sc.peek();
      if (name === "" && isDigit(c)) {
        while (this.sc.peek() !== EOF && isDigit(this.sc.peek())) name += String.fromCodePoint(this.sc.next());
        return name;
      }
      if (name === "" && isSpecialParam(c)) return String.fromCodePoint(this.sc.next());
      if (!isLetter(c) && !isDigit(c) && c !== UNDERSCORE) break;
      name += String.fromCodePoint(this.sc.next());
    }
    return name;
  }

  /** `getEnv` (L547-565), recording where the reference was. */
  private getEnv(name: string, start: number): string | undefined {
    const value = this.lookup(name);
    if (name !== "") this.references.push({ name, start, end: this.sc.pos, set: value !== undefined });
    return value;
  }

  /** What an unset variable gives: "" or, with `SkipUnsetEnv`, the reference as written (L349, L366). */
  private unset(asWritten: string): string {
    return this.options.skipUnsetEnv === true ? asWritten : "";
  }

  /** A modifier body's word, with Docker's rewrite of errors at the end of input (L385-391). */
  private modifierWord(stop: number, raw: boolean, missing: string): string {
    try {
      return this.processStopOn(stop, raw).text;
    } catch (e) {
      if (e instanceof LexError && this.sc.peek() === EOF) throw new LexError(missing);
      throw e;
    }
  }

  private globValue(result: GlobResult, fallback: string): string {
    if (result.ok) return result.value;
    this.fail(result.error);
    return fallback;
  }

  /** Stops at the expansionLength budget. */
  private checkLength(length: number): void {
    if (length > this.budgets.expansionLength) throw new BudgetError({ budget: "expansionLength", limit: this.budgets.expansionLength });
  }

  /** A pattern match costs about `pattern × value` steps (plain text: the value's length); stops at the patternWork budget. */
  private checkPattern(pattern: string, value: string): void {
    const cost = /[*?\\]/.test(pattern) ? (pattern.length + 1) * (value.length + 1) : pattern.length + value.length;
    if (this.options.work !== undefined) this.options.work.pattern += cost;
    if (cost > this.budgets.patternWork) throw new BudgetError({ budget: "patternWork", limit: this.budgets.patternWork });
  }

  /** `processDollar` (L338-485): `$name` and every `${…}` form, nested at most expansionDepth deep. */
  private processDollar(): string {
    if (++this.depth > this.budgets.expansionDepth) throw new BudgetError({ budget: "expansionDepth", limit: this.budgets.expansionDepth });
    try {
      const v = this.processDollarAt();
      if (this.options.work !== undefined) this.options.work.expansion += v.length;
      this.checkLength(v.length);
      return v;
    } finally {
      this.depth--;
    }
  }

  private processDollarAt(): string {
    const start = this.sc.pos;
    this.sc.next();

    if (this.sc.peek() !== LBRACE) {
      const name = this.processName();
      if (name === "") return "$";
      return this.getEnv(name, start) ?? this.unset(`$${name}`);
    }

    this.sc.next();
    const first = this.sc.peek();
    if (first === EOF) {
      this.fail("syntax error: missing '}'");
      return "";
    }
    if (first === LBRACE || first === RBRACE || first === COLON) {
      this.fail("syntax error: bad substitution");
      return "";
    }
    const name = this.processName();
    let ch = this.sc.next();
    let chs = runeToString(ch);
    let nullIsUnset = false;

    if (ch === RBRACE) return this.getEnv(name, start) ?? this.unset(`\${${name}}`);

    if (ch === COLON) {
      nullIsUnset = true;
      ch = this.sc.next();
      chs += runeToString(ch);
    }

    if (nullIsUnset || ch === PLUS || ch === MINUS || ch === QUESTION || ch === HASH || ch === PERCENT) {
      // L375-442; after `:` any character reaches here (L379 fallthrough).
      const raw = ch === HASH || ch === PERCENT;
      if (nullIsUnset && raw) this.fail(`unsupported modifier (${chs}) in substitution`);
      const word = this.modifierWord(RBRACE, raw, "syntax error: missing '}'");
      const value = this.getEnv(name, start);
      const set = value !== undefined;
      if (!set && this.options.skipUnsetEnv === true) return `\${${name}${chs}${word}}`;
      const isUnset = !set || (nullIsUnset && value === "");
      switch (ch) {
        case MINUS:
          return isUnset ? word : (value as string);
        case PLUS:
          return isUnset ? "" : word;
        case QUESTION:
          if (!set) this.fail(`${name}: ${word !== "" ? word : "is not allowed to be unset"}`);
          else if (nullIsUnset && value === "") this.fail(`${name}: ${word !== "" ? word : "is not allowed to be empty"}`);
          return value ?? "";
        case HASH:
        case PERCENT: {
          // `##` / `%%` (first byte of the processed word) asks for the longest match (L431-434).
          const greedy = word.codePointAt(0) === ch;
          const pattern = greedy ? word.slice(1) : word;
          const v = value ?? "";
          this.checkPattern(pattern, v);
          return this.globValue(ch === PERCENT ? trimSuffix(pattern, v, greedy) : trimPrefix(pattern, v, greedy), v);
        }
        default:
          this.fail(`unsupported modifier (${chs}) in substitution`);
          return value ?? "";
      }
    }

    if (ch === SLASH) {
      // L443-481: `${v/p/r}` replaces the first match, `${v//p/r}` all of them.
      const all = this.sc.peek() === SLASH;
      if (all) this.sc.next();
      const pattern = this.modifierWord(SLASH, true, "syntax error: missing '/' in ${}");
      const replacement = this.modifierWord(RBRACE, true, "syntax error: missing '}'");
      const found = this.getEnv(name, start);
      if (found === undefined && this.options.skipUnsetEnv === true) return `\${${name}/${pattern}/${replacement}}`;
      const value = found ?? "";
      this.checkPattern(pattern, value);
      return this.globValue(replacePattern(pattern, value, replacement, all), value);
    }

    // L482-483: any other character after the name, including the end of the word.
    this.fail(`unsupported modifier (${chs}) in substitution`);
    // Tolerant mode: note the name and skip to the closing brace.
    if (ch !== EOF) this.processStopOn(RBRACE, false);
    this.getEnv(name, start);
    return "";
  }
}

/** A JavaScript RangeError as the budget it stands for: the call stack (nesting) or the string length. */
function rangeErrorBudget(e: RangeError, budgets: LexBudgets): BudgetHit {
  return /call stack/i.test(e.message) ? { budget: "expansionDepth", limit: budgets.expansionDepth } : { budget: "expansionLength", limit: budgets.expansionLength };
}

/**
 * Runs the lexer over one word (`Lex.process`, L92-120). In strict mode a failure carries
 * Docker's full message, `failed to process "<word>": <reason>` (L114-120, Go `%q` quoting).
 * In tolerant mode errors are skipped over and the result only serves to collect references.
 * A budget that runs out gives `budget` (the value is unknown: Docker would go on).
 */
export function lex(word: string, lookup: VariableLookup, escape: EscapeToken, tolerant: boolean, budgets: LexBudgets = DEFAULT_BUDGETS, options: LexOptions = PLAIN): LexResult {
  if (options.work !== undefined) options.work.expansion += word.length;
  const sw = new ShellWord(word, escape, lookup, tolerant, budgets, options);
  try {
    const { text, words } = sw.processStopOn(EOF, options.rawEscapes === true);
    return { ok: true, value: text, words, references: sw.references };
  } catch (e) {
    if (e instanceof LexError) {
      return { ok: false, error: `failed to process ${goQuote(word)}: ${e.message}`, references: sw.references };
    }
    const hit: BudgetHit | null = e instanceof BudgetError ? e.hit : e instanceof RangeError ? rangeErrorBudget(e, budgets) : null;
    if (hit !== null) {
      // Go's growable stacks and byte strings would go on: the value is unknown, not an error.
      return { ok: false, error: `failed to process ${goQuote(word)}: the ${hit.budget} budget (${hit.limit}) was exceeded`, references: sw.references, budget: hit };
    }
    throw e;
  }
}
