/**
 * The outcome of a step that can fail with a message, instead of throwing (zod-style).
 * Failure carries the message exactly as Docker words it.
 */
export type Outcome<T> = { readonly ok: true; readonly value: T; readonly error?: never } | { readonly ok: false; readonly error: string; readonly value?: never };

/** A successful {@link Outcome}. */
export function ok<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

/** A failed {@link Outcome} with Docker's message. */
export function fail<T = never>(error: string): Outcome<T> {
  return { ok: false, error };
}
