/**
 * Mutations of Dockerfile texts for the robustness properties: line deletion, duplication,
 * swaps, joins and splits; insertion of the characters the parsers treat specially (escape
 * characters, quotes, `$`, `${`, brackets, heredoc markers, `#`, CR, NUL, BOM, lone surrogates,
 * other unicode); truncation; escape directives; keyword swaps; line-ending changes.
 *
 * Indexes are generated as plain naturals and taken modulo the current size, so every mutation
 * applies to every text and fast-check can shrink them freely.
 *
 * @module
 */
import fc from "fast-check";

/** One edit of a text. */
export type Mutation =
  | { readonly op: "delete-line"; readonly at: number }
  | { readonly op: "duplicate-line"; readonly at: number }
  | { readonly op: "swap-lines"; readonly a: number; readonly b: number }
  | { readonly op: "join-lines"; readonly at: number }
  | { readonly op: "split-line"; readonly at: number; readonly col: number; readonly sep: string }
  | { readonly op: "continue-line"; readonly at: number; readonly tail: string }
  | { readonly op: "insert"; readonly at: number; readonly col: number; readonly text: string }
  | { readonly op: "delete-chars"; readonly at: number; readonly col: number; readonly count: number }
  | { readonly op: "truncate"; readonly at: number }
  | { readonly op: "escape-directive"; readonly directive: string }
  | { readonly op: "keyword"; readonly at: number; readonly keyword: string }
  | { readonly op: "line-endings"; readonly style: "crlf" | "cr" | "bom" | "no-final-newline" | "trailing-spaces" };

/** Fragments the Dockerfile parsers, the shell-word expander and the heredoc scanner treat specially. */
export const SPECIAL_FRAGMENTS: readonly string[] = [
  "\\", "`", '"', "'", "$", "${", "}", "${A", "${A:-", "${A:+x}", "${A#*/}", "${A%%.*}", "${A/x/y}", "${A?err}", "$(", ")", "$$", "$1",
  "[", "]", '["', '"]', '", "', "[]", '[""]', "{}", "<<", "<<EOF", "<<-EOF", "<<'EOF'", '<<"EOF"', "<<EOT", "\nEOF\n", "EOF", "<<EOF\n",
  "#", "# escape=`\n", "# escape=\\\n", "# syntax=docker/dockerfile:1\n", "# check=error=true\n",
  "\r", "\r\n", "\0", "\n", "\\\n", "`\n", "\\ \n", "\\\n#c\n", "\\\n\n", " ", "\t", "\v", "\f",
  "é", "😀", "\uFEFF", "\u2028", "\u0085", "\u00a0", "\u3000", "\ud800", "\udc00", "\uffff",
  "=", "==", "--", "--from=", "--from=0", "--mount=type=cache,target=/x", "--platform=$BUILDPLATFORM", "--chown=1:1", "--chmod=755",
  "--link", "--network=none", "--interval=0s", "--start-period=", "--retries=-1", "--keep-git-dir", "--checksum=sha256:",
  " AS ", " as b", "ONBUILD ", "FROM ", "FROM scratch\n", ",", ":", "@sha256:", "/", "\\\\", "%", "*", "?", "~", "-", "0", "65535", "1-65535",
];

/** Instruction keywords (and a few wrong ones) to put at the start of a line. */
export const KEYWORDS: readonly string[] = [
  "FROM", "RUN", "CMD", "ENTRYPOINT", "ENV", "ARG", "LABEL", "EXPOSE", "WORKDIR", "USER", "VOLUME", "COPY", "ADD", "SHELL",
  "HEALTHCHECK", "STOPSIGNAL", "ONBUILD", "MAINTAINER", "from", "Run", "cmd", "onbuild", "ONBUILD ONBUILD", "ONBUILD FROM",
  "ONBUILD MAINTAINER", "HEALTHCHECK NONE", "HEALTHCHECK CMD", "FROM scratch AS", "FOO", "", "#", "\\", "`",
];

/** Text to insert: a few special fragments and arbitrary code points (lone surrogates included). */
export const insertionArb: fc.Arbitrary<string> = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...SPECIAL_FRAGMENTS) }, { weight: 1, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 3 }) }), {
    minLength: 1,
    maxLength: 6,
  })
  .map((parts) => parts.join(""));

const at = fc.nat({ max: 10_000 });

