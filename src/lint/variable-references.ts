/** A `$NAME` or `${NAME…}` reference in a word, with its offset in the scanned text. */
export interface VariableReference {
  readonly name: string;
  readonly offset: number;
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

/**
 * The variable references Docker's (or a shell's) expansion would resolve in `text`: skips the
 * escape character with the character after it, and single-quoted spans outside double quotes.
 *
 * @example
 * ```ts
 * variableReferences("a=$A b='$B' c=\"${C:-x}\"", "\\").map((r) => r.name); // ["A", "C"]
 * ```
 */
export function variableReferences(text: string, escape: string): VariableReference[] {
  const out: VariableReference[] = [];
  let inDouble = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === escape) {
      i++;
      continue;
    }
    if (ch === '"') inDouble = !inDouble;
    else if (ch === "'" && !inDouble) {
      const end = text.indexOf("'", i + 1);
      i = end < 0 ? text.length : end;
    } else if (ch === "$") {
      const braced = text[i + 1] === "{";
      let j = braced ? i + 2 : i + 1;
      if (!NAME_START.test(text[j] ?? "")) continue;
      const start = j;
      while (j < text.length && NAME_CHAR.test(text[j]!)) j++;
      out.push({ name: text.slice(start, j), offset: i });
      i = j - 1;
    }
  }
  return out;
}
