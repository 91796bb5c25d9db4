/**
 * The ENTRYPOINT × CMD matrix as data: every ENTRYPOINT form × every CMD form × both orders within one
 * stage × every kind of base, each built once per builder with several `docker run` overrides packed into
 * the one build (`docker create` per override).
 *
 * Also the two sides of a comparison, in one shape ({@link Observed}): what a real engine did (from an
 * oracle build, see {@link observedFromOracle}) and what the simulator predicts ({@link simulateCase}),
 * and the cell-by-cell comparison ({@link compareCase}) that both the real-engine spec and the
 * recorded-fixtures spec use, and {@link buildMatrix}, which builds cases on an engine. Importing this module
 * needs no engine.
 *
 * @module
 */
import { parseImageReference } from "../../src/docker/index.js";
import { imageFromInspect, mapResolver, type BaseImage, type BaseImageResolver } from "../../src/image/base-image.js";
import { toJsonReport } from "../../src/report/json-report.js";
import { simulate } from "../../src/simulate.js";
import { buildCases, type Engine, type OracleBuilder, type OracleCase, type OracleResult, type RunOverrides } from "../oracle/engine.js";

/** ENTRYPOINT forms (`null`: no ENTRYPOINT instruction). */
export const ENTRYPOINT_FORMS = {
  none: null,
  shell: "ENTRYPOINT echo e1",
  exec: 'ENTRYPOINT ["/bin/echo","e1"]',
  "exec-empty": "ENTRYPOINT []",
  bare: "ENTRYPOINT",
} as const satisfies Record<string, string | null>;
export type EntrypointForm = keyof typeof ENTRYPOINT_FORMS;

/** CMD forms (`null`: no CMD instruction). */
export const CMD_FORMS = {
  none: null,
  shell: "CMD echo c1",
  exec: 'CMD ["/bin/echo","c1"]',
  params: 'CMD ["p1","p2"]',
  empty: "CMD []",
  bare: "CMD",
} as const satisfies Record<string, string | null>;
export type CmdForm = keyof typeof CMD_FORMS;

/**
 * Base kinds: the lines that open the Dockerfile. The base images are the harness's
 * (`spec/oracle/base-images.ts`): `entry-exec` has `ENTRYPOINT ["/bin/echo","base-entry"]` + `CMD ["base-cmd"]`,
 * `entry-shell` `ENTRYPOINT echo base-entry`, `cmd-exec` `CMD ["/bin/echo","base-cmd"]`, `cmd-shell`
 * `CMD echo base-cmd`, `shell` `SHELL ["/bin/sh","-xc"]` + `CMD echo base-shell`; `stage` is an earlier
 * stage of the same Dockerfile that sets its own CMD on top of `cmd-exec`.
 */
export const BASE_KINDS = {
  busybox: "FROM oracle/busybox\n",
  "entry-exec": "FROM oracle/entry-exec\n",
  "cmd-exec": "FROM oracle/cmd-exec\n",
  "cmd-shell": "FROM oracle/cmd-shell\n",
  "entry-shell": "FROM oracle/entry-shell\n",
  shell: "FROM oracle/shell\n",
  stage: 'FROM oracle/cmd-exec AS base\nCMD ["from-stage"]\nFROM base\n',
} as const satisfies Record<string, string>;
export type BaseKind = keyof typeof BASE_KINDS;

/** The base images the matrix needs, as `ensureBaseImages` keys them. */
export const BASE_REFS = [
  "oracle/busybox:latest",
  "oracle/entry-exec:latest",
  "oracle/cmd-exec:latest",
  "oracle/cmd-shell:latest",
  "oracle/entry-shell:latest",
  "oracle/shell:latest",
] as const;

/** `docker run` overrides by kind. `flags` checks `-e`, `-w` (not clean) and `-u` against the image's config. */
export const RUN_OVERRIDES = {
  none: {},
  args: { args: ["a1", "a2"] },
  "ep-true": { entrypoint: "/bin/true" },
  "ep-empty": { entrypoint: "" },
  "ep-empty-arg": { entrypoint: "", args: ["a1"] },
  flags: { env: ["MX=1", "PATH=/mx"], workdir: "/mx/./a/../b/", user: "1:2" },
} as const satisfies Record<string, RunOverrides>;
export type RunKind = keyof typeof RUN_OVERRIDES;

/**
 * Every case creates a container without overrides (`none`) plus one rotating override. `args` is the one
 * whose outcome depends on the image (its ENTRYPOINT), so it takes every other slot; the `--entrypoint` ones
 * ignore the image's ENTRYPOINT and CMD and `flags` only adds env/workdir/user, so fewer of each suffice. The
 * rotation is offset per base, so each (ENTRYPOINT, CMD, order) cell meets `args` on three or four bases and
 * most of the others on one; every kind occurs on every base. (A `docker create` costs ~0.1 s, a build
 * ~0.3-1 s.)
 */
