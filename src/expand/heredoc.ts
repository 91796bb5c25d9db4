/**
 * The three ways BuildKit runs its variable lexer on heredocs (Docker Engine 28.5: BuildKit
 * v0.25.2): finding heredoc words on an instruction line and reading one
 * (`frontend/dockerfile/parser/parser.go`, `heredocsFromLine` and `heredocFromMatch`); the third,
 * expanding a COPY/ADD heredoc body, is `expandHeredocBody` in `expand.ts`. All use `\` as the
 * escape character whatever the `# escape=` directive says.
 *
 * @module
 */

import { lex } from "./lexer.js";
import type { VariableLookup } from "./types.js";

const NOTHING_SET: VariableLookup = () => undefined;

/** What a heredoc word (`<<EOF`, `<<-"EOF"`, `3<<EOF`) says. */
export interface HeredocWord {
  /** The delimiter with its quotes removed: the terminator line and, for COPY/ADD, the file name. */
  readonly name: string;
  /** Whether the body is expanded (COPY/ADD): false as soon as any part of the delimiter is quoted. */
  readonly expand: boolean;
  /** `<<-`: leading tabs are stripped from the terminator line and, when the body is used, from every body line. */
  readonly chomp: boolean;
  /** The file descriptor written before `<<` (`3<<EOF`), else 0. */
  readonly fileDescriptor: number;
}

/** The words of an instruction line in which BuildKit looks for heredocs: quotes and escapes kept, unset variables left as written. */
export function heredocCandidateWords(line: string): readonly string[] {
  const r = lex(line, NOTHING_SET, "\\", false, undefined, { rawQuotes: true, rawEscapes: true, skipUnsetEnv: true });
  // `words, _ := shlex.ProcessWords(...)`: a line the lexer rejects has no heredocs.
  return r.ok ? r.words : [];
}

// RE2 `^(\d*)<<(-?)\s*([^<]*)$`; RE2's `\s` is [\t\n\f\r ], `\d` ASCII digits, `$` the end of the text.
const HEREDOC_WORD = /^([0-9]*)<<(-?)[\t\n\f\r ]*([^<]*)$/;

const quoteCount = (s: string): number => {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22 || c === 0x27) n++;
  }
  return n;
};

/**
 * Reads one word as a heredoc word (`ParseHeredoc`): `null` when it is not one, an error in the
 * rare case Docker's parser reports one (an unterminated quote or `${` in the delimiter).
 *
 * The delimiter is lexed twice, with and without keeping quotes; when both give the same number
 * of quote characters no part was quoted and the body is expanded.
 *
 * @example
 * ```ts
 * parseHeredocWord("<<-'EOT'"); // { ok: true, heredoc: { name: "EOT", expand: false, chomp: true, fileDescriptor: 0 } }
 * parseHeredocWord("file.txt"); // { ok: true, heredoc: null }
 * ```
 */
export function parseHeredocWord(word: string): { readonly ok: true; readonly heredoc: HeredocWord | null } | { readonly ok: false; readonly error: string } {
  const m = HEREDOC_WORD.exec(word);
  if (m === null) return { ok: true, heredoc: null };
  const rest = m[3]!;
  if (rest === "") return { ok: true, heredoc: null };
  const plain = lex(rest, NOTHING_SET, "\\", false, undefined, { skipUnsetEnv: true });
  if (!plain.ok) return { ok: false, error: plain.error };
  if (plain.words.length !== 1) return { ok: true, heredoc: null };
  const raw = lex(rest, NOTHING_SET, "\\", false, undefined, { rawQuotes: true, skipUnsetEnv: true });
  if (!raw.ok) return { ok: false, error: raw.error };
  if (raw.words.length !== 1) return { ok: false, error: `internal lexing of heredoc produced inconsistent results: ${rest}` };
  const name = plain.words[0]!;
  const digits = m[1]!;
  // `strconv.ParseUint(match[1], 10, 0)` with its error ignored: 0 when empty or out of range.
  const fd = digits === "" || digits.length > 19 ? 0 : Number(digits);
  return {
    ok: true,
    heredoc: { name, expand: quoteCount(name) === quoteCount(raw.words[0]!), chomp: m[2] === "-", fileDescriptor: Number.isSafeInteger(fd) ? fd : 0 },
  };
}
