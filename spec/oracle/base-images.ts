/**
 * Base images for oracle cases, built FROM scratch with a static busybox (no registry is reachable; only a
 * few applets are linked, see {@link BUSYBOX_APPLETS}), each
 * with a distinctive config so cases can test inheritance of ENTRYPOINT/CMD/SHELL/ENV/ONBUILD/… from a
 * parent image.
 *
 * Each image is tagged twice: `oracle/<name>:h-<hash>` (the cache key: a hash of the busybox binary, the
 * Dockerfile and the context files, chained through the parent's hash) and `oracle/<name>:latest`. An
 * image whose hash tag exists is not rebuilt. Base images are never removed by the harness.
 *
 * @module
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, mkdtemp, rm, rmdir, stat, writeFile, chmod } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { daemonError, runDocker, type Engine } from "./docker-cli.js";
import { GROUP, PASSWD } from "./generators/context.js";

/** Placeholder in {@link BASE_IMAGES} Dockerfiles for the exact (hash-tagged) `oracle/busybox` reference. */
export const BUSYBOX_PLACEHOLDER = "{{busybox}}";

/**
 * The applets `oracle/busybox` links in `/bin` (and so every image built on it). Only these few: the engine
 * runs with the vfs storage driver, which copies the whole root filesystem for every container and every
 * layer, and on the CI machines each symlink costs (a classic-builder step with all ~270 applets linked
 * took 2-4 times the daemon CPU it takes with these). Shell-form RUNs do not need more: Debian's static
 * busybox runs any applet from `sh` without a link (standalone shell); the links serve exec forms
 * (`RUN ["true"]`), absolute paths (`/bin/echo`) and SHELL (`/bin/ash`).
 */
export const BUSYBOX_APPLETS = [
  "sh", "ash", "true", "false", "echo", "env", "cat", "ls", "mkdir", "touch", "rm", "cp", "mv", "ln", "chmod",
  "chown", "id", "sleep", "test", "printf", "pwd", "sed", "grep", "tar", "stat", "find", "head", "wc",
] as const;

/** How one base image is built. */
export interface BaseImageSpec {
  /** Dockerfile text; {@link BUSYBOX_PLACEHOLDER} is replaced by the hash-tagged `oracle/busybox` ref. */
  dockerfile: string;
  /** Extra context files (path → content); `busybox` is always added for the `busybox` image. */
  files?: Record<string, string>;
}

/**
 * The base images, by name (tag `oracle/<name>:latest`). `passwd` has user `app` (uid 1000, primary gid
 * 1001, which deliberately has no `/etc/group` entry) and group `grp` (gid 2000, member `app`).
 */
export const BASE_IMAGES = {
  busybox: {
    dockerfile: `FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox","sh","-c","for a in ${BUSYBOX_APPLETS.join(" ")}; do /bin/busybox ln -s busybox /bin/$a; done"]\n`,
  },
  "entry-exec": {
    dockerfile: `FROM ${BUSYBOX_PLACEHOLDER}\nENTRYPOINT ["/bin/echo","base-entry"]\nCMD ["base-cmd"]\n`,
  },
  "entry-shell": { dockerfile: `FROM ${BUSYBOX_PLACEHOLDER}\nENTRYPOINT echo base-entry\n` },
  "cmd-exec": { dockerfile: `FROM ${BUSYBOX_PLACEHOLDER}\nCMD ["/bin/echo","base-cmd"]\n` },
  "cmd-shell": { dockerfile: `FROM ${BUSYBOX_PLACEHOLDER}\nCMD echo base-cmd\n` },
  shell: { dockerfile: `FROM ${BUSYBOX_PLACEHOLDER}\nSHELL ["/bin/sh","-xc"]\nCMD echo base-shell\n` },
  env: {
    dockerfile:
      `FROM ${BUSYBOX_PLACEHOLDER}\n` +
      "ENV BASE_ENV=from-base BASE_DIR=/opt/base\n" +
      "WORKDIR /srv\n" +
      "USER 1000:1000\n" +
      "EXPOSE 8080 53/udp\n" +
      'VOLUME ["/data"]\n' +
      'LABEL org.example.base="env" org.example.kind=base\n' +
      "STOPSIGNAL SIGUSR1\n" +
      'HEALTHCHECK --interval=30s --timeout=5s --retries=2 CMD ["/bin/true"]\n',
  },
  onbuild: {
    dockerfile: `FROM ${BUSYBOX_PLACEHOLDER}\nONBUILD ENV TRIGGERED=1\nONBUILD LABEL from=onbuild\n`,
  },
  passwd: {
    dockerfile: `FROM ${BUSYBOX_PLACEHOLDER}\nCOPY passwd group /etc/\n`,
    files: {
      passwd: "root:x:0:0:root:/root:/bin/sh\napp:x:1000:1001:app:/home/app:/bin/sh\n",
      group: "root:x:0:\ngrp:x:2000:app\n",
    },
  },
  /**
   * The base of the COPY/ADD differential's base-image cases (`spec/fs/copy/base-image.ts`): the
   * generator's users and groups (alice, bob, staff, … of `spec/oracle/generators/context.ts`) in
   * `/etc/passwd` and `/etc/group`, and paths the generated destinations and WORKDIRs write over or into:
   * directories with owners and odd modes (`/dst`, `/dst/sub`, `/w`, `/opt/out`, `/tmp`), files (`/c.txt`,
   * `/dst/a`, `/rel`), a relative symlink to a directory (`/sub`), an absolute one (`/out`) and a dangling
   * one (`/a`).
   */
  "copy-base": {
    dockerfile:
      `FROM ${BUSYBOX_PLACEHOLDER}\nCOPY passwd group /etc/\n` +
      'RUN ["/bin/sh","-c","set -e; mkdir -p /dst/sub /w /opt/out /tmp; printf \'base a\\\\n\' > /dst/a; printf \'x\\\\n\' > /dst/sub/x; ' +
      "printf 'c\\\\n' > /c.txt; printf 'rel\\\\n' > /rel; chmod 600 /c.txt; chown 1001:1002 /dst/a; chown -R 1003:1004 /dst/sub; chmod 700 /dst/sub; " +
      'chown 1001:2000 /w; chmod 2750 /w; chmod 711 /opt/out; chmod 1777 /tmp; ln -s dst/sub /sub; ln -s /opt/out /out; ln -s missing /a"]\n',
    files: { passwd: PASSWD, group: GROUP },
  },
} as const satisfies Record<string, BaseImageSpec>;

