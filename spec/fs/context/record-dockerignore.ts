/**
 * Records what arrives in the image for each `.dockerignore` case of `engine-cases.ts`, with both
 * builders of the local Docker Engine 28.5 (`COPY . /ctx/`, then `docker export` of a container).
 * Run: `node --import tsx spec/fs/context/record-dockerignore.ts` with DOCKER, DOCKER_HOST and
 * DOCKER_CONFIG set. Writes `engine-dockerignore.json` beside this file. Not part of `npm test`.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ENGINE_IGNORES, ENGINE_TREE } from "./engine-cases.js";

const docker = process.env.DOCKER ?? "docker";

/** Writes a tree description to a directory. */
export function writeTree(root: string, tree: Record<string, unknown>): void {
  const dirModes: [string, number][] = [];
  for (const [path, value] of Object.entries(tree)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    if (typeof value === "string" || value instanceof Uint8Array) writeFileSync(full, value);
    else if (value !== null && typeof value === "object" && "symlink" in value) symlinkSync(String(value.symlink), full);
    else if (value !== null && typeof value === "object" && "dir" in value) {
      mkdirSync(full, { recursive: true });
      if ("mode" in value && typeof value.mode === "number") dirModes.push([full, value.mode]);
    } else if (value !== null && typeof value === "object" && "content" in value) {
      writeFileSync(full, value.content as string | Uint8Array);
      if ("mode" in value && typeof value.mode === "number") chmodSync(full, value.mode);
    }
  }
  for (const [d, m] of dirModes) chmodSync(d, m);
}

/** Builds a context directory with a builder and lists the exported files under `prefix`. */
export function buildAndList(ctx: string, builder: "buildkit" | "legacy", tag: string, prefix: string): { ok: boolean; error?: string; entries?: string[] } {
  const env = { ...process.env, DOCKER_BUILDKIT: builder === "buildkit" ? "1" : "0" };
  try {
    execFileSync(docker, ["build", "-q", "--network=none", "-t", tag, ctx], { env, stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    const err = e as { stderr?: Buffer };
    return { ok: false, error: String(err.stderr ?? e).trim().split("\n").slice(-3).join("\n") };
  }
  try {
    const id = execFileSync(docker, ["create", tag, "/x"], { env }).toString().trim();
    const listing = execFileSync("sh", ["-c", `"${docker}" export ${id} | tar -tvf -`], { env, maxBuffer: 1 << 28 }).toString();
    execFileSync(docker, ["rm", id], { env });
    const entries = listing
      .split("\n")
      .filter((l) => l.length > 0)
      .map((l) => {
        const parts = l.trim().split(/\s+/);
        const perm = parts[0]!;
        let name = parts.slice(5).join(" ");
        name = name.replace(/ -> .*$/, "");
        return `${name.replace(/\/$/, "")} ${perm}`;
      })
      .filter((l) => l.startsWith(prefix + "/"))
      .map((l) => l.slice(prefix.length + 1))
      .sort();
    return { ok: true, entries };
  } finally {
    execFileSync(docker, ["rmi", "-f", tag], { env, stdio: "ignore" });
  }
}

function main(): void {
  const out: Record<string, Record<string, unknown>> = {};
  const only = process.argv[2];
  for (const [name, ignore] of Object.entries(ENGINE_IGNORES)) {
    if (only !== undefined && name !== only) continue;
    const root = mkdtempSync(join(tmpdir(), "verify-ctx-"));
    try {
      writeTree(root, { ...ENGINE_TREE, ".dockerignore": ignore });
      out[name] = {};
      for (const builder of ["buildkit", "legacy"] as const) {
        const r = buildAndList(root, builder, `verify-ctx/di-${name.toLowerCase()}-${builder}`, "ctx");
        out[name]![builder] = r;
        process.stderr.write(`${name} ${builder}: ${r.ok ? r.entries!.length + " entries" : r.error}\n`);
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  const file = join(dirname(fileURLToPath(import.meta.url)), only === undefined ? "engine-dockerignore.json" : `engine-dockerignore-${only}.json`);
  writeFileSync(file, JSON.stringify(out, null, 1) + "\n");
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) main();
