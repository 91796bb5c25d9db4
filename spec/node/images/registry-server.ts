/**
 * The registries the registry client is tested against: real distribution 2.8 servers started by
 * `.ci/registry.sh` (anonymous, htpasswd, token), found from the `REGISTRY_*` variables it prints or, when
 * they are unset, by asking the script whether its registries run. Skipped without them, unless
 * `REGISTRY_REQUIRED=1` (set by `.ci/run`), which turns the skip into a failure.
 *
 * @module
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, it } from "vitest";
import type { Engine } from "../../oracle/engine.js";

/** Where the test registries listen, and the test user (made-up values from `.ci/registry.sh`). */
export interface Registries {
  readonly anon: string;
  readonly basic: string;
  readonly token: string;
  readonly tokenRealm: string;
  readonly tokenKey: string;
  readonly tokenCert: string;
  readonly user: string;
  readonly password: string;
}

const SCRIPT = join(import.meta.dirname, "..", "..", "..", ".ci", "registry.sh");

function fromEnv(env: Readonly<Record<string, string | undefined>>): Registries | null {
  const need = ["REGISTRY_ANON", "REGISTRY_BASIC", "REGISTRY_TOKEN", "REGISTRY_TOKEN_REALM", "REGISTRY_TOKEN_KEY", "REGISTRY_TOKEN_CERT", "REGISTRY_USER", "REGISTRY_PASSWORD"];
  if (need.some((k) => env[k] === undefined || env[k] === "")) return null;
  return {
    anon: env["REGISTRY_ANON"]!, basic: env["REGISTRY_BASIC"]!, token: env["REGISTRY_TOKEN"]!, tokenRealm: env["REGISTRY_TOKEN_REALM"]!,
    tokenKey: env["REGISTRY_TOKEN_KEY"]!, tokenCert: env["REGISTRY_TOKEN_CERT"]!, user: env["REGISTRY_USER"]!, password: env["REGISTRY_PASSWORD"]!,
  };
}

let why = "";

/** The running test registries, or null (with the reason in the skip message). */
export function findRegistries(): Registries | null {
  const given = fromEnv(process.env);
  if (given !== null) return given;
  try {
    execFileSync("bash", [SCRIPT, "status"], { stdio: "ignore" });
    const lines = execFileSync("bash", [SCRIPT, "env"], { encoding: "utf8" });
    return fromEnv(Object.fromEntries(lines.split("\n").filter((l) => l.includes("=")).map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)])));
  } catch {
    why = "no test registry runs (start one with `.ci/registry.sh start`, which installs Debian's docker-registry)";
    return null;
  }
}

/**
 * Declares a suite that needs the registries and an engine to push to them: skipped without them,
 * failing with `REGISTRY_REQUIRED=1`.
 */
export function registrySuite(name: string, engine: Engine | null, body: (r: Registries, engine: Engine) => void): void {
  const r = findRegistries();
  if (r !== null && engine !== null) {
    describe(name, () => body(r, engine));
    return;
  }
  if (engine === null) why = "no Docker Engine is reachable to push the test images (start one with `.ci/docker-engine.sh start 28`)";
  if (process.env["REGISTRY_REQUIRED"] === "1") {
    describe(name, () => {
      it("needs the test registries", () => {
        throw new Error(`REGISTRY_REQUIRED=1 but ${why}`);
      });
    });
    return;
  }
  const absent: Registries = { anon: "", basic: "", token: "", tokenRealm: "", tokenKey: "", tokenCert: "", user: "", password: "" };
  describe.skip(`${name} [skipped: ${why}]`, () => body(absent, { docker: "(no engine)", env: {}, serverVersion: "(no engine)" }));
}
