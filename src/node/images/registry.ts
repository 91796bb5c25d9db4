/**
 * An OCI distribution registry client (distribution spec v1.1, "Pull"): Docker Hub names
 * (`node` → `registry-1.docker.io`, `library/node`), anonymous pulls, the token flow of a
 * `WWW-Authenticate: Bearer realm=…,service=…,scope=…` challenge (distribution docs/spec/auth/token.md),
 * HTTP basic auth, credentials from the user's Docker config, manifest lists and OCI indexes with
 * platform selection, the config blob's digest verified, timeouts, bounded retries and size caps.
 * Layers are read, on request, as streams within a size bound.
 *
 * Credentials never appear in results, errors or logs: errors name the registry, the path and
 * the HTTP status only.
 *
 * @module
 */
import type { Outcome } from "../../core/result.js";
import { Readable } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { parseImageReference } from "../../docker/index.js";
import type { BaseImage } from "../../image/base-image.js";
import { applyLayers, ReadBudget, summarizeLayer, type FileLimits, type LayerSummary } from "./layer-files.js";
import { descriptorsOf, formatPlatform, imageFromConfigBlob, isIndex, MEDIA, selectManifest, sha256Digest, type PlatformSpec } from "./oci.js";
import type { CredentialSource, Credentials } from "./registry-auth.js";

/** Options of the registry client. */
export interface RegistryOptions {
  /** The platform to choose in an index; default linux/amd64. */
  readonly platform?: PlatformSpec;
  /** Read the image's files from its layers; default false. */
  readonly files?: boolean;
  readonly limits?: FileLimits;
  /** Credentials per registry host; default: anonymous. */
  readonly credentials?: CredentialSource;
  /** Milliseconds per request; default 30,000. */
  readonly timeoutMs?: number;
  /** Attempts per request on network errors, 429 and 5xx; default 3. */
  readonly attempts?: number;
  /** Registries spoken to over plain HTTP; default: `localhost` and `127.0.0.0/8` (as dockerd allows), with their ports. */
  readonly plainHttp?: (host: string) => boolean;
  /** The fetch to use; default the global one. */
  readonly fetch?: typeof fetch;
}

const MAX_MANIFEST = 4 * 1024 * 1024;
const MAX_CONFIG = 8 * 1024 * 1024;

/** `localhost`, `127.x.x.x` and `[::1]`, with any port. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/:\d+$/, "");
  return h === "localhost" || /^127\.\d+\.\d+\.\d+$/.test(h) || h === "[::1]";
}

/** The host to speak to for a reference's domain (`docker.io` → `registry-1.docker.io`). */
export function registryHost(domain: string): string {
  return domain === "docker.io" || domain === "index.docker.io" ? "registry-1.docker.io" : domain;
}

class RegistryError extends Error {}

/** One registry session: a host, a repository, and the authorization it earned. */
class Session {
  private authorization: string | undefined;
  private readonly base: string;
  constructor(
    readonly host: string,
    readonly repository: string,
    private readonly options: RegistryOptions,
    private readonly creds: Credentials | undefined,
  ) {
    const plain = (options.plainHttp ?? isLoopbackHost)(host);
    this.base = `${plain ? "http" : "https"}://${host}/v2/${repository}`;
  }

  private get fetch(): typeof fetch {
    return this.options.fetch ?? globalThis.fetch;
  }

  /** A GET with retries; on a 401 challenge, authenticates once and repeats. */
  async get(path: string, accept?: string): Promise<Response> {
    let challenged = false;
    for (;;) {
      const res = await this.attempt(`${this.base}${path}`, accept);
      if (res.status === 401 && !challenged) {
        challenged = true;
        const challenge = res.headers.get("www-authenticate") ?? "";
        await res.body?.cancel();
        await this.authenticate(challenge);
        continue;
      }
      return res;
    }
  }

