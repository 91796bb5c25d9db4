/**
 * Compares the simulator with the recorded real builds of `spec/fixtures/engine-28.5/copy-add.json`:
 * build result (and error text), history (`created_by`, `empty_layer`), layer count, and the
 * files at and under each recorded path. Node-side (reads the fixture); no Docker needed.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { memoryContext, type TreeDescription, type TreeValue } from "../../../src/fs/context/memory-context.js";
import { listFiles } from "../../../src/fs/vfs/list-tree.js";
import { SCRATCH, mapResolver, type BaseImage } from "../../../src/image/base-image.js";
import { parseImageReference } from "../../../src/docker/index.js";
import { simulate, type SimulateOptions, type Simulation } from "../../../src/simulate.js";
import { oracleImageFiles } from "../../oracle/base-image-files.js";
import { recordedCopyBase } from "./base-image.js";
import { knownDivergenceWarnings } from "../../oracle/known-warnings.js";
import type { BaseImageName } from "../../oracle/base-images.js";
import type { FixtureContextValue } from "./harness.js";
import type { FixtureCase } from "./record.js";

export type { FixtureCase } from "./record.js";

const FIXTURE = fileURLToPath(new URL("../../fixtures/engine-28.5/copy-add.json", import.meta.url));

/** Loads the fixture file. */
export function loadCopyFixture(): { engine: string; cases: FixtureCase[] } {
  return JSON.parse(readFileSync(FIXTURE, "utf8")) as { engine: string; cases: FixtureCase[] };
}

function treeValue(v: FixtureContextValue): TreeValue {
  if (typeof v === "string") return v;
  if ("base64" in v) return { content: new Uint8Array(Buffer.from(v.base64, "base64")), ...(v.mode === undefined ? {} : { mode: v.mode }) };
  return v;
}

/** The fixture context as a {@link TreeDescription}. */
export function fixtureTree(c: FixtureCase): TreeDescription {
  return Object.fromEntries(Object.entries(c.context).map(([k, v]) => [k, treeValue(v)]));
}

/** One disagreement. */
export interface CopyDivergence {
  readonly id: string;
  readonly builder: "buildkit" | "legacy";
  readonly category: "build" | "history" | "layers" | "files";
  readonly engine: unknown;
  readonly simulator: unknown;
}

/** The comparison of one case with one builder. */
export interface CaseComparison {
  readonly divergences: readonly CopyDivergence[];
  /**
   * Categories the simulator rightly says it cannot know (a URL or registry the recording engine
   * could not reach; files of an image the simulator was not given; a classic layer that depends
   * on whether a RUN changed files), with why.
   */
  readonly unknowable: readonly string[];
  /**
   * The messages of the `simulator/known-divergence` warnings the simulation emitted for this builder
   * (the simulator saying where a real build may differ from it; see docs/semantics/copy-add.md).
   */
  readonly knownDivergence: readonly string[];
}

/** Engine errors that come from this machine having no network (not from Dockerfile semantics). */
const NETWORK_ERRORS = /dial tcp|registry-1\.docker\.io|failed to resolve source metadata|error fetching default branch/;

type Listed = Record<string, unknown> & { path: string; type: string };

function entryKey(f: Record<string, unknown>): string {
  return JSON.stringify(Object.keys(f).sort().map((k) => [k, f[k]]));
}

/**
 * What a case needs beyond its context: downloads and git checkouts, and base images with their files
 * (by normalized reference; they take precedence over the oracle's busybox images, whose files the
 * simulator knows only as their user databases).
 */
export type CaseExtras = Pick<SimulateOptions, "downloads" | "gitCheckouts"> & { readonly images?: ReadonlyMap<string, BaseImage> };

let copyBaseImage: BaseImage | undefined;
function recordedCopyBaseImage(): BaseImage {
  copyBaseImage ??= recordedCopyBase().image;
  return copyBaseImage;
}

/** Simulates a recorded case with one builder, from its context and the oracle's base images (`extra`: more simulation options, e.g. downloads). */
export function simulateCase(c: FixtureCase, builder: "buildkit" | "legacy", { images: given, ...extra }: CaseExtras = {}): Simulation {
  const tree = fixtureTree(c);
  const images = new Map<string, BaseImage>();
  for (const [name, layers] of [["busybox", 2], ["passwd", 3]] as const) {
    const ref = parseImageReference(`oracle/${name}:latest`);
    if (ref.ok) images.set(ref.value.normalized, { ...SCRATCH, ref: ref.value.normalized, layers: c.base?.image === `oracle/${name}:latest` ? c.base.layers : layers, files: oracleImageFiles(name as BaseImageName) });
  }
  // oracle/copy-base with all its files, as recorded (base-image.ts); a live run passes the engine's in `given`.
  const copyBase = recordedCopyBaseImage();
  images.set(copyBase.ref, copyBase);
  for (const [ref, image] of given ?? []) images.set(ref, image);
  return simulate(c.dockerfile, {
    builder,
    resolver: mapResolver(images),
    buildArgs: c.buildArgs ?? {},
    context: (b) => memoryContext(tree, { builder: b }),
    ...extra,
  });
}

