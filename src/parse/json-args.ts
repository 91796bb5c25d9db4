import { leadingWhitespaceLength } from "./source-lines.js";

/**
 * How Docker 28.5 reads an argument text that may be a JSON array (BuildKit `parseJSON`):
 *
 * - `json`: it starts with `[` and the whole text is a valid JSON array of strings.
 * - `not-strings`: a valid JSON array with a non-string item — a build error.
 * - `not-json`: anything else, including trailing text after the array (strict since Dockerfile
 *   frontend 1.9: `json.Unmarshal`), single quotes and trailing commas; the instruction falls back
 *   to shell form.
 */
export type JsonArgs =
  | { readonly kind: "json"; readonly values: readonly string[] }
  | { readonly kind: "not-strings" }
  | { readonly kind: "not-json"; readonly looksLikeJson: boolean };

/** The error a build reports for a JSON array with non-string items. */
export const NOT_STRING_ARRAY = "when using JSON array syntax, arrays must be comprised of strings only";

/** Reads `text` as Docker reads exec-form arguments. */
export function parseJsonArgs(text: string): JsonArgs {
  const rest = text.slice(leadingWhitespaceLength(text));
  if (!rest.startsWith("[")) return { kind: "not-json", looksLikeJson: false };
  let parsed: unknown;
  try {
    parsed = JSON.parse(rest);
  } catch {
    return { kind: "not-json", looksLikeJson: true };
  }
  if (!Array.isArray(parsed)) return { kind: "not-json", looksLikeJson: true };
  const values: string[] = [];
  for (const item of parsed) {
    if (typeof item !== "string") return { kind: "not-strings" };
    values.push(item);
  }
  return { kind: "json", values };
}
