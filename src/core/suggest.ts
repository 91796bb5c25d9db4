import { distance } from "fastest-levenshtein";

/**
 * BuildKit's "did you mean" suggestion (`util/suggest`): the closest option within an edit
 * distance below 3, in the case style of the input; `undefined` when the input matches an option
 * exactly or nothing is close. Ties go to the earliest option (BuildKit iterates a Go map, so its
 * choice among equally close options is not stable).
 */
export function suggestClosest(value: string, options: readonly string[], caseSensitive: boolean): string | undefined {
  const needle = caseSensitive ? value : value.toLowerCase();
  let best: string | undefined;
  let min = 3;
  for (const option of options) {
    const candidate = caseSensitive ? option : option.toLowerCase();
    if (candidate === needle) return undefined;
    const d = distance(needle, candidate);
    if (d < min) {
      min = d;
      best = caseSensitive ? candidate : matchCase(candidate, value);
    }
  }
  return best;
}

function matchCase(candidate: string, original: string): string {
  if (original === original.toLowerCase()) return candidate.toLowerCase();
  if (original === original.toUpperCase()) return candidate.toUpperCase();
  return candidate;
}

/** Appends BuildKit's ` (did you mean X?)` to a message when a close option exists. */
export function withSuggestion(message: string, value: string, options: readonly string[], caseSensitive: boolean): string {
  const match = suggestClosest(value, options, caseSensitive);
  return match === undefined ? message : `${message} (did you mean ${match}?)`;
}
