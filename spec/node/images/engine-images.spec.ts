/**
 * The image sources that read from the engine, checked against the real Docker 28.5: the Engine API
 * client (`engineImage`) against `docker image inspect` and `docker export` of a container of the same
 * image, and `docker save` tarballs and OCI layouts (the layout inside `docker save`'s output) against
 * the Engine API's answer.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { imageFromInspect } from "../../../src/image/base-image.js";
import { engineAddress, engineImage, pingEngine } from "../../../src/node/images/docker-engine.js";
import { loadImageArchive } from "../../../src/node/images/image-archive.js";
import { loadImageSpec } from "../../../src/node/images/image-chain.js";
import { listTar } from "../../../src/fs/archive/index.js";
import { runDocker } from "../../oracle/docker-cli.js";
import { baseImageRef, ensureBaseImages, type Engine } from "../../oracle/engine.js";
import { oracleSuite } from "../../oracle/suite.js";

const tmp = mkdtempSync(join(tmpdir(), "w16r-engine-images-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function docker(engine: Engine, args: string[]): Promise<Buffer> {
  const r = await runDocker(engine, args, { timeoutMs: 300_000 });
  if (r.code !== 0) throw new Error(`docker ${args.join(" ")}: ${r.stderr}`);
  return r.stdout;
}

/**
 * What the engine makes in every container (mount points, `/etc/hosts`…, and `/etc` for them), which
 * `docker export` shows whether the image has them or not: left out of both sides of the comparison.
 */
const ENGINE_MADE = ["/.dockerenv", "/dev", "/proc", "/sys", "/etc/hosts", "/etc/hostname", "/etc/resolv.conf", "/etc/mtab"];
const engineMade = (path: string) => path === "/etc" || ENGINE_MADE.some((p) => path === p || path.startsWith(p + "/"));

/** The tree `docker export` of a container of the image gives: path → type, mode, owner (the engine's own files removed). */
function exportTree(tar: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of listTar(tar).entries) {
    const path = "/" + e.path;
    if (e.path === "" || engineMade(path)) continue;
    const type = e.type === "dir" ? "dir" : e.type === "symlink" ? `symlink ${e.linkname}` : "file";
    out.set(path, `${type} ${e.mode.toString(8)} ${e.uid}:${e.gid}${e.type === "file" ? ` ${e.size}` : ""}`);
  }
  return out;
}

function treeOf(entries: Record<string, { type: string; mode?: number; uid?: number; gid?: number; target?: string; size?: number }>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, e] of Object.entries(entries)) {
    if (engineMade(path)) continue;
    const type = e.type === "symlink" ? `symlink ${e.target}` : e.type;
    const mode = e.type === "symlink" ? 0o777 : e.mode ?? 0;
    out.set(path, `${type} ${mode.toString(8)} ${e.uid ?? 0}:${e.gid ?? 0}${e.type === "file" ? ` ${e.size}` : ""}`);
  }
  return out;
}