/** Simulates a case with one builder and says how it differs from the recorded build (`extra`: more simulation options, e.g. downloads). */
export function compareCase(c: FixtureCase, builder: "buildkit" | "legacy", extra: CaseExtras = {}): CaseComparison {
  const sim = simulateCase(c, builder, extra);
  const engine = c.results[builder];
  const out: CopyDivergence[] = [];
  const unknowable: string[] = [];
  const knownDivergence = knownDivergenceWarnings(sim, builder);
  const push = (category: CopyDivergence["category"], e: unknown, s: unknown): void => {
    out.push({ id: c.id, builder, category, engine: e, simulator: s });
  };
  if (!engine.ok) {
    // The classic builder's "layer does not exist" names the new layer's diff ID, which holds file
    // times: the simulator says `sha256:<digest>` (src/evaluate/apply/apply-copy.ts).
    const engineError = engine.error.replace(/(failed to get layer sha256:)[0-9a-f]{64}(: layer does not exist)/, "$1<digest>$2");
    if (NETWORK_ERRORS.test(engine.error) && sim.error === null) unknowable.push(`build: the engine had no network (${engine.error.slice(0, 80)})`);
    else if (sim.error === null) push("build", engine.error, "(build succeeds)");
    else if (!engineError.includes(sim.error.message) && !sim.error.message.includes(engineError)) push("build", engine.error, sim.error.message);
    return { divergences: out, unknowable, knownDivergence };
  }
  if (sim.error !== null) {
    push("build", "(build succeeds)", sim.error.message);
    return { divergences: out, unknowable, knownDivergence };
  }
  const stage = sim.stage!;
  // History: an entry whose layer depends on changes the simulator cannot see matches either way;
  // a classic hash the simulator could not compute (`<content hash>`) is unknowable.
  let depends = 0;
  let historyOk = stage.history.length === engine.history.length;
  let hashUnknown = false;
  if (historyOk) {
    stage.history.forEach((h, k) => {
      const e = engine.history[k]!;
      const layerOk = h.layerDependsOnChanges === true || h.empty_layer === e.empty_layer;
      if (h.layerDependsOnChanges === true) depends++;
      const textOk = h.created_by === e.created_by || (h.created_by.includes("<content hash>") && h.created_by.replace("<content hash>", "") === e.created_by.replace(/(file|dir|multi):[0-9a-f]{64}/, ""));
      if (textOk && h.created_by !== e.created_by) hashUnknown = true;
      if (!layerOk || !textOk) historyOk = false;
    });
  }
  if (!historyOk) push("history", engine.history, stage.history.map((h) => ({ created_by: h.created_by, empty_layer: h.empty_layer, ...(h.layerDependsOnChanges ? { layerDependsOnChanges: true } : {}) })));
  if (hashUnknown) unknowable.push("history: a classic source hash of files the simulator does not have");
  if (depends > 0) unknowable.push(`history/layers: ${depends} classic layer(s) depend on whether files changed`);
  const layersOk = stage.layers !== null && engine.layers <= stage.layers && engine.layers >= stage.layers - depends;
  if (!layersOk) push("layers", engine.layers, stage.layers);
  // Files: entries the simulator marks unknown accept whatever the engine has at and under them.
  const listed: Listed[] = c.paths.flatMap((p) => listFiles(stage.files, p).entries).map((e) => {
    if (e.type === "unknown") return { path: e.path, type: "unknown" };
    const base = { path: e.path, mode: e.mode, uid: e.uid, gid: e.gid, type: e.type };
    if (e.type === "file") return { ...base, size: e.size, sha256: e.sha256, ...(e.hardlink === undefined ? {} : { hardlink: e.hardlink }) };
    if (e.type === "symlink") return { ...base, target: e.target };
    return base;
  });
  const unknownRoots = listed.filter((f) => f.type === "unknown").map((f) => f.path);
  const incomplete = c.paths.flatMap((p) => listFiles(stage.files, p).entries).filter((e) => e.type === "dir" && !e.complete).map((e) => e.path);
  const covered = (p: string): boolean => unknownRoots.some((u) => p === u || p.startsWith(u + "/"));
  const listedPaths = new Set(listed.map((f) => f.path));
  // An engine entry the simulator does not list, inside a directory it says may hold more, is unknowable too.
  const unseen = (p: string): boolean => !listedPaths.has(p) && incomplete.some((d) => p.startsWith(d === "/" ? "/" : d + "/"));
  // A file whose content the simulator was not told (a base image's, read without contents) is compared
  // without its digest; its size, mode and owner still count.
  const contentUnknown = new Set(listed.filter((f) => f.type === "file" && f.sha256 === null && f.size !== null).map((f) => f.path));
  const withoutDigest = (f: Record<string, unknown>): Record<string, unknown> => {
    if (!contentUnknown.has(f.path as string)) return f;
    const { sha256: _, ...rest } = f;
    return rest;
  };
  const want = engine.files.filter((f) => !covered(f.path) && !unseen(f.path)).map((f) => entryKey(withoutDigest(f as unknown as Record<string, unknown>))).sort();
  const got = listed.filter((f) => f.type !== "unknown").map((f) => entryKey(withoutDigest(f))).sort();
  if (contentUnknown.size > 0) unknowable.push(`files: ${contentUnknown.size} base-image file(s) compared without their content, which the simulator does not know (it was told their size)`);
  if (incomplete.length > 0) unknowable.push(`files: ${incomplete.join(", ")} may hold entries the simulator does not know`);
  if (unknownRoots.length > 0) unknowable.push(`files: ${unknownRoots.join(", ")} unknown to the simulator`);
  if (JSON.stringify(want) !== JSON.stringify(got)) push("files", engine.files, listed);
  return { divergences: out, unknowable, knownDivergence };
}