  private async attempt(url: string, accept: string | undefined, headers: Record<string, string> = {}): Promise<Response> {
    const attempts = Math.max(1, this.options.attempts ?? 3);
    let last = "";
    for (let i = 0; i < attempts; i++) {
      try {
        const res = await this.fetch(url, {
          headers: { ...(accept === undefined ? {} : { Accept: accept }), ...(this.authorization === undefined ? {} : { Authorization: this.authorization }), ...headers },
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000),
          redirect: "follow",
        });
        if (res.status !== 429 && res.status < 500) return res;
        last = `HTTP ${res.status}`;
        await res.body?.cancel();
      } catch (e) {
        last = (e as Error).name === "TimeoutError" ? "timed out" : "could not connect";
      }
      if (i + 1 < attempts) await new Promise((r) => setTimeout(r, 200 * 2 ** i));
    }
    throw new RegistryError(`registry ${this.host}: ${new URL(url).pathname}: ${last} (after ${attempts} attempts)`);
  }

  private basic(): string | undefined {
    if (this.creds === undefined || !("username" in this.creds)) return undefined;
    return `Basic ${Buffer.from(`${this.creds.username}:${this.creds.password}`).toString("base64")}`;
  }

  private async authenticate(challenge: string): Promise<void> {
    const scheme = challenge.trim().split(/\s+/)[0]?.toLowerCase();
    if (scheme === "basic") {
      const b = this.basic();
      if (b === undefined) throw new RegistryError(`registry ${this.host} asks for a login, and the Docker config has no credentials for it (docker login ${this.host})`);
      this.authorization = b;
      return;
    }
    if (scheme !== "bearer") throw new RegistryError(`registry ${this.host} asks for an authentication this client does not speak`);
    const params = new Map<string, string>();
    for (const m of challenge.matchAll(/(\w+)="([^"]*)"/g)) params.set(m[1]!.toLowerCase(), m[2]!);
    const realm = params.get("realm");
    if (realm === undefined) throw new RegistryError(`registry ${this.host}: its token challenge names no realm`);
    const url = new URL(realm);
    if (params.has("service")) url.searchParams.set("service", params.get("service")!);
    url.searchParams.set("scope", params.get("scope") ?? `repository:${this.repository}:pull`);
    let res: Response;
    if (this.creds !== undefined && "identityToken" in this.creds) {
      // OAuth2 refresh-token grant (token.md, "Requesting a Token" with a refresh token).
      const body = new URLSearchParams({ grant_type: "refresh_token", refresh_token: this.creds.identityToken, service: params.get("service") ?? "", scope: url.searchParams.get("scope")!, client_id: "dockerfile-semantics" });
      res = await this.fetch(`${url.origin}${url.pathname}`, { method: "POST", body, signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000) }).catch(() => {
        throw new RegistryError(`registry ${this.host}: could not reach its token server ${url.host}`);
      });
    } else {
      const b = this.basic();
      res = await this.fetch(url, { headers: b === undefined ? {} : { Authorization: b }, signal: AbortSignal.timeout(this.options.timeoutMs ?? 30_000) }).catch(() => {
        throw new RegistryError(`registry ${this.host}: could not reach its token server ${url.host}`);
      });
    }
    if (!res.ok) throw new RegistryError(`registry ${this.host}: its token server ${url.host} refused (HTTP ${res.status})${this.creds === undefined ? "; the Docker config has no credentials for it" : ""}`);
    const json = (await res.json().catch(() => null)) as { token?: unknown; access_token?: unknown } | null;
    const token = typeof json?.token === "string" ? json.token : typeof json?.access_token === "string" ? json.access_token : undefined;
    if (token === undefined) throw new RegistryError(`registry ${this.host}: its token server ${url.host} gave no token`);
    this.authorization = `Bearer ${token}`;
  }

  /** Reads a body whole, within a cap. */
  async bytes(res: Response, cap: number, what: string): Promise<Uint8Array> {
    const declared = Number(res.headers.get("content-length") ?? "-1");
    if (declared > cap) {
      await res.body?.cancel();
      throw new RegistryError(`registry ${this.host}: ${what} is larger than ${cap} bytes`);
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    for await (const c of res.body ?? []) {
      size += (c as Uint8Array).length;
      if (size > cap) throw new RegistryError(`registry ${this.host}: ${what} is larger than ${cap} bytes`);
      chunks.push(c as Uint8Array);
    }
    return new Uint8Array(Buffer.concat(chunks));
  }
}

const ACCEPT = [MEDIA.ociIndex, MEDIA.dockerList, MEDIA.ociManifest, MEDIA.dockerManifest].join(", ");

/**
 * Pulls an image's config (and, with `files`, reads its layers) from its registry. Returns
 * `undefined` when the registry does not have it (404), an error when the pull fails.
 *
 * @example
 * ```ts
 * const r = await pullImage("127.0.0.1:5000/app:1", { platform: { os: "linux", architecture: "arm64" } });
 * if (r.ok && r.value) console.log(r.value.digest, r.value.platform);
 * ```
 */
