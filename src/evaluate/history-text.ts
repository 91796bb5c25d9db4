import type { Builder } from "../core/builder.js";
import { goQuoteStringSlice } from "../docker/go-quote.js";

/** Go's `%q` of a `[]string`: `["a" "b"]`. */
export function goQuoteList(values: readonly string[] | null): string {
  return goQuoteStringSlice(values);
}

/** Go's `%v` of a `[]string`: `[a b]`. */
export function goList(values: readonly string[]): string {
  return `[${values.join(" ")}]`;
}

/**
 * The `created_by` of a metadata instruction (no layer) as each builder writes it:
 * BuildKit writes the text as is; the classic builder writes `<shell> #(nop)  <text>` with the
 * SHELL in force (moby `withCmdComment`), WORKDIR with a single space (`withCmdCommentString`).
 */
export function metadataCreatedBy(builder: Builder, text: string, shell: readonly string[], workdirStyle = false): string {
  if (builder === "buildkit") return text;
  return `${shell.join(" ")} #(nop)${workdirStyle ? " " : "  "}${text}`;
}

/** The comment BuildKit puts on every history entry it writes. */
export const BUILDKIT_HISTORY_COMMENT = "buildkit.dockerfile.v0";