/** Name of a base image in {@link BASE_IMAGES}. */
export type BaseImageName = keyof typeof BASE_IMAGES;

/** `oracle/<name>:latest`, the reference cases use in `FROM` (and the key in {@link ensureBaseImages}' map). */
export function baseImageRef(name: BaseImageName): string {
  return `oracle/${name}:latest`;
}

/** Whether an ELF file is statically linked (has no `PT_INTERP` program header). */
function isStaticElf(bytes: Buffer): boolean {
  if (bytes.length < 64 || bytes.readUInt32BE(0) !== 0x7f454c46) return false;
  const is64 = bytes[4] === 2;
  const le = bytes[5] === 1;
  const u16 = (o: number): number => (le ? bytes.readUInt16LE(o) : bytes.readUInt16BE(o));
  const u32 = (o: number): number => (le ? bytes.readUInt32LE(o) : bytes.readUInt32BE(o));
  const phoff = is64 ? Number(le ? bytes.readBigUInt64LE(0x20) : bytes.readBigUInt64BE(0x20)) : u32(0x1c);
  const phentsize = u16(is64 ? 0x36 : 0x2a);
  const phnum = u16(is64 ? 0x38 : 0x2c);
  for (let i = 0; i < phnum; i++) {
    if (u32(phoff + i * phentsize) === 3 /* PT_INTERP */) return false;
  }
  return true;
}

/**
 * Finds a statically linked busybox on this machine: `$ORACLE_BUSYBOX`, `/bin/busybox` or
 * `/usr/bin/busybox` (Debian's busybox-static). Throws with a hint when there is none.
 */
export function findStaticBusybox(): { path: string; bytes: Buffer } {
  const candidates = [process.env.ORACLE_BUSYBOX, "/bin/busybox", "/usr/bin/busybox"].filter(
    (p): p is string => p !== undefined && p !== "",
  );
  for (const path of candidates) {
    if (!existsSync(path)) continue;
    const bytes = readFileSync(path);
    if (isStaticElf(bytes)) return { path, bytes };
  }
  throw new Error(
    `no statically linked busybox found (tried ${candidates.join(", ")}); install busybox-static ` +
      "(`.ci/docker-engine.sh start` does) or set ORACLE_BUSYBOX",
  );
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Cross-process lock (a directory in the temp dir) so parallel spec workers do not build the same base twice. */
async function withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const dir = join(tmpdir(), `${name}.lock`);
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      await mkdir(dir);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const age = await stat(dir).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > 5 * 60_000) await rmdir(dir).catch(() => {}); // stale: its holder died
      if (Date.now() > deadline) throw new Error(`timed out waiting for the lock ${dir}`);
      await sleep(150);
    }
  }
  try {
    return await fn();
  } finally {
    await rmdir(dir).catch(() => {});
  }
}

