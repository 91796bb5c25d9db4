/**
 * Against a real build: `docker build --no-cache` (BuildKit) of a few metadata-only Dockerfiles
 * next to the simulation of the same files. Runs only when an engine is reachable.
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { simulate } from "../src/simulate.js";
import { findStaticBusybox } from "../spec/oracle/base-images.js";
import { median, round } from "./stats.js";

/** The base image the engine is expected to have (no network). */
export const BASE_IMAGE = "sim/busybox:latest";

/** Metadata-only Dockerfiles: no RUN, no COPY, nothing that touches a filesystem. */
export const METADATA_DOCKERFILES: readonly { readonly name: string; readonly text: string }[] = [
  { name: "cmd", text: `FROM ${BASE_IMAGE}\nCMD ["echo", "hello"]\n` },
  {
    name: "config",
    text: `FROM ${BASE_IMAGE}\nARG VERSION=1.2.3\nENV APP_HOME=/opt/app VERSION=$VERSION\nLABEL org.opencontainers.image.version=$VERSION maintainer="bench"\nEXPOSE 8080/tcp 9090/udp\nUSER 1000:1000\nSTOPSIGNAL SIGTERM\nHEALTHCHECK --interval=30s CMD ["true"]\nENTRYPOINT ["/bin/sh", "-c"]\nCMD ["echo $APP_HOME"]\n`,
  },
  {
    name: "multi-stage",
    text: `ARG BASE=${BASE_IMAGE}\nFROM $BASE AS base\nENV A=1 B=2\nLABEL stage=base\nFROM base AS mid\nENV C=\${A}\${B}\nSHELL ["/bin/sh", "-ec"]\nFROM mid\nENV D=$C\nENTRYPOINT ["env"]\n`,
  },
];

/** How to reach the engine: `$DOCKER` (default `docker`) with the environment as given. */
export interface Engine {
  readonly docker: string;
  readonly version: string;
}

function docker(engine: { docker: string }, args: readonly string[], input?: string) {
  return spawnSync(engine.docker, args, {
    encoding: "utf8",
    env: { ...process.env, DOCKER_BUILDKIT: "1" },
    ...(input === undefined ? {} : { input }),
    timeout: 120_000,
  });
}

/**
 * The engine, when one is reachable, with {@link BASE_IMAGE} (built when missing): requires
 * `DOCKER`, `DOCKER_HOST` or `DOCKER_CONFIG` to be set, so a developer machine without Docker never
 * tries.
 */
export function findEngine(): Engine | { readonly unavailable: string } {
  const env = process.env;
  if (!env["DOCKER"] && !env["DOCKER_HOST"] && !env["DOCKER_CONFIG"]) return { unavailable: "no DOCKER, DOCKER_HOST or DOCKER_CONFIG in the environment" };
  const d = { docker: env["DOCKER"] || "docker" };
  const v = docker(d, ["version", "--format", "{{.Server.Version}}"]);
  if (v.status !== 0) return { unavailable: `\`${d.docker} version\` failed: ${(v.stderr || String(v.error ?? "")).trim().split("\n")[0]}` };
  const img = docker(d, ["image", "inspect", "--format", "{{.Id}}", BASE_IMAGE]);
  if (img.status !== 0) {
    const made = buildBaseImage(d);
    if (made !== null) return { unavailable: `the engine has no ${BASE_IMAGE} and it could not be built: ${made}` };
  }
  return { ...d, version: v.stdout.trim() };
}

/**
 * Builds {@link BASE_IMAGE} (no registry is needed): `FROM scratch`, a statically linked busybox
 * (`$ORACLE_BUSYBOX`, `/bin/busybox` or `/usr/bin/busybox`) installed with its applets. Returns
 * null when built, else why not.
 */
function buildBaseImage(engine: { docker: string }): string | null {
  let busybox: string;
  try {
    busybox = findStaticBusybox().path;
  } catch (e) {
    return (e as Error).message;
  }
  const ctx = mkdtempSync(join(tmpdir(), "bench-base-"));
  try {
    copyFileSync(busybox, join(ctx, "busybox"));
    chmodSync(join(ctx, "busybox"), 0o755);
    writeFileSync(join(ctx, "Dockerfile"), 'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\n');
    const r = docker(engine, ["build", "--network=none", "-q", "-t", BASE_IMAGE, ctx]);
    return r.status === 0 ? null : (r.stderr || String(r.error ?? "")).trim().split("\n").slice(-2).join(" | ");
  } finally {
    rmSync(ctx, { recursive: true, force: true });
  }
}

export interface DockerCase {
  readonly name: string;
  /** Median wall time of `docker build --no-cache` (CLI start to exit). */
  readonly buildMs: number;
  readonly builds: number;
  /** Median of the simulation of the same text. */
  readonly simulateUs: number;
  readonly ratio: number;
}

/** Builds each metadata-only Dockerfile `reps` times (tagged `bench/meta-<name>`, removed after). */
export function measureDocker(engine: Engine, reps = 3): DockerCase[] {
  const ctx = mkdtempSync(join(tmpdir(), "bench-ctx-"));
  const out: DockerCase[] = [];
  try {
    for (const { name, text } of METADATA_DOCKERFILES) {
      const tag = `bench/meta-${name}:latest`;
      writeFileSync(join(ctx, "Dockerfile"), text);
      const builds: number[] = [];
      try {
        for (let i = 0; i < reps; i++) {
          const s = performance.now();
          const r = docker(engine, ["build", "--no-cache", "--network=none", "-q", "-t", tag, "-f", join(ctx, "Dockerfile"), ctx]);
          const ms = performance.now() - s;
          if (r.status !== 0) throw new Error(`docker build of ${name} failed: ${r.stderr.trim().split("\n").slice(-3).join(" | ")}`);
          builds.push(ms);
        }
      } finally {
        docker(engine, ["image", "rm", "-f", tag]);
      }
      const sims: number[] = [];
      for (let i = 0; i < 50; i++) simulate(text, { builder: "buildkit" });
      for (let i = 0; i < 200; i++) {
        const s = performance.now();
        simulate(text, { builder: "buildkit" });
        sims.push(performance.now() - s);
      }
      const buildMs = median(builds);
      const simMs = median(sims);
      out.push({ name, buildMs: round(buildMs, 1), builds: builds.length, simulateUs: round(simMs * 1000, 2), ratio: round(buildMs / simMs, 0) });
    }
  } finally {
    rmSync(ctx, { recursive: true, force: true });
  }
  return out;
}
