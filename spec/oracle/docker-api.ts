/**
 * The Docker Engine API over its unix socket, for the harness's bookkeeping requests (image and container
 * inspection, `docker save`, removal): the same requests the CLI sends for those commands, without
 * spawning a CLI process for each (on the CI machines a `docker image inspect` costs ~60 ms of CPU in the
 * CLI alone, as much as the daemon spends on a small build step).
 *
 * Builds still go through the CLI (`docker-cli.ts`). `docker create` may too (see `engine.ts`): the
 * request body the CLI 28.5 sends for the flags the oracle uses is simple and is replayed here, and
 * `engine.spec.ts` checks, on the real engine, that both give the same containers.
 *
 * Only for unix sockets (`DOCKER_HOST=unix://…`, or the default `/var/run/docker.sock` when
 * `DOCKER_HOST` is unset); {@link apiSocket} returns null otherwise and callers fall back to the CLI.
 *
 * @module
 */
import { request } from "node:http";
import type { Engine } from "./docker-cli.js";

/** The unix socket path of an engine, or null when it is not reached over a unix socket. */
export function apiSocket(engine: Pick<Engine, "env">): string | null {
  if (engine.env.DOCKER_CONTEXT) return null;
  const host = engine.env.DOCKER_HOST;
  if (host === undefined || host === "") return "/var/run/docker.sock";
  return host.startsWith("unix://") ? host.slice("unix://".length) : null;
}

/** A response of the Engine API. */
export interface ApiResponse {
  /** HTTP status; 0 when the request could not be made (then `error` says why). */
  status: number;
  body: Buffer;
  /** The daemon's error message (`{"message": …}`) for a status ≥ 400, or the transport error. */
  error: string;
}

/**
 * One request to the Engine API (unversioned paths: the daemon's own API version). Never rejects:
 * transport failures and timeouts come back as status 0 with `error` set.
 */
export function api(
  socketPath: string,
  method: string,
  path: string,
  { timeoutMs = 120_000, json }: { timeoutMs?: number; json?: unknown } = {},
): Promise<ApiResponse> {
  const payload = json === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(json), "utf8");
  return new Promise((resolve) => {
    let settled = false;
    const finish = (r: ApiResponse): void => {
      if (settled) return;
      settled = true;
      resolve(r);
    };
    const headers: Record<string, string> = { Host: "docker", "Content-Length": String(payload.length) };
    if (json !== undefined) headers["Content-Type"] = "application/json";
    const req = request({ socketPath, method, path, headers, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (b: Buffer) => chunks.push(b));
      res.on("error", (e) => finish({ status: 0, body: Buffer.alloc(0), error: `reading ${method} ${path}: ${e.message}` }));
      res.on("end", () => {
        const body = Buffer.concat(chunks);
        const status = res.statusCode ?? 0;
        let error = "";
        if (status >= 400) {
          try {
            error = String((JSON.parse(body.toString("utf8")) as { message?: unknown }).message ?? "");
          } catch {
            error = body.toString("utf8").trim();
          }
          error ||= `HTTP ${status}`;
        }
        finish({ status, body, error });
      });
    });
    req.on("timeout", () => {
      req.destroy();
      finish({ status: 0, body: Buffer.alloc(0), error: `${method} ${path} timed out after ${timeoutMs} ms` });
    });
    req.on("error", (e) => finish({ status: 0, body: Buffer.alloc(0), error: `${method} ${path}: ${e.message}` }));
    req.end(payload);
  });
}

/** A name or id as the CLI puts it in a path (unescaped: `oracle/x:latest`); refuses anything unusual. */
function q(name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._\/:@-]*$/.test(name)) throw new Error(`unexpected image or container name: ${JSON.stringify(name)}`);
  return name;
}

/** `docker image inspect NAME` (GET /images/NAME/json): the inspect object, or the daemon's error. */
export async function inspectImage(socketPath: string, name: string): Promise<{ ok: true; value: Record<string, unknown> } | { ok: false; error: string }> {
  const r = await api(socketPath, "GET", `/images/${q(name)}/json`, { timeoutMs: 60_000 });
  return r.status === 200 ? { ok: true, value: JSON.parse(r.body.toString("utf8")) as Record<string, unknown> } : { ok: false, error: r.error };
}

/** `docker save NAME…` (GET /images/get): the archive, or the daemon's error. */
export async function saveImages(socketPath: string, names: readonly string[]): Promise<{ ok: true; value: Buffer } | { ok: false; error: string }> {
  const r = await api(socketPath, "GET", `/images/get?${names.map((n) => `names=${encodeURIComponent(q(n))}`).join("&")}`, { timeoutMs: 120_000 });
  return r.status === 200 ? { ok: true, value: r.body } : { ok: false, error: r.error };
}

/** `docker container inspect ID` (GET /containers/ID/json). */
export async function inspectContainer(socketPath: string, id: string): Promise<{ ok: true; value: Record<string, unknown> } | { ok: false; error: string }> {
  const r = await api(socketPath, "GET", `/containers/${q(id)}/json`, { timeoutMs: 60_000 });
  return r.status === 200 ? { ok: true, value: JSON.parse(r.body.toString("utf8")) as Record<string, unknown> } : { ok: false, error: r.error };
}

/** `docker rm -f ID` (DELETE /containers/ID?force=1); the error when it failed, else "". */
export async function removeContainer(socketPath: string, id: string): Promise<string> {
  const r = await api(socketPath, "DELETE", `/containers/${q(id)}?force=1`, { timeoutMs: 60_000 });
  return r.status >= 200 && r.status < 300 ? "" : r.error;
}

/** `docker image rm NAME` (DELETE /images/NAME; untagged parents go too, as with the CLI); the error, else "". */
export async function removeImage(socketPath: string, name: string): Promise<string> {
  const r = await api(socketPath, "DELETE", `/images/${q(name)}`, { timeoutMs: 60_000 });
  return r.status >= 200 && r.status < 300 ? "" : r.error;
}

/** `POST /containers/create` with a body as the CLI sends it: the new container's id, or the daemon's error. */
export async function createContainer(socketPath: string, body: unknown): Promise<{ ok: true; id: string } | { ok: false; error: string }> {
  const r = await api(socketPath, "POST", "/containers/create", { timeoutMs: 60_000, json: body });
  if (r.status !== 201) return { ok: false, error: r.error };
  return { ok: true, id: String((JSON.parse(r.body.toString("utf8")) as { Id?: unknown }).Id ?? "") };
}
