/**
 * Oracle helper for COPY/ADD file-level checks: writes a context, builds it on the real engine with
 * BuildKit or the classic builder, reads the image's history and layer count, creates a container
 * (`docker create --entrypoint /none`, nothing runs) and lists `docker export` (type, mode, owner, size,
 * sha256, link target). Node-side only; every tag starts with `oracle/`; the image, the classic builder's
 * intermediate images, the container and the temporary context are removed afterwards.
 *
 * @module
 */
import { createHash, randomBytes } from "node:crypto";
import { chmod, mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { buildError, daemonError, runDocker, type Engine } from "../../oracle/docker-cli.js";
import { configBlobFromSave, type OracleBuilder } from "../../oracle/engine.js";
import { cString, octal } from "../../oracle/tar.js";

/**
 * A context entry as recorded in the fixture: a string (UTF-8 file, 0644), base64 bytes, content with a
 * mode, a symlink, or a directory (default mode 0755). Parents that are not listed are 0755 directories.
 */
export type FixtureContextValue =
  | string
  | { readonly base64: string; readonly mode?: number }
  | { readonly content: string; readonly mode: number }
  | { readonly symlink: string }
  | { readonly dir: true; readonly mode?: number };

/** One entry of `docker export` under the recorded paths. */
export interface ExportedFile {
  path: string;
  type: "file" | "dir" | "symlink" | "other";
  /** Permission bits, with setuid (0o4000), setgid (0o2000) and sticky (0o1000). */
  mode: number;
  uid: number;
  gid: number;
  size?: number;
  sha256?: string;
  target?: string;
  /** Set when `docker export` wrote this entry as a hard link to an earlier entry (that entry's path). */
  hardlink?: string;
}

/** One history entry of the image config (only the keys the fixture keeps). */
export interface HistoryEntry {
  created_by: string;
  empty_layer: boolean;
}

/** What a build produced. */
export type BuildResult =
  | { ok: false; error: string }
  | { ok: true; history: HistoryEntry[]; layers: number; files: ExportedFile[] };

function paxRecords(data: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  const text = Buffer.from(data);
  let i = 0;
  while (i < text.length) {
    let sp = i;
    while (sp < text.length && text[sp] !== 0x20) sp++;
    const len = parseInt(text.subarray(i, sp).toString("utf8"), 10);
    if (!(len > 0)) break;
    const rec = text.subarray(sp + 1, i + len - 1).toString("utf8");
    const eq = rec.indexOf("=");
    if (eq > 0) out.set(rec.slice(0, eq), rec.slice(eq + 1));
    i += len;
  }
  return out;
}

function absPath(name: string): string {
  const p = "/" + name.replace(/^\.?\/+/, "").replace(/\/+$/, "");
  return p === "/" ? "/" : p.replace(/\/+/g, "/");
}

/** Lists a plain tar archive (as `docker export` writes it): every entry with its metadata, in archive order. */
export function listTar(archive: Uint8Array): ExportedFile[] {
  const out: ExportedFile[] = [];
  const byPath = new Map<string, ExportedFile>();
  let off = 0;
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax = new Map<string, string>();
  while (off + 512 <= archive.length) {
    const h = archive.subarray(off, off + 512);
    if (h.every((b) => b === 0)) break;
    let name = cString(h, 0, 100);
    const mode = octal(h, 100, 8);
    const uid = octal(h, 108, 8);
    const gid = octal(h, 116, 8);
    const size = octal(h, 124, 12);
    const flag = String.fromCharCode(h[156]!);
    let link = cString(h, 157, 100);
    if (cString(h, 257, 5) === "ustar") {
      const prefix = cString(h, 345, 155);
      if (prefix !== "") name = `${prefix}/${name}`;
    }
    const data = archive.subarray(off + 512, off + 512 + size);
    off += 512 + Math.ceil(size / 512) * 512;
    if (flag === "L") {
      longName = cString(data, 0, data.length);
      continue;
    }
    if (flag === "K") {
      longLink = cString(data, 0, data.length);
      continue;
    }
    if (flag === "x") {
      pax = paxRecords(data);
      continue;
    }
    if (flag === "g") continue;
    name = pax.get("path") ?? longName ?? name;
    link = pax.get("linkpath") ?? longLink ?? link;
    const path = absPath(name);
    const paxUid = pax.get("uid");
    const paxGid = pax.get("gid");
    longName = longLink = undefined;
    pax = new Map();
    const common = {
      path,
      mode: mode & 0o7777,
      uid: paxUid === undefined ? uid : Number(paxUid),
      gid: paxGid === undefined ? gid : Number(paxGid),
    };
    let e: ExportedFile;
    if (flag === "0" || flag === "\0" || flag === "7") {
      e = { ...common, type: "file", size, sha256: createHash("sha256").update(data).digest("hex") };
    } else if (flag === "5") e = { ...common, type: "dir" };
    else if (flag === "2") e = { ...common, type: "symlink", target: link };
    else if (flag === "1") {
      const to = absPath(link);
      const t = byPath.get(to);
      e = { ...common, type: "file", size: t?.size ?? 0, ...(t?.sha256 === undefined ? {} : { sha256: t.sha256 }), hardlink: to };
    } else e = { ...common, type: "other" };
    out.push(e);
    byPath.set(path, e);
  }
  return out;
}

/** Writes a fixture context into `dir` (a fresh directory). Every directory gets its mode explicitly. */
export async function writeContext(dir: string, context: Readonly<Record<string, FixtureContextValue>>): Promise<void> {
  const entries = Object.entries(context);
  const dirModes = new Map<string, number>();
  const ensureParents = (rel: string): void => {
    const parts = rel.split("/");
    for (let i = 1; i < parts.length; i++) {
      const p = parts.slice(0, i).join("/");
      if (!dirModes.has(p)) dirModes.set(p, 0o755);
    }
  };
  for (const [rel, v] of entries) {
    if (rel === "" || rel.startsWith("/") || rel.split("/").includes("..")) throw new Error(`bad context path ${rel}`);
    ensureParents(rel);
    if (typeof v === "object" && "dir" in v) dirModes.set(rel, v.mode ?? 0o755);
  }
  for (const p of [...dirModes.keys()].sort()) await mkdir(join(dir, p), { recursive: true });
  for (const [rel, v] of entries) {
    const path = join(dir, rel);
    if (typeof v === "object" && "dir" in v) continue;
    await mkdir(dirname(path), { recursive: true });
    if (typeof v === "string") {
      await writeFile(path, v);
      await chmod(path, 0o644);
    } else if ("symlink" in v) {
      await symlink(v.symlink, path);
    } else if ("base64" in v) {
      await writeFile(path, Buffer.from(v.base64, "base64"));
      await chmod(path, v.mode ?? 0o644);
    } else {
      await writeFile(path, v.content);
      await chmod(path, v.mode);
    }
  }
  // Deepest first, so a 0500 directory does not stop chmod of its children.
  for (const [p, m] of [...dirModes.entries()].sort((a, b) => b[0].length - a[0].length)) await chmod(join(dir, p), m);
}

/** Number of history entries of an image (`docker history` lists every entry of the config's history). */
export async function historyLength(engine: Engine, image: string): Promise<number> {
  const r = await runDocker(engine, ["image", "history", "-q", "--no-trunc", image], { timeoutMs: 60_000 });
  if (r.code !== 0) throw new Error(`docker image history ${image}: ${daemonError(r.stderr)}`);
  return r.stdout.toString("utf8").split("\n").filter((l) => l.trim() !== "").length;
}

/** Image IDs printed by a classic build log that the build itself created (not the ones printed for `FROM`). */
function classicCreatedIds(log: string): string[] {
  const ids: string[] = [];
  const lines = log.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = /^ ---> ([0-9a-f]{12})\s*$/.exec(lines[i]!);
    if (!m) continue;
    if (i > 0 && /^Step \d+\/\d+ : FROM /i.test(lines[i - 1]!)) continue;
    ids.push(m[1]!);
  }
  const s = /Successfully built ([0-9a-f]{12})/.exec(log);
  if (s) ids.push(s[1]!);
  return [...new Set(ids)].reverse();
}

