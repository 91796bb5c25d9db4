/**
 * The registry client against real registry servers (Debian's docker-registry, distribution 2.8, started
 * by `.ci/registry.sh`) into which the real Docker 28.5 engine pushes the oracle's base images: anonymous
 * pulls, htpasswd basic auth, token auth (with a token server this spec runs), credentials from a Docker
 * config file, a multi-platform index (a Docker manifest list and an OCI index, put over HTTP) with platform
 * choice, digests verified, files from layers, the on-disk cache, and the CLI's --pull/--platform.
 */
import { createPrivateKey, createSign, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { imageFromInspect } from "../../../src/image/base-image.js";
import { main, type CliIo } from "../../../src/node/cli.js";
import { engineAddress, engineImage } from "../../../src/node/images/docker-engine.js";
import { defaultImageChain } from "../../../src/node/images/image-chain.js";
import { sha256Digest } from "../../../src/node/images/oci.js";
import { dockerConfigCredentials } from "../../../src/node/images/registry-auth.js";
import { pullImage } from "../../../src/node/images/registry.js";
import { runDocker } from "../../oracle/docker-cli.js";
import { baseImageRef, detectEngine, ensureBaseImages, type Engine } from "../../oracle/engine.js";
import { registrySuite, type Registries } from "./registry-server.js";

const tmp = mkdtempSync(join(tmpdir(), "w16r-registry-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function docker(engine: Engine, args: string[]): Promise<string> {
  const r = await runDocker(engine, args, { timeoutMs: 300_000 });
  if (r.code !== 0) throw new Error(`docker ${args.join(" ")}: ${r.stderr}`);
  return r.stdout.toString("utf8");
}

const MANIFEST_TYPES = "application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json";

async function getJson(url: string, accept = MANIFEST_TYPES): Promise<{ json: Record<string, unknown>; bytes: Uint8Array; type: string }> {
  const res = await fetch(url, { headers: { Accept: accept } });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { json: JSON.parse(Buffer.from(bytes).toString("utf8")), bytes, type: res.headers.get("content-type") ?? "" };
}

/** Uploads a blob monolithically (distribution spec, "Pushing a blob monolithically"). */
async function putBlob(host: string, repo: string, bytes: Uint8Array): Promise<string> {
  const digest = sha256Digest(bytes);
  const start = await fetch(`http://${host}/v2/${repo}/blobs/uploads/`, { method: "POST" });
  if (start.status !== 202) throw new Error(`upload start: ${start.status}`);
  const loc = new URL(start.headers.get("location")!, `http://${host}`);
  loc.searchParams.set("digest", digest);
  const put = await fetch(loc, { method: "PUT", body: new Uint8Array(bytes), headers: { "Content-Type": "application/octet-stream" } });
  if (put.status !== 201) throw new Error(`upload: ${put.status} ${await put.text()}`);
  return digest;
}

async function putManifest(host: string, repo: string, tag: string, type: string, body: unknown): Promise<{ digest: string; size: number }> {
  const bytes = new TextEncoder().encode(JSON.stringify(body));
  const res = await fetch(`http://${host}/v2/${repo}/manifests/${tag}`, { method: "PUT", body: bytes, headers: { "Content-Type": type } });
  if (res.status !== 201) throw new Error(`PUT manifest ${tag}: ${res.status} ${await res.text()}`);
  return { digest: sha256Digest(bytes), size: bytes.length };
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString("base64url");

/** A token server for the token-auth registry (distribution docs/spec/auth/token.md, jwt.md): RS256 JWTs whose x5c is the registry's root certificate. */
function startTokenServer(r: Registries): Promise<Server> {
  const key = createPrivateKey(readFileSync(r.tokenKey));
  const certDer = readFileSync(r.tokenCert, "utf8").replace(/-----[^-]+-----|\s/g, "");
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", r.tokenRealm);
    const auth = req.headers.authorization ?? "";
    const [user, password] = auth.startsWith("Basic ") ? Buffer.from(auth.slice(6), "base64").toString("utf8").split(":") : [];
    if (auth !== "" && !(user === r.user && password === r.password)) {
      res.writeHead(401).end();
      return;
    }
    const scope = url.searchParams.get("scope") ?? "";
    const [type, name, actions] = scope.split(":");
    const access = user === r.user && type === "repository" ? [{ type, name, actions: (actions ?? "").split(",").filter((a) => a === "pull") }] : [];
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: "RS256", typ: "JWT", x5c: [certDer] };
    const claims = { iss: "dockerfile-semantics-test-issuer", sub: user ?? "", aud: url.searchParams.get("service"), exp: now + 600, nbf: now - 10, iat: now, jti: randomUUID(), access };
    const signing = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    const token = `${signing}.${b64url(createSign("RSA-SHA256").update(signing).sign(key))}`;
    res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify({ token }));
  });
  const port = Number(new URL(r.tokenRealm).port);
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

