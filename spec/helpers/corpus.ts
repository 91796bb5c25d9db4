/**
 * Discovery of the shared real-world Dockerfile corpus (`../shared/corpus` next to the project
 * root; 50,000 files, see its README) for the robustness specs and benchmarks.
 *
 * The corpus only exists in CI and on the team's machines; a user's clone has no `../shared`.
 * Specs must call {@link corpusDir} and skip (with {@link CORPUS_SKIP_REASON} in the title) when
 * it returns null. `DOCKERFILE_CORPUS=/path/to/corpus` points somewhere else.
 *
 * Sampling is deterministic: a file is picked by a hash of its *name* (not its position in the
 * listing), so a sample stays the same when files are added elsewhere in the corpus and does not
 * depend on the order `readdir` returns.
 *
 * @module
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The project root (this file is `spec/helpers/corpus.ts`). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Where the corpus is expected when `DOCKERFILE_CORPUS` is not set. */
export const DEFAULT_CORPUS_DIR = resolve(PROJECT_ROOT, "..", "shared", "corpus");

function configuredDir(): string {
  const env = process.env["DOCKERFILE_CORPUS"];
  return env !== undefined && env !== "" ? resolve(env) : DEFAULT_CORPUS_DIR;
}

let cachedDir: string | null | undefined;

/** The corpus directory (the one holding `files/`), or null when there is none. */
export function corpusDir(): string | null {
  if (cachedDir !== undefined) return cachedDir;
  const dir = configuredDir();
  let ok = false;
  try {
    ok = statSync(join(dir, "files")).isDirectory();
  } catch {
    ok = false;
  }
  cachedDir = ok ? dir : null;
  return cachedDir;
}

/** Why corpus specs are skipped; put it in the `describe.skipIf` title. */
export const CORPUS_SKIP_REASON = `skipped: no Dockerfile corpus at ${configuredDir()} (it exists in CI only; set DOCKERFILE_CORPUS=/path/to/corpus to run these)`;

/** Per-file metadata from `MANIFEST_EXTRA.tsv` and `FEATURES.tsv` (missing columns are empty). */
export interface CorpusEntry {
  /** The file name inside `files/`. */
  readonly name: string;
  readonly group: string;
  /** Holds NUL bytes (UTF-16 and other binary files). */
  readonly binary: boolean;
  /** The FEATURES.tsv row, by column name. */
  readonly features: Readonly<Record<string, string>>;
}

let cachedFiles: string[] | undefined;

/** The names of every corpus file (inside `files/`), sorted; empty when there is no corpus. */
export function corpusFiles(): string[] {
  if (cachedFiles !== undefined) return cachedFiles;
  const dir = corpusDir();
  cachedFiles = dir === null ? [] : readdirSync(join(dir, "files")).sort();
  return cachedFiles;
}

/** The absolute path of a corpus file. */
export function corpusPath(name: string): string {
  const dir = corpusDir();
  if (dir === null) throw new Error(CORPUS_SKIP_REASON);
  return join(dir, "files", name);
}

/** A corpus file decoded as Node reads it with `readFileSync(path, "utf8")` (binary files included). */
export function readCorpusFile(name: string): string {
  return readFileSync(corpusPath(name), "utf8");
}

function readTsv(file: string): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  const dir = corpusDir();
  if (dir === null || !existsSync(join(dir, file))) return out;
  const lines = readFileSync(join(dir, file), "utf8").split("\n");
  const header = (lines[0] ?? "").split("\t");
  for (const line of lines.slice(1)) {
    if (line === "") continue;
    const cells = line.split("\t");
    const row: Record<string, string> = {};
    header.forEach((h, i) => (row[h] = cells[i] ?? ""));
    out.set(cells[0] ?? "", row);
  }
  return out;
}

let cachedEntries: Map<string, CorpusEntry> | undefined;

/** Metadata of every corpus file, keyed by name. */
export function corpusEntries(): ReadonlyMap<string, CorpusEntry> {
  if (cachedEntries !== undefined) return cachedEntries;
  const extra = readTsv("MANIFEST_EXTRA.tsv");
  const features = readTsv("FEATURES.tsv");
  cachedEntries = new Map();
  for (const name of corpusFiles()) {
    const x = extra.get(name);
    cachedEntries.set(name, { name, group: x?.["group"] ?? "", binary: x?.["binary"] === "1", features: features.get(name) ?? {} });
  }
  return cachedEntries;
}

/** FNV-1a (32-bit) of a string's UTF-16 code units, mixed with a seed: a stable, portable hash. */
export function stableHash(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // final avalanche (murmur3 fmix32) so nearby names spread out
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A deterministic sample of `size` corpus file names (all of them when `size` is `"all"` or at
 * least the corpus size): the names with the smallest {@link stableHash} under `seed`, returned
 * sorted. Names listed in `always` (when they exist) are included on top of the sample.
 */
export function sampleCorpus(size: number | "all", seed = 0, always: Iterable<string> = []): string[] {
  const files = corpusFiles();
  if (size === "all" || size >= files.length) return [...files];
  const picked = new Set(
    files
      .map((name) => ({ name, h: stableHash(name, seed) }))
      .sort((a, b) => a.h - b.h || (a.name < b.name ? -1 : 1))
      .slice(0, Math.max(0, size))
      .map((x) => x.name),
  );
  const known = new Set(files);
  for (const name of always) if (known.has(name)) picked.add(name);
  return [...picked].sort();
}

/**
 * Corpus files that exercise unusual input paths, chosen from the metadata only: every binary
 * (UTF-16, NUL-holding) file, plus up to `perFeature` files each with an escape directive, a
 * syntax directive, heredocs, unterminated heredocs, ONBUILD, unknown instructions, more than
 * three stages, or no instructions at all. Deterministic and small.
 */
export function interestingCorpusFiles(perFeature = 8, seed = 0): string[] {
  const pick = (pred: (e: CorpusEntry) => boolean): string[] =>
    [...corpusEntries().values()]
      .filter(pred)
      .map((e) => ({ name: e.name, h: stableHash(e.name, seed) }))
      .sort((a, b) => a.h - b.h)
      .slice(0, perFeature)
      .map((x) => x.name);
  const out = new Set<string>([
    ...[...corpusEntries().values()].filter((e) => e.binary).map((e) => e.name),
    ...pick((e) => (e.features["escape_directive"] ?? "") !== ""),
    ...pick((e) => (e.features["syntax_directive"] ?? "") !== ""),
    ...pick((e) => Number(e.features["unterminated_heredocs"] ?? "0") > 0),
    ...pick((e) => Number(e.features["heredocs"] ?? "0") > 0),
    ...pick((e) => Number(e.features["onbuild"] ?? "0") > 0),
    ...pick((e) => Number(e.features["unknown_instr"] ?? "0") > 0),
    ...pick((e) => Number(e.features["from_count"] ?? "0") > 3),
    ...pick((e) => Number(e.features["instructions"] ?? "0") === 0),
  ]);
  return [...out].sort();
}

/**
 * Parses a sample-size env var: unset/empty = `fallback`, `all` = every file, else a count.
 */
export function sampleSizeFromEnv(name: string, fallback: number): number | "all" {
  const v = process.env[name];
  if (v === undefined || v === "") return fallback;
  if (v.toLowerCase() === "all") return "all";
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be "all" or a non-negative integer, got ${JSON.stringify(v)}`);
  return n;
}
