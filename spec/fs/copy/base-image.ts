/**
 * The base image of the COPY/ADD differential's base-image cases: `oracle/copy-base`
 * (`spec/oracle/base-images.ts`: busybox, the generator's `/etc/passwd` and `/etc/group`, existing
 * directories, files and symlinks where generated destinations land). The simulator is told the image
 * as the engine exports it (config, layers and every file, read by the same client as
 * `explain-cmd --image-files`: {@link engineBaseImages}); a recording of that, with the image's history
 * length, lets the recorded cases replay without an engine (`spec/fixtures/engine-28.5/copy-base-image.json`).
 *
 * Node-side; importing needs no engine, {@link liveCopyBase} does.
 *
 * @module
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseImageReference } from "../../../src/docker/index.js";
import type { BaseImage } from "../../../src/image/base-image.js";
import { engineBaseImages } from "../../oracle/base-image-files.js";
import { baseImageRef, ensureBaseImages, type Engine } from "../../oracle/engine.js";
import type { RenderedCopyCase } from "../../oracle/generators/context.js";
import { historyLength, type BuildResult, type ExportedFile } from "./harness.js";

/** The reference the generated base-image cases start `FROM`. */
export const COPY_BASE_REF = baseImageRef("copy-base");

const FIXTURE = fileURLToPath(new URL("../../fixtures/engine-28.5/copy-base-image.json", import.meta.url));

/** The recorded generated cases on the base image (`record-base.ts`). */
export const GENERATED_FIXTURE = fileURLToPath(new URL("../../fixtures/engine-28.5/copy-base-generated.json", import.meta.url));

/** The base image as the simulator is told it, and its history length (the entries the engine's history starts with). */
export interface CopyBase {
  /** The engine's version it was read from. */
  readonly engine: string;
  /** {@link COPY_BASE_REF}, normalized. */
  readonly image: BaseImage;
  readonly history: number;
  /** What `docker export` lists of a container of the image (recorded with it; the generated cases' files are stored as their difference from it). */
  readonly export?: readonly ExportedFile[];
}

/** Exported files as their difference from the base image's export: entries not in it (or not equal), and its paths they lack. */
export interface ExportDelta {
  readonly changed: readonly ExportedFile[];
  readonly removed: readonly string[];
}

/** One recorded generated case: its builder, index in the run, the case, and what the engine gave. */
export interface RecordedBaseCase {
  readonly builder: "buildkit" | "legacy";
  readonly index: number;
  readonly rendered: RenderedCopyCase;
  readonly result: { ok: false; error: string } | (Omit<Extract<BuildResult, { ok: true }>, "files"> & { files: ExportDelta });
}

const same = (a: ExportedFile, b: ExportedFile): boolean => JSON.stringify(a, Object.keys(a).sort()) === JSON.stringify(b, Object.keys(b).sort());

/** The difference of `files` from the base image's export `base`. */
export function toDelta(files: readonly ExportedFile[], base: readonly ExportedFile[]): ExportDelta {
  const before = new Map(base.map((f) => [f.path, f]));
  const now = new Set(files.map((f) => f.path));
  return { changed: files.filter((f) => { const b = before.get(f.path); return b === undefined || !same(b, f); }), removed: base.filter((f) => !now.has(f.path)).map((f) => f.path) };
}

/** The exported files a {@link toDelta} difference stands for, sorted by path. */
export function fromDelta(delta: ExportDelta, base: readonly ExportedFile[]): ExportedFile[] {
  const out = new Map(base.map((f) => [f.path, f]));
  for (const p of delta.removed) out.delete(p);
  for (const f of delta.changed) out.set(f.path, f);
  return [...out.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The recorded generated cases, with each engine result's files as exported. */
export function recordedBaseCases(base: CopyBase): { seed: number; runs: number; cases: { builder: "buildkit" | "legacy"; index: number; rendered: RenderedCopyCase; result: BuildResult }[] } {
  const f = JSON.parse(readFileSync(GENERATED_FIXTURE, "utf8")) as { seed: number; runs: number; cases: RecordedBaseCase[] };
  return {
    seed: f.seed,
    runs: f.runs,
    cases: f.cases.map((c) => ({ ...c, result: c.result.ok ? { ...c.result, files: fromDelta(c.result.files, base.export ?? []) } : c.result })),
  };
}

/** Normalized {@link COPY_BASE_REF}. */
export function copyBaseNormalized(): string {
  const p = parseImageReference(COPY_BASE_REF);
  if (!p.ok) throw new Error(`bad reference ${COPY_BASE_REF}`);
  return p.value.normalized;
}

/** Builds the base image if needed and reads it from the engine (config, layers, all its files, history length). */
export async function liveCopyBase(engine: Engine): Promise<CopyBase> {
  await ensureBaseImages(engine);
  const image = (await engineBaseImages(engine, [COPY_BASE_REF])).get(copyBaseNormalized());
  if (image === undefined || image.files === undefined) throw new Error(`the engine does not have ${COPY_BASE_REF} after building it`);
  return { engine: engine.serverVersion, image: JSON.parse(JSON.stringify(image)) as BaseImage, history: await historyLength(engine, COPY_BASE_REF) };
}

/** The recorded base image (what {@link liveCopyBase} read when the fixtures were recorded). */
export function recordedCopyBase(): CopyBase {
  return JSON.parse(readFileSync(FIXTURE, "utf8")) as CopyBase;
}

/** Writes the recording of the base image (`spec/fs/copy/record-base.ts`). */
export function writeCopyBase(base: CopyBase): void {
  writeFileSync(FIXTURE, JSON.stringify(base, null, 1) + "\n");
}

/** The base images a case may start from, by normalized reference, for the simulator's resolver. */
export function copyBaseImages(base: CopyBase): ReadonlyMap<string, BaseImage> {
  return new Map([[base.image.ref, base.image]]);
}