async function buildBase(engine: Engine, dockerfile: string, files: Record<string, string | Buffer>, tags: string[]): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "oracle-base-"));
  try {
    await writeFile(join(dir, "Dockerfile"), dockerfile);
    for (const [name, content] of Object.entries(files)) {
      await writeFile(join(dir, name), content);
      await chmod(join(dir, name), name === "busybox" ? 0o755 : 0o644);
    }
    const tagArgs = tags.flatMap((t) => ["-t", t]);
    const r = await runDocker(engine, ["build", "-q", "--network=none", ...tagArgs, dir], {
      env: { DOCKER_BUILDKIT: "1" },
      timeoutMs: 300_000,
    });
    if (r.code !== 0) throw new Error(`building base image ${tags[0]} failed:\n${r.stderr.trim()}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

interface PlannedBase {
  name: BaseImageName;
  dockerfile: string;
  files: Record<string, string | Buffer>;
  hashTag: string;
  latest: string;
}

/** Works out every base's Dockerfile and hash tag locally (hashes chain through `oracle/busybox`'s). */
function plan(busybox: Buffer): PlannedBase[] {
  const busyboxHash = createHash("sha256").update(busybox).digest("hex");
  let busyboxRef = "";
  const out: PlannedBase[] = [];
  for (const [name, spec] of Object.entries(BASE_IMAGES) as [BaseImageName, BaseImageSpec][]) {
    const dockerfile = spec.dockerfile.split(BUSYBOX_PLACEHOLDER).join(busyboxRef);
    const files: Record<string, string | Buffer> = { ...(spec.files ?? {}) };
    const h = createHash("sha256").update(`oracle-base-v1\0${name}\0${dockerfile}\0`);
    if (name === "busybox") {
      files.busybox = busybox;
      h.update(busyboxHash);
    }
    for (const [f, content] of Object.entries(spec.files ?? {})) h.update(`\0${f}\0${content}`);
    const hashTag = `oracle/${name}:h-${h.digest("hex").slice(0, 16)}`;
    if (name === "busybox") busyboxRef = hashTag;
    out.push({ name, dockerfile, files, hashTag, latest: baseImageRef(name) });
  }
  return out;
}

/** `docker image inspect` of `refs` (missing ones are simply absent), keyed by every RepoTag. */
async function inspectByTag(engine: Engine, refs: string[]): Promise<Map<string, Record<string, unknown>>> {
  const r = await runDocker(engine, ["image", "inspect", ...refs], { timeoutMs: 60_000 });
  const byTag = new Map<string, Record<string, unknown>>();
  const text = r.stdout.toString("utf8").trim();
  if (text.startsWith("[")) {
    for (const img of JSON.parse(text) as Record<string, unknown>[]) {
      for (const tag of (img.RepoTags as string[] | null) ?? []) byTag.set(tag, img);
    }
  }
  return byTag;
}

/** Whether every base exists under its hash tag and `latest` points at it. */
function upToDate(bases: PlannedBase[], byTag: Map<string, Record<string, unknown>>): boolean {
  return bases.every((b) => byTag.has(b.hashTag) && byTag.get(b.latest)?.Id === byTag.get(b.hashTag)?.Id);
}

async function ensureAll(engine: Engine): Promise<Map<string, unknown>> {
  const bases = plan(findStaticBusybox().bytes);
  const refs = bases.flatMap((b) => [b.hashTag, b.latest]);
  let byTag = await inspectByTag(engine, refs);
  if (!upToDate(bases, byTag)) {
    await withLock("oracle-base-images", async () => {
      byTag = await inspectByTag(engine, refs); // another process may have built them meanwhile
      for (const b of bases) {
        if (!byTag.has(b.hashTag)) {
          await buildBase(engine, b.dockerfile, b.files, [b.hashTag, b.latest]);
        } else if (byTag.get(b.latest)?.Id !== byTag.get(b.hashTag)?.Id) {
          const t = await runDocker(engine, ["tag", b.hashTag, b.latest], { timeoutMs: 30_000 });
          if (t.code !== 0) throw new Error(`docker tag ${b.hashTag} ${b.latest} failed: ${daemonError(t.stderr)}`);
        }
      }
      byTag = await inspectByTag(engine, refs);
    });
    if (!upToDate(bases, byTag)) throw new Error("base images are missing right after building them");
  }
  return new Map(bases.map((b) => [b.latest, byTag.get(b.latest)]));
}

const ensured = new Map<string, Promise<Map<string, unknown>>>();

/**
 * Builds (once, cached by a content hash in the tag) the harness's base images FROM scratch + static
 * busybox with varied configs ({@link BASE_IMAGES}) and returns their `docker image inspect` JSON by
 * reference (`oracle/<name>:latest`, see {@link baseImageRef}). Memoised per engine within a process and
 * serialised across processes with a lock directory in the temp dir. Throws (with the engine's message)
 * when a base cannot be built, or when no static busybox is installed.
 */
export function ensureBaseImages(engine: Engine): Promise<Map<string, unknown>> {
  const key = `${engine.docker}\0${engine.env.DOCKER_HOST ?? ""}`;
  let p = ensured.get(key);
  if (!p) {
    p = ensureAll(engine);
    ensured.set(key, p);
    p.catch(() => ensured.delete(key));
  }
  return p;
}
