import shellQuote, { type ParseEntry } from "shell-quote";

/**
 * Splits a command line into words as a shell would quote them, without evaluating anything:
 * `$VAR` stays literal, operators (`|`, `>`, `&&`) become plain words, comments are dropped.
 *
 * @example
 * ```ts
 * splitCommandLine(`run --entrypoint "" sh -c 'echo $HOME'`); // ["run", "--entrypoint", "", "sh", "-c", "echo $HOME"]
 * ```
 */
export function splitCommandLine(line: string): string[] {
  const out: string[] = [];
  let tokens: ParseEntry[];
  try {
    tokens = shellQuote.parse(line, (name) => `$${name}`);
  } catch {
    // shell-quote rejects an unclosed `${`: fall back to splitting at blanks.
    return line.split(/[ \t]+/).filter((w) => w !== "");
  }
  for (const t of tokens) {
    if (typeof t === "string") out.push(t);
    else if ("comment" in t) break;
    else if (t.op === "glob") out.push(t.pattern);
    else out.push(t.op);
  }
  return out;
}