await oracleSuite("base images from Docker Engine 28.5", (engine) => {
  const address = () => engineAddress({ DOCKER_HOST: engine.env.DOCKER_HOST })!;
  const NAMES = ["passwd", "env", "entry-exec", "onbuild"] as const;
  let inspects: Map<string, unknown>;
  beforeAll(async () => {
    inspects = await ensureBaseImages(engine);
  });

  it("finds the engine by DOCKER_HOST and pings it", async () => {
    expect(await pingEngine({ address: address() })).toBe(true);
    expect(await pingEngine({ address: { socketPath: join(tmp, "no.sock") } })).toBe(false);
  });

  it.each(NAMES)("reads oracle/%s's config over the API as docker image inspect shows it", async (name) => {
    const ref = `docker.io/${baseImageRef(name).replace(/^docker\.io\//, "")}`;
    const r = await engineImage({ address: address() }, ref);
    expect(r.ok).toBe(true);
    const cli = imageFromInspect(ref, JSON.parse((await docker(engine, ["image", "inspect", baseImageRef(name)])).toString("utf8")), "daemon");
    expect(cli.ok).toBe(true);
    if (!r.ok || !cli.ok) return;
    expect(r.value).toEqual(cli.value);
    expect(r.value?.source).toBe("daemon");
    expect(inspects.size).toBeGreaterThan(0);
  });

  it("says an image the engine does not have is absent", async () => {
    const r = await engineImage({ address: address() }, "docker.io/w16r/never-built:nope");
    expect(r).toEqual({ ok: true, value: undefined });
  });

  it.each(["passwd", "env"] as const)("reads oracle/%s's files from the export stream as docker export shows them", async (name) => {
    const ref = `docker.io/${baseImageRef(name)}`;
    const r = await engineImage({ address: address() }, ref, { files: true });
    if (!r.ok) throw new Error(r.error);
    const files = r.value!.files!;
    expect(files.complete).toBe(true);
    const id = (await docker(engine, ["create", "--network=none", baseImageRef(name), "true"])).toString("utf8").trim();
    try {
      const exported = exportTree(new Uint8Array(await docker(engine, ["export", id])));
      expect(treeOf(files.entries as never)).toEqual(exported);
    } finally {
      await docker(engine, ["rm", id]);
    }
    if (name === "passwd") expect(files.entries["/etc/passwd"]).toMatchObject({ type: "file", content: "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1001:app:/home/app:/bin/sh\n" });
  });

  it("stops reading an export beyond the size bound, with an error", async () => {
    const r = await engineImage({ address: address() }, `docker.io/${baseImageRef("passwd")}`, { files: true, limits: { maxBytes: 10_000 } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/size bound of 10000 bytes/);
  });

  it("reads docker save tarballs and the OCI layout inside them as the API does", async () => {
    const ref = `docker.io/${baseImageRef("passwd")}`;
    const tar = join(tmp, "passwd.tar");
    await docker(engine, ["save", "-o", tar, baseImageRef("passwd")]);
    const api = await engineImage({ address: address() }, ref, { files: true });
    if (!api.ok) throw new Error(api.error);
    const { source: _s, ...want } = api.value!;
    const saved = await loadImageArchive(tar, ref, { files: true, detail: "passwd.tar" });
    if (!saved.ok) throw new Error(saved.error);
    expect(saved.value).toEqual({ ...want, source: "save", sourceDetail: "passwd.tar" });
    // Docker 28.5's save output is an OCI layout: unpacked without Docker's manifest.json, it is read by index.json.
    const dir = join(tmp, "layout");
    mkdirSync(dir);
    execFileSync("tar", ["xf", tar, "-C", dir]);
    rmSync(join(dir, "manifest.json"));
    rmSync(join(dir, "repositories"), { force: true });
    const layout = await loadImageArchive(dir, ref, { files: true, detail: "layout" });
    if (!layout.ok) throw new Error(layout.error);
    expect(layout.value).toEqual({ ...want, source: "save", sourceDetail: "layout" });
    // --image REF=PATH tells inspect JSON, save tar and layout apart by content.
    const inspectFile = join(tmp, "passwd.json");
    writeFileSync(inspectFile, "\n" + JSON.stringify([{ Id: want.digest, Config: { Env: want.config.Env }, RootFS: { Layers: ["a", "b", "c"] } }]));
    const specs = await Promise.all([tar, dir, inspectFile].map((p) => loadImageSpec(`oracle/passwd=${p}`)));
    expect(specs.map((s) => (s.ok ? s.value.source : s.error))).toEqual(["save", "save", "inspect"]);
    expect(specs.map((s) => (s.ok ? s.value.layers : null))).toEqual([3, 3, 3]);
  });

  it("an archive of another image says which images it holds", async () => {
    const r = await loadImageArchive(join(tmp, "passwd.tar"), "docker.io/library/other:1");
    // One image in the archive: it is taken whatever the name (as docker load would load it).
    expect(r.ok).toBe(true);
    const bad = await loadImageArchive(join(tmp, "missing.tar"), "docker.io/library/other:1");
    expect(bad.ok).toBe(false);
  });
});