const ROTATING: readonly RunKind[] = ["args", "ep-true", "args", "ep-empty", "args", "ep-empty-arg", "args", "flags"];

/** Where ENTRYPOINT and CMD stand relative to each other (`single` when at most one of them is present). */
export type Order = "cmd-first" | "entrypoint-first" | "single";

/** One build of the matrix. */
export interface MatrixCase {
  /** `base/E=<form>/C=<form>/<order>`, unique. */
  readonly id: string;
  readonly base: BaseKind;
  readonly entrypoint: EntrypointForm;
  readonly cmd: CmdForm;
  readonly order: Order;
  readonly dockerfile: string;
  /** Containers created from the image, in order. */
  readonly runs: readonly { readonly kind: RunKind; readonly overrides: RunOverrides }[];
}

function cloneOverrides(o: RunOverrides): RunOverrides {
  const out: RunOverrides = {};
  if (o.args !== undefined) out.args = [...o.args];
  if (o.entrypoint !== undefined) out.entrypoint = o.entrypoint;
  if (o.env !== undefined) out.env = [...o.env];
  if (o.workdir !== undefined) out.workdir = o.workdir;
  if (o.user !== undefined) out.user = o.user;
  return out;
}

/**
 * Every case: for each base kind, every (ENTRYPOINT form, CMD form) pair, in both orders when both are
 * present (once when at most one is). 7 bases × (4·5·2 + 4 + 5 + 1) = 350 builds per builder.
 */
export function matrixCases(): MatrixCase[] {
  const out: MatrixCase[] = [];
  const bases = Object.keys(BASE_KINDS) as BaseKind[];
  bases.forEach((base, b) => {
    let i = 0;
    for (const e of Object.keys(ENTRYPOINT_FORMS) as EntrypointForm[]) {
      for (const c of Object.keys(CMD_FORMS) as CmdForm[]) {
        const eLine: string | null = ENTRYPOINT_FORMS[e];
        const cLine: string | null = CMD_FORMS[c];
        const orders: Order[] = eLine !== null && cLine !== null ? ["cmd-first", "entrypoint-first"] : ["single"];
        for (const order of orders) {
          const lines = order === "cmd-first" ? [cLine, eLine] : [eLine, cLine];
          const body = lines.filter((l): l is string => l !== null).map((l) => `${l}\n`).join("");
          const kinds: RunKind[] = ["none", ROTATING[(i + b) % ROTATING.length]!];
          out.push({
            id: `${base}/E=${e}/C=${c}/${order}`,
            base,
            entrypoint: e,
            cmd: c,
            order,
            dockerfile: BASE_KINDS[base] + body,
            runs: kinds.map((kind) => ({ kind, overrides: cloneOverrides(RUN_OVERRIDES[kind]) })),
          });
          i += 1;
        }
      }
    }
  });
  return out;
}

/** The harness's view of a case: the Dockerfile and the overrides of its runs. */
export function toOracleCase(c: MatrixCase): OracleCase {
  return { dockerfile: c.dockerfile, runs: c.runs.map((r) => cloneOverrides(r.overrides)) };
}

/** Builds at once per builder (legacy builds cost about a second per instruction, BuildKit ones far less). */
export const CONCURRENCY: Record<OracleBuilder, number> = { buildkit: 4, legacy: 4 };

/**
 * Failures that come from the harness running legacy builds concurrently, not from the Dockerfile: two
 * builds share a cached intermediate image and one build's clean-up (`docker image rm`) deletes it while the
 * other still uses it. Seen as `failed to get digest sha256:…: open …/imagedb/content/sha256/…: no such file
 * or directory`.
 */
export function isTransient(r: OracleResult): boolean {
  return !r.build.ok && /^failed to get digest sha256:[0-9a-f]+: open .*: no such file or directory$|No such image/.test(r.build.error);
}

/**
 * Builds `cases` with `builder` ({@link CONCURRENCY} at a time), then rebuilds one at a time (up to twice)
 * the ones that failed for a {@link isTransient} reason. Results are in the order of `cases`.
 */
