import { goQuoteStringSlice } from "../docker/go-quote.js";

/** Go's `%q` of a `[]string`: `["a" "b"]`. */
export function goQuoteList(values: readonly string[] | null): string {
  return goQuoteStringSlice(values);
}

/** Go's `%v` of a `[]string`: `[a b]`. */
export function goList(values: readonly string[]): string {
  return `[${values.join(" ")}]`;
}
