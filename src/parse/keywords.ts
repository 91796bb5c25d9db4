/**
 * The Dockerfile instructions Docker Engine 28.5 knows, upper-cased.
 * Matching is case-insensitive (`from`, `FrOm`); see {@link toKeyword}.
 */
export type Keyword =
  | "ADD"
  | "ARG"
  | "CMD"
  | "COPY"
  | "ENTRYPOINT"
  | "ENV"
  | "EXPOSE"
  | "FROM"
  | "HEALTHCHECK"
  | "LABEL"
  | "MAINTAINER"
  | "ONBUILD"
  | "RUN"
  | "SHELL"
  | "STOPSIGNAL"
  | "USER"
  | "VOLUME"
  | "WORKDIR";

/** Every {@link Keyword}, in alphabetical order. */
export const KEYWORDS: readonly Keyword[] = [
  "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK", "LABEL",
  "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME", "WORKDIR",
];

const KEYWORD_SET: ReadonlySet<string> = new Set(KEYWORDS);

/** The {@link Keyword} a word names, ignoring case, or `undefined` for an unknown instruction. */
export function toKeyword(word: string): Keyword | undefined {
  const upper = word.toUpperCase();
  return KEYWORD_SET.has(upper) ? (upper as Keyword) : undefined;
}
