/**
 * The recorded real builds (`spec/fixtures/engine-28.5/*.json`) as the site's "Recorded builds" pages show
 * them: each case with its Dockerfile and what each builder of Docker Engine 28.5 did, and where the two
 * builders differed. The "BuildKit vs classic" page lists every such difference, linked to its case.
 *
 * Node only (reads the fixtures).
 *
 * @module
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { anchorOf } from "./warning-codes.js";
import { ROOT } from "./run-examples.js";

/** The fixture files with a page, by page name. */
export const FIXTURE_SETS = {
  matrix: { file: "matrix.json", title: "The ENTRYPOINT × CMD matrix", spec: "spec/matrix/matrix.fixtures.spec.ts" },
  "matrix-docs": { file: "matrix-docs.json", title: "The docs' ENTRYPOINT × CMD table", spec: "spec/docs/matrix-page.spec.ts" },
  "copy-add": { file: "copy-add.json", title: "COPY, ADD and WORKDIR", spec: "spec/fs/copy (the COPY/ADD fixtures spec)" },
  "add-url": { file: "add-url.json", title: "ADD of URLs", spec: "spec/fs/download (the ADD <url> fixtures spec)" },
} as const;
/** A fixture page's name. */
export type FixtureSet = keyof typeof FIXTURE_SETS;

/** What one builder did with one case, as lines of text. */
export interface OutcomeView {
  readonly ok: boolean;
  readonly lines: readonly string[];
}

/** One recorded case. */
export interface CaseView {
  readonly id: string;
  readonly anchor: string;
  readonly title: string;
  readonly dockerfile: string;
  readonly context: readonly string[];
  readonly buildkit: OutcomeView;
  readonly legacy: OutcomeView;
  /** What differed between the builders (empty: they agreed, history text aside). */
  readonly differs: readonly string[];
}

/** A fixture file as a page. */
export interface FixturePage {
  readonly name: FixtureSet;
  readonly title: string;
  readonly file: string;
  readonly spec: string;
  readonly engine: string;
  readonly recordedAt: string;
  readonly note: string;
  readonly cases: readonly CaseView[];
}

type Json = Record<string, unknown>;
const j = (v: unknown) => JSON.stringify(v);

function runLines(runs: readonly Json[] | null, overrides: readonly { kind?: string; name?: string; overrides: Json }[]): string[] {
  if (runs === null) return [];
  return runs.map((r, i) => {
    const o = overrides[i]?.overrides ?? {};
    const flags = [o.entrypoint !== undefined ? `--entrypoint ${j(o.entrypoint)}` : "", ...((o.env as string[] | undefined) ?? []).map((e) => `-e ${e}`), o.workdir !== undefined ? `-w ${String(o.workdir)}` : "", o.user !== undefined ? `-u ${String(o.user)}` : ""].filter((x) => x !== "");
    const line = ["docker run", ...flags, "IMAGE", ...((o.args as string[] | undefined) ?? [])].join(" ");
    return r.ok === true ? `${line} → ${j([r.path, ...(r.args as string[])])}` : `${line} → error: ${String(r.error)}`;
  });
}

function matrixOutcome(o: Json, runs: readonly { kind?: string; name?: string; overrides: Json }[]): OutcomeView {
  const build = o.build as Json;
  if (build.ok !== true) return { ok: false, lines: [`build fails: ${String(build.error)}`] };
  const c = o.config as Json;
  return { ok: true, lines: [`Entrypoint ${j(c.Entrypoint)}  Cmd ${j(c.Cmd)}${c.Shell === null ? "" : `  Shell ${j(c.Shell)}`}`, ...runLines(o.runs as Json[] | null, runs)] };
}

function filesOutcome(r: Json): OutcomeView {
  if (r.ok !== true) return { ok: false, lines: [`build fails: ${String(r.error)}`] };
  const files = (r.files as Json[] | undefined) ?? [];
  const lines = [
    ...((r.history as Json[] | undefined) ?? []).map((h) => `history: ${String(h.created_by)}${h.empty_layer === true ? " (no layer)" : ""}`),
    `layers: ${String(r.layers)}`,
    ...files.slice(0, 40).map((f) => `${String(f.path)}  ${String(f.type)} ${((f.mode as number) ?? 0).toString(8).padStart(4, "0")} ${String(f.uid)}:${String(f.gid)}${f.size !== undefined ? ` ${String(f.size)} B` : ""}${f.target !== undefined ? ` -> ${String(f.target)}` : ""}`),
    ...(files.length > 40 ? [`… ${files.length - 40} more`] : []),
  ];
  return { ok: true, lines };
}

function differences(a: OutcomeView, b: OutcomeView, raw: { buildkit: Json; legacy: Json }, kind: "matrix" | "files"): string[] {
  const out: string[] = [];
  if (a.ok !== b.ok) out.push(a.ok ? "only the classic builder fails" : "only BuildKit fails");
  else if (!a.ok) {
    if (a.lines[0] !== b.lines[0]) out.push("both fail, with different messages");
  } else if (kind === "matrix") {
    const ca = raw.buildkit.config as Json, cb = raw.legacy.config as Json;
    for (const k of ["Entrypoint", "Cmd", "Shell"]) if (j(ca[k]) !== j(cb[k])) out.push(`${k} differs`);
    if (j(raw.buildkit.runs) !== j(raw.legacy.runs)) out.push("docker run starts something else");
  } else {
    if (raw.buildkit.layers !== raw.legacy.layers) out.push("layer count differs");
    if (j(raw.buildkit.files) !== j(raw.legacy.files)) out.push("files differ");
  }
  return out;
}

/** Reads one fixture file as a page. */
export function fixturePage(name: FixtureSet): FixturePage {
  const set = FIXTURE_SETS[name];
  const f = JSON.parse(readFileSync(join(ROOT, "spec/fixtures/engine-28.5", set.file), "utf8")) as Json;
  const cases: CaseView[] = [];
  if (name === "matrix" || name === "matrix-docs") {
    const list = (name === "matrix" ? f.cases : f.cells) as Json[];
    for (const c of list) {
      const id = name === "matrix" ? String(c.id) : `E=${String(c.entrypoint)}/C=${String(c.cmd)}`;
      const runs = c.runs as { kind?: string; name?: string; overrides: Json }[];
      const bk = matrixOutcome(c.buildkit as Json, runs), lg = matrixOutcome(c.legacy as Json, runs);
      cases.push({ id, anchor: anchorOf(id), title: id, dockerfile: String(c.dockerfile), context: [], buildkit: bk, legacy: lg, differs: differences(bk, lg, { buildkit: c.buildkit as Json, legacy: c.legacy as Json }, "matrix") });
    }
  } else {
    for (const c of f.cases as Json[]) {
      const results = c.results as { buildkit: Json; legacy: Json };
      const bk = filesOutcome(results.buildkit), lg = filesOutcome(results.legacy);
      const context = Object.keys((c.context as Json | undefined) ?? {}).filter((p) => p !== "Dockerfile");
      cases.push({ id: String(c.id), anchor: anchorOf(String(c.id)), title: String(c.title ?? c.id), dockerfile: String(c.dockerfile), context, buildkit: bk, legacy: lg, differs: differences(bk, lg, results, "files") });
    }
  }
  return { name, title: set.title, file: `spec/fixtures/engine-28.5/${set.file}`, spec: set.spec, engine: String(f.engine), recordedAt: String(f.recordedAt), note: String(f.note ?? ""), cases };
}

/** Every fixture page. */
export function fixturePages(): FixturePage[] {
  return (Object.keys(FIXTURE_SETS) as FixtureSet[]).map(fixturePage);
}
