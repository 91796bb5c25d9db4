/**
 * SecretsUsedInArgOrEnv: an ARG or ENV key that names a secret (`password`, `token`, `api_key`, …, as a
 * whole `_`-separated part, unless a part is `public`) (BuildKit v0.25.2
 * `frontend/dockerfile/dockerfile2llb/convert.go` `validateNoSecretKey`).
 *
 * @module
 */
import type { LineSpan, Reporter } from "../check-state.js";
import { DETAIL } from "../rule-table.js";

const SECRET = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
const SECRET_ALLOWED = /(?:_|^)(?:public)(?:_|$)/i;

/**
 * Checks one ARG or ENV key.
 *
 * @example
 * ```ts
 * checkSecretsUsedInArgOrEnv(out, "ENV", "DB_PASSWORD", lines); // reported
 * checkSecretsUsedInArgOrEnv(out, "ARG", "PUBLIC_KEY", lines);  // fine
 * ```
 */
export function checkSecretsUsedInArgOrEnv(out: Reporter, instruction: "ARG" | "ENV", key: string, lines: LineSpan): void {
  if (SECRET.test(key) && !SECRET_ALLOWED.test(key)) out.report("SecretsUsedInArgOrEnv", DETAIL.SecretsUsedInArgOrEnv(instruction, key), lines);
}
