/**
 * Credentials for a registry from the user's Docker config (`$DOCKER_CONFIG/config.json`, else
 * `~/.docker/config.json`): `auths` entries (`auth` = base64 `user:password`, or `identitytoken`),
 * and credential helpers (`credHelpers` per registry, `credsStore` for all), run as
 * `docker-credential-NAME get` with the server on standard input, as the docker CLI does
 * (docker/docker-credential-helpers client/client.go). Credentials are handed to the registry
 * client only; nothing here prints or logs them.
 *
 * @module
 */
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";

/** What a registry login gives. */
export type Credentials = { readonly username: string; readonly password: string } | { readonly identityToken: string };

/** Finds credentials for a registry host (`docker.io`, `127.0.0.1:5000`). */
export type CredentialSource = (host: string) => Promise<Credentials | undefined>;

/** The keys the docker CLI files a registry's credentials under. */
function configKeys(host: string): string[] {
  if (host === "docker.io" || host === "index.docker.io" || host === "registry-1.docker.io") return ["https://index.docker.io/v1/", "index.docker.io", "docker.io", "registry-1.docker.io"];
  return [host, `https://${host}`, `http://${host}`, `https://${host}/v1/`, `https://${host}/v2/`];
}

function record(v: unknown): Record<string, unknown> | null {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
}

function helper(name: string, server: string): Promise<Credentials | undefined> {
  return new Promise((resolve) => {
    const child = execFile(`docker-credential-${name}`, ["get"], { timeout: 10_000, maxBuffer: 1024 * 1024 }, (err, stdout) => {
      if (err !== null) return resolve(undefined);
      try {
        const r = record(JSON.parse(stdout));
        const user = r?.["Username"];
        const secret = r?.["Secret"];
        if (typeof secret !== "string" || secret === "") return resolve(undefined);
        resolve(user === "<token>" ? { identityToken: secret } : { username: typeof user === "string" ? user : "", password: secret });
      } catch {
        resolve(undefined);
      }
    });
    child.stdin?.end(server);
  });
}

/**
 * Credentials from a Docker config file; `undefined` for a registry it has none for (then pulls
 * are anonymous).
 *
 * @example
 * ```ts
 * const creds = dockerConfigCredentials(process.env);
 * await creds("127.0.0.1:5000"); // { username: "ci", password: "…" } or undefined
 * ```
 */
export function dockerConfigCredentials(env: Readonly<Record<string, string | undefined>>): CredentialSource {
  const dir = env["DOCKER_CONFIG"] ?? join(homedir(), ".docker");
  let config: Promise<Record<string, unknown> | null> | undefined;
  return async (host) => {
    config ??= readFile(join(dir, "config.json"), "utf8").then((t) => record(JSON.parse(t))).catch(() => null);
    const c = await config;
    if (c === null) return undefined;
    const keys = configKeys(host);
    const helpers = record(c["credHelpers"]);
    for (const k of keys) {
      const h = helpers?.[k];
      if (typeof h === "string" && h !== "") return helper(h, k);
    }
    const auths = record(c["auths"]);
    for (const k of keys) {
      const a = record(auths?.[k]);
      if (a === null) continue;
      if (typeof a["identitytoken"] === "string" && a["identitytoken"] !== "") return { identityToken: a["identitytoken"] };
      if (typeof a["auth"] === "string" && a["auth"] !== "") {
        const text = Buffer.from(a["auth"], "base64").toString("utf8");
        const colon = text.indexOf(":");
        if (colon > 0) return { username: text.slice(0, colon), password: text.slice(colon + 1) };
      }
    }
    if (typeof c["credsStore"] === "string" && c["credsStore"] !== "") return helper(c["credsStore"], keys[0]!);
    return undefined;
  };
}
