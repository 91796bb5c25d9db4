/**
 * The local Docker Engine over its HTTP API (plain `node:http`, on the unix socket `DOCKER_HOST`
 * names, `/var/run/docker.sock` by default, or `tcp://` without TLS): image config and layers from
 * `GET /images/{name}/json` (what `docker image inspect` prints), and on request the image's files
 * from `GET /images/{name}/get` (the `docker save` stream), read as a stream within a size bound.
 * Docker Engine API v1.51 (Docker 28.5), moby/moby api/swagger.yaml.
 *
 * @module
 */
import type { Outcome } from "../../core/result.js";
import { request, type IncomingMessage } from "node:http";
import { imageFromInspect, type BaseImage } from "../../image/base-image.js";
import { readImageArchive } from "./image-archive.js";
import type { FileLimits } from "./layer-files.js";
import { platformServes, type PlatformSpec } from "./oci.js";

/** Where the engine listens. */
export type EngineAddress = { readonly socketPath: string } | { readonly host: string; readonly port: number };

/**
 * The engine's address from `DOCKER_HOST` (`unix:///path`, `tcp://host:port`), or the default
 * socket. `undefined` for what plain HTTP cannot reach (`ssh://`, `npipe://`, TLS).
 *
 * @example
 * ```ts
 * engineAddress({ DOCKER_HOST: "unix:///var/run/docker.sock" }); // { socketPath: "/var/run/docker.sock" }
 * ```
 */
export function engineAddress(env: Readonly<Record<string, string | undefined>>): EngineAddress | undefined {
  const h = env["DOCKER_HOST"];
  if (h === undefined || h === "") return { socketPath: "/var/run/docker.sock" };
  if (h.startsWith("unix://")) return { socketPath: h.slice("unix://".length) };
  const tcp = /^(?:tcp|http):\/\/([^:/]+|\[[^\]]+\]):(\d+)\/?$/.exec(h);
  if (tcp !== null && env["DOCKER_TLS_VERIFY"] !== "1") return { host: tcp[1]!.replace(/^\[|\]$/g, ""), port: Number(tcp[2]) };
  return undefined;
}

/** Options of the engine client. */
export interface EngineOptions {
  readonly address: EngineAddress;
  /** Milliseconds to wait for the engine to answer a request (not for a whole export); default 5,000. */
  readonly timeoutMs?: number;
}

function get(options: EngineOptions, path: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = request({ ...options.address, path, method: "GET", headers: { Host: "docker" } }, resolve);
    req.setTimeout(options.timeoutMs ?? 5000, () => req.destroy(new Error(`the Docker Engine did not answer ${path} in time`)));
    req.on("error", reject);
    req.end();
  });
}

async function bodyText(res: IncomingMessage, max = 16 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of res) {
    size += (c as Buffer).length;
    if (size > max) {
      res.destroy();
      throw new Error("the Docker Engine's answer is too large");
    }
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Whether an engine answers `GET /_ping`. Never throws. */
export async function pingEngine(options: EngineOptions): Promise<boolean> {
  try {
    const res = await get({ timeoutMs: 2000, ...options }, "/_ping");
    const text = await bodyText(res, 1024);
    return res.statusCode === 200 && text === "OK";
  } catch {
    return false;
  }
}

/** What to read of an image from the engine. */
export interface EngineImageOptions {
  /** Also read the image's files from the export endpoint; default false. */
  readonly files?: boolean;
  readonly limits?: FileLimits;
  /** Only an image that serves this platform answers, as the engine's image store decides (`platformServes` in oci.ts); a build for another platform would pull its own. */
  readonly platform?: PlatformSpec;
}

/**
 * Reads an image from the engine: `undefined` when the engine does not have it (404) or has it
 * for another platform; an error when the engine fails.
 *
 * @example
 * ```ts
 * const r = await engineImage({ address: { socketPath: "/var/run/docker.sock" } }, "docker.io/library/busybox:latest", { files: true });
 * if (r.ok && r.value) r.value.config.Cmd; // ["sh"]
 * ```
 */
export async function engineImage(engine: EngineOptions, ref: string, options: EngineImageOptions = {}): Promise<Outcome<BaseImage | undefined>> {
  try {
    const name = encodeURIComponent(ref);
    const res = await get(engine, `/images/${name}/json`);
    const text = await bodyText(res);
    if (res.statusCode === 404) return { ok: true, value: undefined };
    if (res.statusCode !== 200) return { ok: false, error: `the Docker Engine answered ${res.statusCode} to the image inspect of ${ref}: ${text.slice(0, 200)}` };
    const image = imageFromInspect(ref, JSON.parse(text), "daemon");
    if (!image.ok) return image;
    // The engine's image store uses a local image for a build only when its platform serves the build's.
    if (options.platform !== undefined && image.value.platform !== undefined && !platformServes(options.platform, image.value.platform)) {
      return { ok: true, value: undefined };
    }
    if (options.files !== true) return image;
    const exp = await get(engine, `/images/${name}/get`);
    if (exp.statusCode !== 200) return { ok: false, error: `the Docker Engine answered ${exp.statusCode} to the export of ${ref}: ${(await bodyText(exp, 4096)).slice(0, 200)}` };
    const saved = await readImageArchive(exp, ref, { files: true, source: "daemon", ...(options.limits === undefined ? {} : { limits: options.limits }) });
    if (!saved.ok) {
      exp.destroy();
      return { ok: false, error: `reading the export of ${ref} from the Docker Engine: ${saved.error}` };
    }
    return { ok: true, value: { ...image.value, ...(saved.value.files === undefined ? {} : { files: saved.value.files }) } };
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
}
