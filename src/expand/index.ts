/**
 * Docker's Dockerfile variable-expansion lexer (Docker Engine 28.5: BuildKit v0.25.2
 * `frontend/dockerfile/shell`, used by both the BuildKit frontend and the classic builder), and
 * the parser's quote-aware word splitter.
 *
 * @module
 */

export type { EscapeToken, ExpandOptions, Expansion, SplitWord, VariableLookup, VariableReference, WordsExpansion } from "./types.js";
export { expandHeredocBody, expandWord, expandWords, findReferences } from "./expand.js";
export { splitWords } from "./split-words.js";
export { heredocCandidateWords, parseHeredocWord, type HeredocWord } from "./heredoc.js";
