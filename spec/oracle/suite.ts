/**
 * "Skip or fail" plumbing for specs that need a real Docker Engine: without one they are skipped with the
 * reason in the suite name, unless `ORACLE_REQUIRED=1`, in which case they fail (CI sets it where an
 * engine was provisioned by `.ci/docker-engine.sh`, so a broken engine cannot pass silently).
 *
 * @module
 */
import { describe, it } from "vitest";
import { detectEngine, detectEngineFailure, type Engine } from "./engine.js";

/** Whether the environment demands a real engine (`ORACLE_REQUIRED=1`). */
export function oracleRequired(): boolean {
  return process.env.ORACLE_REQUIRED === "1";
}

/**
 * Resolves the engine for a spec file (use with top-level `await`). Returns `null` when none is reachable
 * and engines are optional; throws — failing the spec file — when none is reachable and
 * `ORACLE_REQUIRED=1`.
 */
export async function requireEngine(): Promise<Engine | null> {
  const engine = await detectEngine();
  if (!engine && oracleRequired()) {
    throw new Error(`ORACLE_REQUIRED=1 but ${detectEngineFailure || "no Docker Engine is reachable"}`);
  }
  return engine;
}

/**
 * Declares a `describe` block whose tests need a real engine (use with top-level `await`):
 * `await oracleSuite("name", (engine) => { it(…) })`.
 *
 * - engine reachable: `describe(name, () => body(engine))`;
 * - none, `ORACLE_REQUIRED=1`: one failing test, `name` › `needs a Docker Engine`, carrying the reason;
 * - none otherwise: `describe.skip` with the reason appended to `name` (`[skipped: …]`); `body` declares
 *   its tests there with a stand-in engine, so each real check is counted as skipped (the default
 *   reporter's summary, `spec/reporters/gated-skips.ts`, prints the reason and the count); none runs.
 */
export async function oracleSuite(name: string, body: (engine: Engine) => void): Promise<void> {
  const engine = await detectEngine();
  if (engine) {
    describe(name, () => body(engine));
    return;
  }
  const reason = detectEngineFailure || "no Docker Engine is reachable";
  if (oracleRequired()) {
    describe(name, () => {
      it("needs a Docker Engine", () => {
        throw new Error(`ORACLE_REQUIRED=1 but ${reason}`);
      });
    });
    return;
  }
  // The body is declared with a stand-in engine inside a skipped describe, so its real checks are
  // collected and counted as skipped (its hooks and tests never run, so the stand-in is never used).
  describe.skip(`${name} [skipped: ${reason}]`, () => body(ABSENT_ENGINE));
}

/** What a skipped suite's body is declared with: never used, since nothing in a skipped describe runs. */
const ABSENT_ENGINE: Engine = { docker: "(no engine)", env: {}, serverVersion: "(no engine)" };

/**
 * A positive integer from the environment (e.g. `ORACLE_RUNS`), or `fallback` when unset; anything else
 * throws, failing the spec file, so a typo cannot shrink a run silently.
 */
export function envInt(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, not ${JSON.stringify(raw)}`);
  return n;
}
