/**
 * Records, with both builders of the local Docker Engine 28.5, whether ADD extracts each fixture of
 * `fixtures/` (`ADD <name> /out/<name>/`, then `docker export`). Writes `engine-archives.json`.
 * Run: `node --import tsx spec/fs/archive/record-archives.ts` with DOCKER, DOCKER_HOST and
 * DOCKER_CONFIG set. Not part of `npm test`.
 */
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildAndList } from "../context/record-dockerignore.js";

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, "fixtures");
const FAILING = new Set(["onlyheader.tar"]);

const out: Record<string, unknown> = {};
const names = readdirSync(fixtures).sort();
const batches: string[][] = [names.filter((n) => !FAILING.has(n)), ...[...FAILING].map((n) => [n])];
for (const batch of batches) {
  const ctx = mkdtempSync(join(tmpdir(), "verify-ctx-arch-"));
  try {
    for (const n of batch) cpSync(join(fixtures, n), join(ctx, n));
    writeFileSync(join(ctx, "Dockerfile"), "FROM sim/busybox:latest\n" + batch.map((n) => `ADD ${n} /out/${n}/\n`).join(""));
    for (const builder of ["buildkit", "legacy"] as const) {
      const r = buildAndList(ctx, builder, `verify-ctx/arch-${builder}`, "out");
      process.stderr.write(`${batch.join(",").slice(0, 60)} ${builder}: ${r.ok ? r.entries!.length + " entries" : r.error}\n`);
      for (const n of batch) {
        const o = ((out[n] ??= {}) as Record<string, unknown>);
        o[builder] = r.ok ? { ok: true, entries: r.entries!.filter((e) => e.startsWith(n + "/")).map((e) => e.slice(n.length + 1)) } : { ok: false, error: r.error };
      }
    }
  } finally {
    rmSync(ctx, { recursive: true, force: true });
  }
}
writeFileSync(join(here, "engine-archives.json"), JSON.stringify(out, null, 1) + "\n");
