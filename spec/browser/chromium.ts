/**
 * "Skip or fail" plumbing for the browser tests: they need Debian's `chromium` (installed by `.ci/run`;
 * no browser download is possible here). Without it they are skipped with the reason in the suite's name,
 * unless `BROWSER_REQUIRED=1` (CI), where they fail.
 *
 * @module
 */
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

/** The chromium executable: `CHROMIUM_PATH`, or `chromium`/`chromium-browser` on PATH; null when none. */
export function findChromium(): string | null {
  const explicit = process.env.CHROMIUM_PATH;
  const candidates = explicit !== undefined && explicit !== "" ? [explicit] : (process.env.PATH ?? "").split(delimiter).flatMap((d) => [join(d, "chromium"), join(d, "chromium-browser")]);
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // not this one
    }
  }
  return null;
}

/** Whether the environment demands the browser tests (`BROWSER_REQUIRED=1`). */
export function browserRequired(): boolean {
  return process.env.BROWSER_REQUIRED === "1";
}