/**
 * Makes an engine error message independent of the machine and the run: the daemon's data root and
 * snapshot directories, BuildKit's context ref ids, random temp-name suffixes, the resolver address and
 * timings are replaced by placeholders (`<rootfs>`, `<data-root>`, `<ref>`, `<N>`, `<dns>`).
 */
export function normalizeError(message: string, dataRoot = "/var/lib/docker-28"): string {
  const root = dataRoot.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return message
    .replace(new RegExp(`${root}/[a-z0-9]+/dir/[0-9a-z]+`, "g"), "<rootfs>")
    .replace(new RegExp(`${root}/tmp/docker-builder[0-9]+`, "g"), "<context>")
    .replace(new RegExp(root, "g"), "<data-root>")
    .replace(/ref [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}::[0-9a-z]+/g, "ref <ref>")
    .replace(/\.pivot_root[0-9]+/g, ".pivot_root<N>")
    .replace(/ on [0-9.]+:53: /g, " on <dns>:53: ")
    .replace(/after [0-9]+ ms/g, "after <N> ms");
}

let counter = 0;

/** Options of {@link buildAndExport}. */
export interface BuildOptions {
  readonly buildArgs?: Readonly<Record<string, string>>;
  /** History entries of the external base image of the final stage (dropped from the result). */
  readonly baseHistory?: number;
  readonly timeoutMs?: number;
}

function under(path: string, roots: readonly string[]): boolean {
  return roots.some((r) => path === r || path.startsWith(r === "/" ? "/" : r + "/"));
}