const engine = await detectEngine();

registrySuite("the registry client against distribution 2.8", engine, (r, engine) => {
  const repo = (name: string) => `${r.anon}/w16r/${name}`;
  let token: Server | undefined;
  const inspect: Record<string, ReturnType<typeof imageFromInspect>> = {};
  const pushedDigest: Record<string, string> = {};

  beforeAll(async () => {
    await ensureBaseImages(engine);
    for (const [name, from] of [["entry", "entry-exec"], ["cmd", "cmd-exec"], ["passwd", "passwd"]] as const) {
      await docker(engine, ["tag", baseImageRef(from), `${repo(name)}:1`]);
      await docker(engine, ["push", "-q", `${repo(name)}:1`]);
      const json = JSON.parse(await docker(engine, ["image", "inspect", `${repo(name)}:1`]));
      inspect[name] = imageFromInspect(`${repo(name)}:1`, json, "registry");
      const digest = (json[0].RepoDigests as string[]).find((d) => d.startsWith(`${repo(name)}@`))!.split("@")[1]!;
      pushedDigest[name] = digest;
    }
    // A multi-platform index: the entry image as linux/amd64, and the cmd image's manifest with its config
    // rewritten to linux/arm64/v8, both in one repository.
    const multi = "w16r/multi";
    const children: { type: string; digest: string; size: number; platform: Record<string, string> }[] = [];
    for (const [name, platform] of [["entry", { architecture: "amd64", os: "linux" }], ["cmd", { architecture: "arm64", os: "linux", variant: "v8" }]] as const) {
      await docker(engine, ["tag", `${repo(name)}:1`, `${r.anon}/${multi}:${name}`]);
      await docker(engine, ["push", "-q", `${r.anon}/${multi}:${name}`]);
      const m = await getJson(`http://${r.anon}/v2/${multi}/manifests/${name}`);
      const cfg = m.json["config"] as { digest: string; mediaType: string };
      const blob = await getJson(`http://${r.anon}/v2/${multi}/blobs/${cfg.digest}`, "*/*");
      const config = { ...blob.json, ...platform };
      const configBytes = new TextEncoder().encode(JSON.stringify(config));
      const configDigest = await putBlob(r.anon, multi, configBytes);
      const type = String(m.json["mediaType"] ?? m.type);
      const put = await putManifest(r.anon, multi, `${name}-platform`, type, { ...m.json, config: { ...cfg, digest: configDigest, size: configBytes.length } });
      children.push({ type, ...put, platform });
    }
    const list = (mediaType: string) => ({ schemaVersion: 2, mediaType, manifests: children.map((c) => ({ mediaType: c.type, digest: c.digest, size: c.size, platform: c.platform })) });
    await putManifest(r.anon, multi, "list", "application/vnd.docker.distribution.manifest.list.v2+json", list("application/vnd.docker.distribution.manifest.list.v2+json"));
    await putManifest(r.anon, multi, "oci", "application/vnd.oci.image.index.v1+json", list("application/vnd.oci.image.index.v1+json"));
    token = await startTokenServer(r);
  });
  afterAll(() => new Promise<void>((done) => (token === undefined ? done() : token.close(() => done()))));

  const creds = () => async () => ({ username: r.user, password: r.password });

  it("pulls anonymously: the config as docker image inspect shows it, the digest docker push reported", async () => {
    for (const name of ["entry", "cmd"] as const) {
      const got = await pullImage(`${repo(name)}:1`);
      if (!got.ok) throw new Error(got.error);
      const want = inspect[name]!;
      if (!want.ok) throw new Error(want.error);
      expect(got.value?.config).toEqual(want.value.config);
      expect(got.value?.layers).toBe(want.value.layers);
      expect(got.value?.digest).toBe(pushedDigest[name]);
      expect(got.value).toMatchObject({ source: "registry", platform: "linux/amd64", sourceDetail: r.anon });
    }
    expect(await pullImage(`${r.anon}/w16r/never-pushed:1`)).toEqual({ ok: true, value: undefined });
  });

  it("reads an image's files from its layers as the engine's export has them", async () => {
    const got = await pullImage(`${repo("passwd")}:1`, { files: true });
    if (!got.ok) throw new Error(got.error);
    const local = await engineImage({ address: engineAddress({ DOCKER_HOST: engine.env.DOCKER_HOST })! }, `docker.io/${baseImageRef("passwd")}`, { files: true });
    if (!local.ok) throw new Error(local.error);
    expect(got.value?.files).toEqual(local.value?.files);
    expect(got.value?.files?.entries["/etc/group"]).toMatchObject({ content: "root:x:0:\ngrp:x:2000:app\n" });
    const bounded = await pullImage(`${repo("passwd")}:1`, { files: true, limits: { maxBytes: 1000 } });
    expect(bounded.ok).toBe(false);
  });

  it("chooses the platform in a manifest list and in an OCI index", async () => {
    for (const tag of ["list", "oci"]) {
      const ref = `${r.anon}/w16r/multi:${tag}`;
      const amd = await pullImage(ref);
      const arm = await pullImage(ref, { platform: { os: "linux", architecture: "arm64" } });
      const armV8 = await pullImage(ref, { platform: { os: "linux", architecture: "arm64", variant: "v8" } });
      if (!amd.ok || !arm.ok || !armV8.ok) throw new Error("pull failed");
      expect(amd.value).toMatchObject({ platform: "linux/amd64", config: { Entrypoint: ["/bin/echo", "base-entry"] } });
      expect(arm.value).toMatchObject({ platform: "linux/arm64/v8", config: { Entrypoint: null, Cmd: ["/bin/echo", "base-cmd"] } });
      expect(armV8.value?.digest).toBe(arm.value?.digest);
      const none = await pullImage(ref, { platform: { os: "linux", architecture: "s390x" } });
      expect(none).toEqual({ ok: false, error: `registry ${r.anon}: ${ref} has no image for linux/s390x` });
    }
  });

  it("verifies the config blob's digest", async () => {
    const tampering: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      if (!String(input).includes("/blobs/")) return res;
      const text = (await res.text()).replace("base-entry", "tampered!!");
      return new Response(text, { status: res.status, headers: res.headers });
    };
    const got = await pullImage(`${repo("entry")}:1`, { fetch: tampering });
    expect(got.ok).toBe(false);
    if (!got.ok) expect(got.error).toMatch(/config blob of .* does not match its digest/);
  });

  it("logs in with htpasswd basic auth, and never shows the password", async () => {
    const ref = `${r.basic}/w16r/entry:1`;
    const ok = await pullImage(ref, { credentials: creds() });
    expect(ok.ok && ok.value?.digest).toBe(pushedDigest["entry"]);
    const anon = await pullImage(ref);
    expect(anon).toEqual({ ok: false, error: `registry ${r.basic} asks for a login, and the Docker config has no credentials for it (docker login ${r.basic})` });
    const wrong = await pullImage(ref, { credentials: async () => ({ username: r.user, password: "wrong-secret-xyz" }) });
    expect(wrong.ok).toBe(false);
    expect(JSON.stringify(wrong)).not.toContain("wrong-secret-xyz");
    expect(JSON.stringify(wrong)).not.toContain(Buffer.from(`${r.user}:wrong-secret-xyz`).toString("base64"));
  });

  it("follows the bearer-token flow of a token-auth registry", async () => {
    const ref = `${r.token}/w16r/cmd:1`;
    const ok = await pullImage(ref, { credentials: creds(), files: true });
    if (!ok.ok) throw new Error(ok.error);
    expect(ok.value?.digest).toBe(pushedDigest["cmd"]);
    expect(ok.value?.files?.complete).toBe(true);
    const anon = await pullImage(ref);
    expect(anon.ok).toBe(false);
    const wrong = await pullImage(ref, { credentials: async () => ({ username: r.user, password: "wrong-secret-xyz" }) });
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.error).toBe(`registry ${r.token}: its token server ${new URL(r.tokenRealm).host} refused (HTTP 401)`);
  });

  it("takes credentials from the Docker config's auths", async () => {
    const dir = mkdtempSync(join(tmp, "docker-config-"));
    writeFileSync(join(dir, "config.json"), JSON.stringify({ auths: { [r.basic]: { auth: Buffer.from(`${r.user}:${r.password}`).toString("base64") } } }));
    const source = dockerConfigCredentials({ DOCKER_CONFIG: dir });
    expect(await source(r.anon)).toBeUndefined();
    const got = await pullImage(`${r.basic}/w16r/cmd:1`, { credentials: source });
    expect(got.ok && got.value?.source).toBe("registry");
  });

  it("caches by digest: a second run answers from the cache without the network", async () => {
    const cache = mkdtempSync(join(tmp, "cache-"));
    const ref = `${r.anon}/w16r/multi:oci`;
    const first = await defaultImageChain({ env: {}, daemon: false, cache, pull: true, platform: { os: "linux", architecture: "arm64" } });
    if (!first.ok) throw new Error(first.error);
    const pulled = await first.value.load(ref);
    expect(pulled).toMatchObject({ source: "registry", platform: "linux/arm64/v8" });
    // Offline (no --pull), the cache answers; for another platform it has nothing.
    const offline = await defaultImageChain({ env: {}, daemon: false, cache, platform: { os: "linux", architecture: "arm64" } });
    if (!offline.ok) throw new Error(offline.error);
    const cached = await offline.value.load(ref);
    expect(cached).toMatchObject({ source: "cache", digest: pulled!.digest, platform: "linux/arm64/v8", config: pulled!.config, layers: pulled!.layers });
    const other = await defaultImageChain({ env: {}, daemon: false, cache });
    if (!other.ok) throw new Error(other.error);
    expect(await other.value.load(ref)).toBeUndefined();
  });

  it("explain-cmd --pull --platform: the registry answers with the platform's image", async () => {
    const dir = mkdtempSync(join(tmp, "ctx-"));
    writeFileSync(join(dir, "Dockerfile"), `FROM ${r.anon}/w16r/multi:list\nCMD ["x"]\n`);
    const run = async (argv: string[]) => {
      let out = "";
      const io: CliIo = { stdout: (s) => (out += s), stderr: () => undefined, readStdin: async () => "", env: { XDG_CACHE_HOME: join(dir, "cache") }, isTTY: false, cwd: dir };
      expect(await main(argv, io)).toBe(0);
      return out;
    };
    const arm = JSON.parse(await run(["--json", "--pull", "--no-daemon", "--platform", "linux/arm64", dir]));
    expect(arm.images).toEqual([{ ref: `${r.anon}/w16r/multi:list`, source: "registry", digest: expect.stringMatching(/^sha256:/), platform: "linux/arm64/v8" }]);
    const amd = JSON.parse(await run(["--json", "--pull", "--no-daemon", dir]));
    expect(amd.run).toMatchObject({ path: "/bin/echo", args: ["base-entry", "x"] });
    expect(amd.images[0].platform).toBe("linux/amd64");
    // Without --pull nothing is asked of the network: the cache from the runs above answers.
    const offline = JSON.parse(await run(["--json", "--no-daemon", dir]));
    expect(offline.images[0].source).toBe("cache");
    const text = await run(["--no-daemon", dir]);
    expect(text).toContain(`Base image ${r.anon}/w16r/multi:list: from the on-disk image cache`);
  });
});