/** One mutation. */
export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  at.map((a) => ({ op: "delete-line" as const, at: a })),
  at.map((a) => ({ op: "duplicate-line" as const, at: a })),
  fc.record({ op: fc.constant("swap-lines" as const), a: at, b: at }),
  at.map((a) => ({ op: "join-lines" as const, at: a })),
  fc.record({ op: fc.constant("split-line" as const), at, col: at, sep: fc.constantFrom("\n", "\\\n", "`\n", "\r\n", "\\\r\n", "\r") }),
  fc.record({ op: fc.constant("continue-line" as const), at, tail: fc.constantFrom("\\", "`", " \\", "\\ ", "\\\t", "\\\r") }),
  { weight: 4, arbitrary: fc.record({ op: fc.constant("insert" as const), at, col: at, text: insertionArb }) },
  fc.record({ op: fc.constant("delete-chars" as const), at, col: at, count: fc.integer({ min: 1, max: 20 }) }),
  at.map((a) => ({ op: "truncate" as const, at: a })),
  fc.constantFrom("# escape=`", "# escape=\\", "# escape=x", "# escape=", "#escape=`", "# ESCAPE = `", "# escape=``", "# syntax=x\n# escape=`", "# escape=\\\n# escape=`").map((directive) => ({ op: "escape-directive" as const, directive })),
  fc.record({ op: fc.constant("keyword" as const), at, keyword: fc.constantFrom(...KEYWORDS) }),
  fc.constantFrom("crlf", "cr", "bom", "no-final-newline", "trailing-spaces").map((style) => ({ op: "line-endings" as const, style: style as "crlf" })),
);

function idx(n: number, size: number): number {
  return size <= 0 ? 0 : n % size;
}

/** Applies one mutation to a text. */
export function applyMutation(text: string, m: Mutation): string {
  const lines = text.split("\n");
  const n = lines.length;
  switch (m.op) {
    case "delete-line":
      lines.splice(idx(m.at, n), 1);
      return lines.join("\n");
    case "duplicate-line": {
      const i = idx(m.at, n);
      lines.splice(i, 0, lines[i]!);
      return lines.join("\n");
    }
    case "swap-lines": {
      const a = idx(m.a, n);
      const b = idx(m.b, n);
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return lines.join("\n");
    }
    case "join-lines": {
      if (n < 2) return text;
      const i = idx(m.at, n - 1);
      lines.splice(i, 2, lines[i]! + lines[i + 1]!);
      return lines.join("\n");
    }
    case "split-line": {
      const i = idx(m.at, n);
      const l = lines[i]!;
      const c = idx(m.col, l.length + 1);
      lines[i] = l.slice(0, c) + m.sep + l.slice(c);
      return lines.join("\n");
    }
    case "continue-line": {
      const i = idx(m.at, n);
      lines[i] = lines[i]! + m.tail;
      return lines.join("\n");
    }
    case "insert": {
      const i = idx(m.at, n);
      const l = lines[i]!;
      const c = idx(m.col, l.length + 1);
      lines[i] = l.slice(0, c) + m.text + l.slice(c);
      return lines.join("\n");
    }
    case "delete-chars": {
      const i = idx(m.at, n);
      const l = lines[i]!;
      const c = idx(m.col, l.length + 1);
      lines[i] = l.slice(0, c) + l.slice(c + m.count);
      return lines.join("\n");
    }
    case "truncate":
      return text.slice(0, idx(m.at, text.length + 1));
    case "escape-directive": {
      // replace an existing escape directive at the top, else put one first
      const re = /^(?:[ \t]*#[ \t]*escape[ \t]*=[^\n]*\n)/i;
      return re.test(text) ? text.replace(re, `${m.directive}\n`) : `${m.directive}\n${text}`;
    }
    case "keyword": {
      const i = idx(m.at, n);
      lines[i] = lines[i]!.replace(/^\s*\S*/, m.keyword);
      return lines.join("\n");
    }
    case "line-endings":
      switch (m.style) {
        case "crlf":
          return text.replace(/\r?\n/g, "\r\n");
        case "cr":
          return text.replace(/\r?\n/g, "\r");
        case "bom":
          return `\uFEFF${text}`;
        case "no-final-newline":
          return text.replace(/\n+$/, "");
        case "trailing-spaces":
          return text.replace(/\n/g, " \t\n");
      }
  }
}

/** Applies mutations in order. */
export function applyMutations(text: string, ms: readonly Mutation[]): string {
  return ms.reduce(applyMutation, text);
}