/**
 * Builds `dockerfile` (written as `Dockerfile` at the context root, so it is part of the context) with
 * `context`, then reads history, layers and the exported entries at and under `paths`. Never throws for
 * build failures.
 */
export async function buildAndExport(
  engine: Engine,
  builder: OracleBuilder,
  dockerfile: string,
  context: Readonly<Record<string, FixtureContextValue>>,
  paths: readonly string[],
  options: BuildOptions = {},
): Promise<BuildResult> {
  const root = await mkdtemp(join(tmpdir(), "oracle-copy-"));
  counter += 1;
  const tag = `oracle/copy-${process.pid}-${counter}-${randomBytes(4).toString("hex")}:latest`;
  let built = false;
  let container = "";
  let classicIds: string[] = [];
  try {
    // A base name of its own: BuildKit (buildx) keys its cached copy of a local context by the
    // directory's base name and resends only files whose size or time changed, so two contexts named
    // "context" with a same-sized file written in the same clock tick could give one build the other's
    // file (seen on 28.5: 1 in 3 concurrent builds of two such cases).
    const ctx = join(root, `context-${randomBytes(6).toString("hex")}`);
    await mkdir(ctx);
    await writeContext(ctx, { ...context, Dockerfile: { content: dockerfile, mode: 0o644 } });
    await chmod(ctx, 0o755);
    const args = ["build", "--network=none", "-t", tag, "-f", join(ctx, "Dockerfile")];
    if (builder === "buildkit") args.push("-q");
    else args.push("--force-rm", "--no-cache");
    for (const [k, v] of Object.entries(options.buildArgs ?? {})) args.push("--build-arg", `${k}=${v}`);
    args.push(ctx);
    const b = await runDocker(engine, args, {
      env: { DOCKER_BUILDKIT: builder === "buildkit" ? "1" : "0" },
      timeoutMs: options.timeoutMs ?? 180_000,
    });
    if (builder === "legacy") classicIds = classicCreatedIds(b.stdout.toString("utf8") + "\n" + b.stderr);
    if (b.code !== 0) return { ok: false, error: normalizeError(buildError(b.stderr, builder)) };
    built = true;

    const inspect = await runDocker(engine, ["image", "inspect", tag], { timeoutMs: 60_000 });
    if (inspect.code !== 0) throw new Error(`docker image inspect ${tag}: ${daemonError(inspect.stderr)}`);
    const image = (JSON.parse(inspect.stdout.toString("utf8")) as Record<string, unknown>[])[0] ?? {};
    const layers = ((image.RootFS ?? {}) as { Layers?: unknown[] }).Layers?.length ?? 0;
    let history: HistoryEntry[];
    if (layers === 0) {
      // `docker save` refuses a layerless image; `docker image history` has the same entries, newest first.
      const r = await runDocker(engine, ["image", "history", "--no-trunc", "--format", "{{json .}}", tag], { timeoutMs: 60_000 });
      if (r.code !== 0) throw new Error(`docker image history ${tag}: ${daemonError(r.stderr)}`);
      history = r.stdout
        .toString("utf8")
        .split("\n")
        .filter((l) => l.trim() !== "")
        .map((l) => JSON.parse(l) as { CreatedBy?: string })
        .reverse()
        .map((h) => ({ created_by: h.CreatedBy ?? "", empty_layer: true }));
    } else {
      const save = await runDocker(engine, ["save", tag], { timeoutMs: 120_000 });
      if (save.code !== 0) throw new Error(`docker save ${tag}: ${daemonError(save.stderr)}`);
      const blob = configBlobFromSave(save.stdout);
      history = (Array.isArray(blob.history) ? (blob.history as Record<string, unknown>[]) : []).map((h) => ({
        created_by: typeof h.created_by === "string" ? h.created_by : "",
        empty_layer: h.empty_layer === true,
      }));
    }
    history = history.slice(options.baseHistory ?? 0);

    const created = await runDocker(engine, ["create", "--pull=never", "--network=none", "--entrypoint", "/none", tag], {
      timeoutMs: 60_000,
    });
    if (created.code !== 0) throw new Error(`docker create ${tag}: ${daemonError(created.stderr)}`);
    container = created.stdout.toString("utf8").trim().split("\n").pop()!.trim();
    const exp = await runDocker(engine, ["export", container], { timeoutMs: 120_000 });
    if (exp.code !== 0) throw new Error(`docker export ${container}: ${daemonError(exp.stderr)}`);
    const files = listTar(exp.stdout)
      .filter((e) => under(e.path, paths))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { ok: true, history, layers, files };
  } finally {
    if (container !== "") await runDocker(engine, ["rm", "-f", container], { timeoutMs: 60_000 });
    if (built) await runDocker(engine, ["image", "rm", tag], { timeoutMs: 60_000 });
    for (const id of classicIds) await runDocker(engine, ["image", "rm", id], { timeoutMs: 60_000 });
    await rm(root, { recursive: true, force: true });
  }
}