export async function buildMatrix(engine: Engine, cases: readonly MatrixCase[], builder: OracleBuilder): Promise<OracleResult[]> {
  const results = await buildCases(engine, cases.map(toOracleCase), builder, { concurrency: CONCURRENCY[builder] });
  for (let attempt = 0; attempt < 2; attempt++) {
    const again = results.flatMap((r, i) => (isTransient(r) ? [i] : []));
    if (again.length === 0) break;
    console.log(`${builder}: rebuilding ${again.length} case(s) that failed transiently: ${again.map((i) => cases[i]!.id).join(", ")}`);
    const redo = await buildCases(engine, again.map((i) => toOracleCase(cases[i]!)), builder, { concurrency: 1 });
    again.forEach((i, k) => (results[i] = redo[k]!));
  }
  return results;
}

// ---------------------------------------------------------------------------------------------------------
// Observations and comparison
// ---------------------------------------------------------------------------------------------------------

/** What `docker create` + `docker container inspect` showed for one override (or the daemon's refusal). */
export type ObservedRun =
  | { ok: true; path: string; args: string[]; env: string[]; workdir: string; user: string }
  | { ok: false; error: string };

/** One builder's outcome for one case, in the shape recorded in the fixtures. */
export interface Observed {
  build: { ok: true } | { ok: false; error: string };
  /** `docker image inspect .Config` fields (absent → `null`); `null` when the build failed. */
  config: { Entrypoint: string[] | null; Cmd: string[] | null; Shell: string[] | null } | null;
  /** One per `case.runs` entry; `null` when the build failed. */
  runs: ObservedRun[] | null;
}

function listOrNull(v: unknown): string[] | null {
  return Array.isArray(v) && v.length > 0 ? v.map(String) : null;
}

/** The {@link Observed} view of an oracle build. */
export function observedFromOracle(r: OracleResult): Observed {
  if (!r.build.ok) return { build: { ok: false, error: r.build.error }, config: null, runs: null };
  const c = r.config ?? {};
  return {
    build: { ok: true },
    config: { Entrypoint: listOrNull(c.Entrypoint), Cmd: listOrNull(c.Cmd), Shell: listOrNull(c.Shell) },
    runs: (r.runs ?? []).map((run): ObservedRun =>
      run.ok
        ? { ok: true, path: run.path, args: [...run.args], env: [...run.env], workdir: run.workdir, user: run.user }
        : { ok: false, error: run.error },
    ),
  };
}

/** The shape of `spec/fixtures/engine-28.5/matrix.json` (written by `record-matrix.ts`). */
export interface MatrixFixture {
  /** `docker version .Server.Version` of the engine that built the cases. */
  engine: string;
  recordedAt: string;
  /** `docker image inspect` (Config, Author, Os, RootFS.Layers) of each base image, by `FROM` reference. */
  bases: Record<string, Record<string, unknown>>;
  cases: {
    id: string;
    dockerfile: string;
    runs: { kind: string; overrides: RunOverrides }[];
    buildkit: Observed;
    legacy: Observed;
  }[];
}

/** The part of `docker image inspect` kept for a base image in the fixtures (what `imageFromInspect` reads). */
export function trimInspect(json: unknown): Record<string, unknown> {
  const o = (Array.isArray(json) ? json[0] : json) as Record<string, unknown>;
  const rootfs = (o.RootFS ?? {}) as { Layers?: unknown[] };
  return { Config: o.Config ?? {}, Author: o.Author ?? "", Os: o.Os ?? "linux", RootFS: { Layers: rootfs.Layers ?? [] } };
}

/** A resolver over base images' `docker image inspect` JSON keyed by the references used in `FROM`. */
export function resolverFromInspect(bases: ReadonlyMap<string, unknown> | Readonly<Record<string, unknown>>): BaseImageResolver {
  const entries = bases instanceof Map ? [...bases.entries()] : Object.entries(bases);
  const images = new Map<string, BaseImage>();
  for (const [ref, json] of entries) {
    const parsed = parseImageReference(ref);
    if (!parsed.ok) throw new Error(`bad base reference ${ref}: ${parsed.error}`);
    const img = imageFromInspect(parsed.value.normalized, json);
    if (!img.ok) throw new Error(`bad inspect JSON for ${ref}: ${img.error}`);
    images.set(parsed.value.normalized, img.value);
  }
  return mapResolver(images);
}

/** What the simulator predicts for a case with one builder, in the {@link Observed} shape. */
export function simulateCase(c: MatrixCase, builder: OracleBuilder, resolver: BaseImageResolver): Observed {
  const first = toJsonReport(simulate(c.dockerfile, { builder, resolver }));
  if (first.error !== undefined) return { build: { ok: false, error: first.error }, config: null, runs: null };
  const cfg = first.config;
  const runs = c.runs.map(({ overrides }): ObservedRun => {
    const report = toJsonReport(simulate(c.dockerfile, { builder, resolver, run: overrides }));
    const r = report.run;
    if (r === null) return { ok: false, error: "(simulator: no run)" };
    return "error" in r
      ? { ok: false, error: r.error }
      : { ok: true, path: r.path, args: [...r.args], env: [...r.env], workdir: r.workdir, user: r.user };
  });
  return {
    build: { ok: true },
    config: cfg === null ? null : { Entrypoint: cfg.Entrypoint, Cmd: cfg.Cmd, Shell: cfg.Shell },
    runs,
  };
}