export async function pullImage(refText: string, options: RegistryOptions = {}): Promise<Outcome<BaseImage | undefined>> {
  const ref = parseImageReference(refText);
  if (!ref.ok) return { ok: false, error: ref.error };
  const host = registryHost(ref.value.domain);
  const want = options.platform ?? { os: "linux", architecture: "amd64" };
  try {
    const creds = await options.credentials?.(ref.value.domain);
    const s = new Session(host, ref.value.path, options, creds);
    let res = await s.get(`/manifests/${ref.value.digest ?? ref.value.tag ?? "latest"}`, ACCEPT);
    if (res.status === 404) return { ok: true, value: undefined };
    if (!res.ok) return { ok: false, error: `registry ${host}: the manifest of ${ref.value.familiar}: HTTP ${res.status}` };
    let body = await s.bytes(res, MAX_MANIFEST, "the manifest");
    let digest = sha256Digest(body);
    if (ref.value.digest !== undefined && digest !== ref.value.digest) return { ok: false, error: `registry ${host}: the manifest of ${ref.value.familiar} does not match its digest` };
    let manifest: unknown = JSON.parse(Buffer.from(body).toString("utf8"));
    let platform: string | undefined;
    if (isIndex(manifest, res.headers.get("content-type") ?? "")) {
      const d = selectManifest(descriptorsOf(manifest, "manifests"), want);
      if (d === undefined) return { ok: false, error: `registry ${host}: ${ref.value.familiar} has no image for ${formatPlatform(want)}` };
      platform = d.platform === undefined ? undefined : formatPlatform(d.platform);
      res = await s.get(`/manifests/${d.digest}`, ACCEPT);
      if (!res.ok) return { ok: false, error: `registry ${host}: the ${platform ?? ""} manifest of ${ref.value.familiar}: HTTP ${res.status}` };
      body = await s.bytes(res, MAX_MANIFEST, "the manifest");
      digest = sha256Digest(body);
      if (digest !== d.digest) return { ok: false, error: `registry ${host}: the ${platform ?? ""} manifest of ${ref.value.familiar} does not match its digest` };
      manifest = JSON.parse(Buffer.from(body).toString("utf8"));
    }
    const configDigest = (manifest as { config?: { digest?: unknown } }).config?.digest;
    if (typeof configDigest !== "string") return { ok: false, error: `registry ${host}: the manifest of ${ref.value.familiar} names no config` };
    const cres = await s.get(`/blobs/${configDigest}`);
    if (!cres.ok) return { ok: false, error: `registry ${host}: the config blob of ${ref.value.familiar}: HTTP ${cres.status}` };
    const config = await s.bytes(cres, MAX_CONFIG, "the config blob");
    if (sha256Digest(config) !== configDigest) return { ok: false, error: `registry ${host}: the config blob of ${ref.value.familiar} does not match its digest ${configDigest}` };
    const image = imageFromConfigBlob(ref.value.normalized, JSON.parse(Buffer.from(config).toString("utf8")), "registry", digest);
    if (!image.ok) return { ok: false, error: `registry ${host}: ${image.error}` };
    const value: BaseImage = { ...image.value, sourceDetail: ref.value.domain, ...(platform === undefined ? {} : { platform }) };
    if (options.files !== true) return { ok: true, value };
    const budget = new ReadBudget(options.limits);
    const layers: LayerSummary[] = [];
    for (const l of descriptorsOf(manifest, "layers")) {
      if (l.size > budget.maxBytes) return { ok: false, error: `registry ${host}: a layer of ${ref.value.familiar} is larger than the size bound of ${budget.maxBytes} bytes` };
      const lres = await s.get(`/blobs/${l.digest}`);
      if (!lres.ok || lres.body === null) return { ok: false, error: `registry ${host}: a layer of ${ref.value.familiar}: HTTP ${lres.status}` };
      if (l.mediaType.endsWith("+zstd")) {
        await lres.body.cancel();
        return { ok: false, error: `registry ${host}: ${ref.value.familiar} has zstd layers, which this client does not read` };
      }
      layers.push(await summarizeLayer(Readable.fromWeb(lres.body as WebReadableStream<Uint8Array>), budget));
    }
    return { ok: true, value: { ...value, files: applyLayers(layers) } };
  } catch (e) {
    return { ok: false, error: e instanceof RegistryError ? e.message : `registry ${host}: ${(e as Error).message}` };
  }
}
