/**
 * Docker's check configuration: the `# check=` parser directive (or the `BUILDKIT_DOCKERFILE_CHECK` build
 * argument, which replaces it), read as moby/buildkit `frontend/dockerfile/linter/linter.go`
 * `ParseLintOptions` reads it at v0.25.2: up to three `;`-separated `key=value` parts, keys `skip`,
 * `experimental` (each `all` or a comma list of rule names) and `error` (a Go boolean).
 *
 * @module
 */
import { goQuote } from "../docker/go-quote.js";
import type { Outcome } from "../core/result.js";

/** What a `# check=` directive asks for. */
export interface DockerCheckOptions {
  readonly skipAll: boolean;
  readonly skip: ReadonlySet<string>;
  readonly experimentalAll: boolean;
  readonly experimental: ReadonlySet<string>;
  /** `error=true`: a build with findings fails (`lint violation found for rules: …`). */
  readonly error: boolean;
}

/** No directive: every non-experimental rule runs, findings are warnings. */
export const DEFAULT_CHECK_OPTIONS: DockerCheckOptions = { skipAll: false, skip: new Set(), experimentalAll: false, experimental: new Set(), error: false };

// Go's strconv.ParseBool.
const GO_BOOLS = new Map<string, boolean>([
  ...["1", "t", "T", "TRUE", "true", "True"].map((s): [string, boolean] => [s, true]),
  ...["0", "f", "F", "FALSE", "false", "False"].map((s): [string, boolean] => [s, false]),
]);

function ruleList(value: string): Set<string> {
  return new Set(value.split(",").map((s) => s.trim()));
}

/**
 * Parses the value of a `# check=` directive; an error carries Docker's message (a build fails with
 * `failed to parse check options: <message>`).
 *
 * @example
 * ```ts
 * parseCheckOptions("skip=JSONArgsRecommended,StageNameCasing;error=true");
 * // { ok: true, value: { skipAll: false, skip: Set {…2}, experimentalAll: false, experimental: Set {}, error: true } }
 * parseCheckOptions("skip");  // { ok: false, error: 'invalid check option "skip"' }
 * ```
 */
export function parseCheckOptions(text: string): Outcome<DockerCheckOptions> {
  const trimmed = text.trim();
  if (trimmed === "") return { ok: true, value: DEFAULT_CHECK_OPTIONS };
  // strings.SplitN(s, ";", 3): the third part keeps any further ';'.
  const pieces = trimmed.split(";");
  const parts = pieces.length > 3 ? [pieces[0]!, pieces[1]!, pieces.slice(2).join(";")] : pieces;
  let skipAll = false;
  let skip = new Set<string>();
  let experimentalAll = false;
  let experimental = new Set<string>();
  let error = false;
  for (const part of parts) {
    const eq = part.indexOf("=");
    if (eq < 0) return { ok: false, error: `invalid check option ${goQuote(part)}` };
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    switch (key) {
      case "skip":
        if (value === "all") skipAll = true;
        else skip = ruleList(value);
        break;
      case "experimental":
        if (value === "all") experimentalAll = true;
        else experimental = ruleList(value);
        break;
      case "error": {
        const b = GO_BOOLS.get(value);
        if (b === undefined) return { ok: false, error: `failed to parse check option ${goQuote(part)}: strconv.ParseBool: parsing ${goQuote(value)}: invalid syntax` };
        error = b;
        break;
      }
      default:
        return { ok: false, error: `invalid check option ${goQuote(key)}` };
    }
  }
  return { ok: true, value: { skipAll, skip, experimentalAll, experimental, error } };
}
