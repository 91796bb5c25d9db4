/**
 * Docker-free checks of `spec/fixtures/engine-28.5/copy-add.json` (recorded by `record.ts`): the file's
 * shape, and that it matches the case table of `cases.ts`. The comparison against the simulator lives
 * elsewhere.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { COPY_CASES } from "./cases.js";

const here = dirname(fileURLToPath(import.meta.url));
const fixture = JSON.parse(readFileSync(join(here, "../../fixtures/engine-28.5/copy-add.json"), "utf8")) as {
  engine: unknown;
  recordedAt: unknown;
  cases: Record<string, unknown>[];
};

const BUILDERS = ["buildkit", "legacy"] as const;
const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isMode = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 0o7777;

function checkContextValue(v: unknown): string | undefined {
  if (typeof v === "string") return undefined;
  if (!isObj(v)) return "not a string or an object";
  const keys = Object.keys(v).sort().join(",");
  if ("symlink" in v) return keys === "symlink" && typeof v.symlink === "string" ? undefined : `bad symlink entry (${keys})`;
  if ("dir" in v) return v.dir === true && (v.mode === undefined || isMode(v.mode)) && /^dir(,mode)?$/.test(keys) ? undefined : `bad dir entry (${keys})`;
  if ("base64" in v) {
    return typeof v.base64 === "string" && /^[A-Za-z0-9+/]*={0,2}$/.test(v.base64) && (v.mode === undefined || isMode(v.mode)) && /^base64(,mode)?$/.test(keys)
      ? undefined
      : `bad base64 entry (${keys})`;
  }
  if ("content" in v) return typeof v.content === "string" && isMode(v.mode) && keys === "content,mode" ? undefined : `bad content entry (${keys})`;
  return `unknown entry (${keys})`;
}

describe("copy-add.json fixture (engine 28.5)", () => {
  it("has the engine version, a timestamp and cases", () => {
    expect(fixture.engine).toMatch(/^28\.5\./);
    expect(typeof fixture.recordedAt === "string" && !Number.isNaN(Date.parse(fixture.recordedAt))).toBe(true);
    expect(fixture.cases.length).toBeGreaterThanOrEqual(100);
  });

  it("has every case of cases.ts, in order, with the same Dockerfile and paths, and unique ids", () => {
    const ids = fixture.cases.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(COPY_CASES.map((c) => c.id));
    for (const [i, c] of COPY_CASES.entries()) {
      const f = fixture.cases[i]!;
      expect(f.dockerfile, c.id).toBe(c.dockerfile);
      expect(f.paths, c.id).toEqual(c.paths);
      expect(f.title, c.id).toBe(c.title);
      expect(Object.keys(f.context as object).sort(), c.id).toEqual([...new Set([...Object.keys(c.context), "Dockerfile"])].sort());
    }
  });

  for (const c of fixture.cases) {
    const id = String(c.id);
    it(`${id}: context entries, paths and both results are well-formed`, () => {
      expect(typeof c.title).toBe("string");
      expect(typeof c.dockerfile).toBe("string");
      expect(isObj(c.context)).toBe(true);
      for (const [p, v] of Object.entries(c.context as Record<string, unknown>)) {
        expect(p.startsWith("/") || p.split("/").includes("..") || p === "", p).toBe(false);
        expect(checkContextValue(v), p).toBeUndefined();
      }
      expect((c.context as Record<string, unknown>).Dockerfile).toEqual({ content: c.dockerfile, mode: 0o644 });
      if (c.buildArgs !== undefined) {
        expect(Object.values(c.buildArgs as object).every((v) => typeof v === "string")).toBe(true);
      }
      if (c.base !== undefined) {
        const b = c.base as Record<string, unknown>;
        expect(typeof b.image).toBe("string");
        expect(Number.isInteger(b.history) && Number.isInteger(b.layers)).toBe(true);
      }
      const paths = c.paths as unknown[];
      expect(paths.length).toBeGreaterThan(0);
      for (const p of paths) expect(typeof p === "string" && p.startsWith("/"), String(p)).toBe(true);

      const results = c.results as Record<string, unknown>;
      expect(Object.keys(results).sort()).toEqual([...BUILDERS].sort());
      for (const b of BUILDERS) {
        const r = results[b] as Record<string, unknown>;
        if (r.ok === false) {
          expect(Object.keys(r).sort(), b).toEqual(["error", "ok"]);
          expect(typeof r.error === "string" && r.error.trim() !== "" && r.error === r.error.trim(), b).toBe(true);
          continue;
        }
        expect(r.ok, b).toBe(true);
        expect(Object.keys(r).sort(), b).toEqual(["files", "history", "layers", "ok"]);
        expect(Number.isInteger(r.layers) && (r.layers as number) >= 0, b).toBe(true);
        for (const h of r.history as Record<string, unknown>[]) {
          expect(Object.keys(h).sort(), b).toEqual(["created_by", "empty_layer"]);
          expect(typeof h.created_by, b).toBe("string");
          expect(typeof h.empty_layer, b).toBe("boolean");
        }
        const files = r.files as Record<string, unknown>[];
        const filePaths = files.map((f) => f.path as string);
        const sorted = [...filePaths].sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
        expect(filePaths, `${b}: files sorted by path`).toEqual(sorted);
        expect(new Set(filePaths).size, `${b}: no duplicate paths`).toBe(filePaths.length);
        for (const f of files) {
          const where = `${b} ${String(f.path)}`;
          expect(typeof f.path === "string" && f.path.startsWith("/"), where).toBe(true);
          expect(paths.some((p) => f.path === p || (f.path as string).startsWith(p === "/" ? "/" : `${String(p)}/`)), where).toBe(true);
          expect(["file", "dir", "symlink"]).toContain(f.type);
          expect(isMode(f.mode), where).toBe(true);
          expect(Number.isInteger(f.uid) && (f.uid as number) >= 0, where).toBe(true);
          expect(Number.isInteger(f.gid) && (f.gid as number) >= 0, where).toBe(true);
          if (f.type === "file") {
            expect(Number.isInteger(f.size) && (f.size as number) >= 0, where).toBe(true);
            expect(f.sha256, where).toMatch(/^[0-9a-f]{64}$/);
            expect(f.target, where).toBeUndefined();
          } else if (f.type === "symlink") {
            expect(typeof f.target === "string" && f.target !== "", where).toBe(true);
            expect(f.sha256, where).toBeUndefined();
          } else {
            expect(f.sha256, where).toBeUndefined();
            expect(f.target, where).toBeUndefined();
          }
          if (f.hardlink !== undefined) expect(filePaths, where).toContain(f.hardlink);
        }
      }
    });
  }
});
