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
 * - none otherwise: `describe.skipIf(true)` with the reason appended to `name`; `body` is not called.
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
  describe.skipIf(true)(`${name} [skipped: ${reason}]`, () => {
    it("needs a Docker Engine", () => {});
  });
}
