/**
 * The oracle of Docker's checks: `docker buildx build --call=check,format=json` on a real engine, and the
 * comparison of its findings with `checkDocker`'s on (rule, lines, detail).
 *
 * @module
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { checkDocker, type DockerCheckResult } from "../../src/check/index.js";
import { runDocker, type Engine } from "../oracle/docker-cli.js";
import { checkImageResolver, ensureCheckImages } from "./check-images.js";

/** A check case: a Dockerfile and the other files of its context (e.g. `.dockerignore`). */
export interface CheckCase {
  readonly dockerfile: string;
  readonly files?: Readonly<Record<string, string>>;
  readonly buildArgs?: Readonly<Record<string, string>>;
}

/** One finding as compared: rule, lines, detail. */
export interface ComparableFinding {
  readonly rule: string;
  readonly start: number;
  readonly end: number;
  readonly detail: string;
}

/** What the engine (or the checker) said about a case. */
export interface CheckObservation {
  readonly findings: readonly ComparableFinding[];
  /** Whether the check run stopped at a build error. */
  readonly error: boolean;
  readonly errorMessage?: string;
  /** The checker's undecided reasons (a finding Docker makes without a location is listed there with its detail). */
  readonly undecided?: readonly string[];
}

interface EngineJson {
  warnings?: { ruleName: string; detail: string; location?: { ranges?: { start?: { line?: number }; end?: { line?: number } }[] } }[];
  buildError?: { message: string };
}

let counter = 0;
let imagesReady: Promise<void> | undefined;

/** Runs Docker's checks on a case in a fresh context directory (buildx caches contexts by directory name). */
export async function observeEngineChecks(engine: Engine, c: CheckCase): Promise<CheckObservation> {
  await (imagesReady ??= ensureCheckImages(engine));
  const dir = mkdtempSync(join(tmpdir(), `dfs-check-${process.pid}-${counter++}-`));
  try {
    writeFileSync(join(dir, "Dockerfile"), c.dockerfile);
    for (const [name, content] of Object.entries(c.files ?? {})) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), content);
    }
    const args = ["buildx", "build", "--network=none", "--call=check,format=json", "--progress=quiet"];
    for (const [k, v] of Object.entries(c.buildArgs ?? {})) args.push("--build-arg", `${k}=${v}`);
    args.push(dir);
    const r = await runDocker(engine, args, { timeoutMs: 120_000 });
    const text = r.stdout.toString("utf8");
    let json: EngineJson;
    try {
      json = JSON.parse(text) as EngineJson;
    } catch {
      throw new Error(`docker --call=check gave no JSON (exit ${r.code}): ${r.stderr.slice(-500)}`);
    }
    return engineObservation(json);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Reads Docker's `--call=check,format=json` output. */
export function engineObservation(json: EngineJson): CheckObservation {
  const findings = (json.warnings ?? []).map((w) => {
    const ranges = w.location?.ranges ?? [];
    return { rule: w.ruleName, detail: w.detail, start: ranges[0]?.start?.line ?? 0, end: ranges[ranges.length - 1]?.end?.line ?? 0 };
  });
  return json.buildError === undefined ? { findings, error: false } : { findings, error: true, errorMessage: json.buildError.message };
}

const resolver = checkImageResolver();

/** The checker's observation of the same case (knowing the base images of spec/check/check-images.ts). */
export function observeChecker(c: CheckCase): CheckObservation & { readonly result: DockerCheckResult } {
  const result = checkDocker(c.dockerfile, { resolver, dockerignore: c.files?.[".dockerignore"] ?? null, ...(c.buildArgs === undefined ? {} : { buildArgs: c.buildArgs }) });
  const findings = result.warnings.map((w) => ({ rule: w.rule, detail: w.detail, start: w.lines.start, end: w.lines.end }));
  const undecided = result.undecided.map((u) => `${u.rule}: ${u.reason}`);
  return result.error === null ? { findings, error: false, undecided, result } : { findings, error: true, errorMessage: result.error.message, undecided, result };
}

const key = (f: ComparableFinding): string => `${f.rule}@${f.start}-${f.end}: ${f.detail}`;

/**
 * Compares two observations as multisets of (rule, lines, detail) (Docker reports the findings of one
 * instruction in Go map order, so order within a run is not compared), and whether both stopped at an error.
 * A finding Docker reports without a location (an image named by `RUN --mount=from=`) counts as matched when
 * the checker lists it as undecided with the same rule and detail, once per such entry.
 * Returns the differences, empty when they agree.
 */
export function compareChecks(engine: CheckObservation, sim: CheckObservation): string[] {
  const diffs: string[] = [];
  const count = new Map<string, number>();
  const unplaced = [...(sim.undecided ?? [])];
  for (const f of engine.findings) {
    const at = f.start === 0 ? unplaced.findIndex((u) => u.startsWith(`${f.rule}: `) && u.endsWith(`without a location: ${f.detail}`)) : -1;
    if (at >= 0) unplaced.splice(at, 1);
    else count.set(key(f), (count.get(key(f)) ?? 0) + 1);
  }
  for (const f of sim.findings) count.set(key(f), (count.get(key(f)) ?? 0) - 1);
  for (const [k, n] of count) {
    if (n > 0) diffs.push(`missing (Docker reports${n > 1 ? ` ${n}x` : ""}): ${k}`);
    if (n < 0) diffs.push(`extra (Docker does not report${n < -1 ? ` ${-n}x` : ""}): ${k}`);
  }
  if (engine.error !== sim.error) diffs.push(`error: Docker ${engine.error ? `stops (${engine.errorMessage})` : "does not stop"}, checker ${sim.error ? `stops (${sim.errorMessage})` : "does not stop"}`);
  return diffs;
}