/** Whether two observations are the same, up to the order of `Env` entries (see {@link compareCase}). */
export function sameObserved(a: Observed, b: Observed): boolean {
  const norm = (o: Observed): unknown => ({ ...o, runs: o.runs === null ? null : o.runs.map(envAsSet) });
  return same(norm(a), norm(b));
}

/** One compared cell: a field of a case with one builder. */
export interface Cell {
  readonly case: string;
  readonly builder: OracleBuilder;
  /** `build`, `Entrypoint`, `Cmd`, `Shell`, or `run <kind> <docker flags>`. */
  readonly cell: string;
  readonly agree: boolean;
  readonly expected: unknown;
  readonly got: unknown;
}

/** The `docker run` flags of an override, for messages (e.g. `--entrypoint "" a1`). */
export function describeOverrides(o: RunOverrides): string {
  const parts: string[] = [];
  if (o.entrypoint !== undefined) parts.push(`--entrypoint ${JSON.stringify(o.entrypoint)}`);
  for (const e of o.env ?? []) parts.push(`-e ${e}`);
  if (o.workdir !== undefined) parts.push(`-w ${o.workdir}`);
  if (o.user !== undefined) parts.push(`-u ${o.user}`);
  parts.push("IMAGE", ...(o.args ?? []));
  return parts.join(" ");
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * A run with its `Env` sorted. Engine 28.5 puts the `-e` entries first but in no stable order among
 * themselves (the same `docker create -e MX=1 -e PATH=/mx -e Z=3` gave `MX,PATH,Z`, `PATH,Z,MX` and
 * `Z,MX,PATH` on repeated runs), then the image's other entries in image order; so runs compare their env
 * as a set.
 */
function envAsSet(run: unknown): unknown {
  if (typeof run !== "object" || run === null || !("env" in run) || !Array.isArray(run.env)) return run;
  return { ...run, env: [...(run.env as string[])].sort() };
}

/**
 * Compares the simulator (`got`) with the engine (`expected`) cell by cell: the build outcome (success, or
 * the error message), then — when the engine built an image — `Entrypoint`, `Cmd`, `Shell` and every run
 * (ok/error, Path, Args, Env as a set, WorkingDir, User).
 */
export function compareCase(c: MatrixCase, builder: OracleBuilder, expected: Observed, got: Observed): Cell[] {
  const cells: Cell[] = [];
  const push = (cell: string, e: unknown, g: unknown, eq = same): void => {
    cells.push({ case: c.id, builder, cell, agree: eq(e, g), expected: e, got: g });
  };
  push("build", expected.build, got.build);
  if (!expected.build.ok || expected.config === null) return cells;
  const noImage = "(no image: the simulated build failed)";
  for (const k of ["Entrypoint", "Cmd", "Shell"] as const) push(k, expected.config[k], got.config === null ? noImage : got.config[k]);
  c.runs.forEach((run, i) => {
    const e = expected.runs?.[i] ?? null;
    const g = got.runs === null ? noImage : (got.runs[i] ?? null);
    push(`run ${run.kind}: ${describeOverrides(run.overrides)}`, e, g, (a, b) => same(envAsSet(a), envAsSet(b)));
  });
  return cells;
}

/** `builder: N cells compared, M agree (K cases)` plus one line per disagreement. */
export function summarize(builder: OracleBuilder, cells: readonly Cell[]): string {
  const cases = new Set(cells.map((c) => c.case)).size;
  const bad = cells.filter((c) => !c.agree);
  const lines = [`${builder}: ${cells.length} cells compared over ${cases} cases, ${cells.length - bad.length} agree, ${bad.length} disagree`];
  for (const d of bad) lines.push(`  ${d.case} [${d.cell}] expected ${JSON.stringify(d.expected)} got ${JSON.stringify(d.got)}`);
  return lines.join("\n");
}

/** A disagreement as a self-contained report line (Dockerfile included), for assertion messages. */
export function describeDisagreement(c: MatrixCase, d: Cell): string {
  return (
    `${d.builder} ${d.case} [${d.cell}]\n` +
    `  Dockerfile: ${JSON.stringify(c.dockerfile)}\n` +
    `  expected (engine): ${JSON.stringify(d.expected)}\n` +
    `  got (simulator):   ${JSON.stringify(d.got)}`
  );
}
