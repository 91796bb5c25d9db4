import { assertNever } from "../core/assert-never.js";
import { fail, ok, type Outcome } from "../core/result.js";
import { suggestClosest } from "../core/suggest.js";
import type { TracedConfig, TracedEntry } from "../image/config.js";
import { exposedPortEntries } from "../image/exposed-ports.js";
import { viaStages, type Origin, type Traced } from "../image/origin.js";
import type { Simulation } from "../simulate.js";
import { commandFormOf } from "../provenance/command-form.js";
import { describeTraced, earlierValues, showValue } from "../provenance/describe-traced.js";
import { matrixCellOf } from "./matrix-cell.js";

/** The image config fields `why` answers for, in `docker image inspect` spelling. */
export type FieldName =
  | "Entrypoint" | "Cmd" | "Env" | "WorkingDir" | "User" | "ExposedPorts" | "Volumes" | "Labels"
  | "StopSignal" | "Healthcheck" | "Shell" | "OnBuild" | "Author" | "ArgsEscaped";

/** Every {@link FieldName}, in inspect order. */
export const FIELD_NAMES: readonly FieldName[] = [
  "Entrypoint", "Cmd", "Env", "WorkingDir", "User", "ExposedPorts", "Volumes", "Labels",
  "StopSignal", "Healthcheck", "Shell", "OnBuild", "Author", "ArgsEscaped",
];

const ALIASES: Readonly<Record<string, FieldName>> = {
  ...Object.fromEntries(FIELD_NAMES.map((f) => [f.toLowerCase(), f])),
  command: "Cmd", environment: "Env", workdir: "WorkingDir", expose: "ExposedPorts", ports: "ExposedPorts",
  port: "ExposedPorts", volume: "Volumes", label: "Labels", maintainer: "Author",
};

/** One value a field answer is about (the field itself, or one entry of a collection). */
export interface FieldProvenance {
  readonly key: string | null;
  /** The value, shown for people (JSON, or `(unset)`). */
  readonly value: string;
  readonly origin: Origin;
  /** The stages it was inherited through, nearest first. */
  readonly via: readonly string[];
  /** One sentence: where it came from. */
  readonly why: string;
  /** The values it replaced, newest first. */
  readonly earlier: readonly { readonly value: string; readonly why: string }[];
}

/** The answer to "why FIELD". */
export interface FieldAnswer {
  readonly field: FieldName;
  /** The collection key asked about (`Env.PATH` → `PATH`), or null. */
  readonly key: string | null;
  readonly entries: readonly FieldProvenance[];
  /** What `docker run` changes about it, when it does. */
  readonly run: string | null;
  /** Extra facts: the form a command was written in, the ENTRYPOINT × CMD cell. */
  readonly notes: readonly string[];
}

type Collection = "Env" | "ExposedPorts" | "Volumes" | "Labels" | "OnBuild";
const isCollection = (f: FieldName): f is Collection => f === "Env" || f === "ExposedPorts" || f === "Volumes" || f === "Labels" || f === "OnBuild";

/** Reads `Env.PATH`, `env PATH`, `workdir`, or a bare Env key such as `PATH`. */
export function parseFieldQuery(query: string, config: TracedConfig): Outcome<{ field: FieldName; key: string | null }> {
  const q = query.trim();
  const direct = ALIASES[q.toLowerCase()];
  if (direct !== undefined) return ok({ field: direct, key: null });
  const m = /^([A-Za-z]+)[.\s]+(.+)$/.exec(q);
  const head = m === null ? undefined : ALIASES[m[1]!.toLowerCase()];
  if (m !== null && head !== undefined) return ok({ field: head, key: m[2]!.trim() });
  if (config.Env.some((e) => e.key === q)) return ok({ field: "Env", key: q });
  if (config.Labels.some((e) => e.key === q)) return ok({ field: "Labels", key: q });
  const options = [...FIELD_NAMES, ...config.Env.map((e) => e.key)];
  const close = suggestClosest(q, options, false)?.toLowerCase();
  const guess = options.find((o) => o.toLowerCase() === close);
  return fail(`no field ${JSON.stringify(q)}${guess === undefined ? "" : ` (did you mean ${guess}?)`}; fields: ${FIELD_NAMES.join(", ")}, or Env.KEY, Labels.KEY, ExposedPorts.PORT, Volumes.PATH`);
}

function fromTraced<T>(field: string, t: Traced<T>, show: (v: T) => string = showValue): FieldProvenance {
  return { key: null, value: show(t.value), origin: t.origin, via: viaStages(t.via), why: describeTraced(field, t), earlier: earlierValues(t, field) };
}

function fromEntry(field: string, e: TracedEntry): FieldProvenance {
  const name = `${field}.${e.key}`;
  return { key: e.key, value: JSON.stringify(e.value), origin: e.origin, via: viaStages(e.via), why: describeTraced(name, e), earlier: earlierValues(e, name) };
}

function matchKey(field: Collection, entry: TracedEntry, key: string): boolean {
  if (entry.key === key) return true;
  return field === "ExposedPorts" && !key.includes("/") && entry.key === `${key}/tcp`;
}

function runNote(sim: Simulation, field: FieldName, key: string | null): string | null {
  const run = sim.run;
  const c = sim.stage?.config;
  if (run === null || c === undefined || !run.ok) return null;
  switch (field) {
    case "Cmd": {
      const args = run.argv.filter((w) => w.from === "cmd" && w.origin.kind === "run").map((w) => w.value);
      if (args.length > 0) return `docker run arguments replace it: ${JSON.stringify(args)}`;
      if (run.argv.some((w) => w.origin.kind === "run" && w.from === "entrypoint") && (c.Cmd.value?.length ?? 0) > 0) return "docker run --entrypoint drops it";
      return null;
    }
    case "Entrypoint": {
      const ep = run.argv.find((w) => w.from === "entrypoint" && w.origin.kind === "run");
      if (ep !== undefined) return `docker run --entrypoint replaces it with ${JSON.stringify(ep.value)}`;
      if ((c.Entrypoint.value?.length ?? 0) > 0 && !run.argv.some((w) => w.from === "entrypoint")) return 'docker run --entrypoint "" clears it';
      return null;
    }
    case "Env": {
      const image = new Set(c.Env.map((e) => `${e.key}=${e.value}`));
      const changed = run.env.filter((kv) => !image.has(kv) && (key === null || kv === key || kv.startsWith(`${key}=`)));
      if (changed.length === 0) return null;
      return changed.map((kv) => (kv.includes("=") ? `docker run -e ${kv} sets it` : `docker run -e ${kv} (unset in the client) removes it`)).join("; ");
    }
    case "WorkingDir":
      return run.workdir !== c.WorkingDir.value ? `docker run -w makes it ${JSON.stringify(run.workdir)}` : null;
    case "User":
      return run.user !== c.User.value ? `docker run -u makes it ${JSON.stringify(run.user)}` : null;
    default:
      return null;
  }
}

function commandNotes(sim: Simulation, field: "Entrypoint" | "Cmd", t: Traced<readonly string[] | null>): string[] {
  const notes: string[] = [];
  const f = commandFormOf(sim.evaluation, t);
  if (f.form === "shell") notes.push(`written in shell form: the shell in force runs ${JSON.stringify(f.text)}`);
  else if (f.form === "exec") notes.push("written in exec form: used word for word");
  else if (f.form === "stored") notes.push(f.shellLike ? "stored by the base image as a shell command" : "stored by the base image as a list, used word for word");
  const cell = matrixCellOf(sim);
  if (cell !== null) notes.push(`${cell.summary}: ${cell.effect}`);
  void field;
  return notes;
}

/**
 * Answers "why is FIELD what it is?" for the built stage: each value with the instruction (stage,
 * line, text), base image, builder default, reset or `docker run` option it came from, and the
 * values it replaced. FIELD is an inspect name (`Cmd`, `WorkingDir`), an alias (`workdir`), a
 * collection entry (`Env.PATH`, `Labels.version`, `ExposedPorts.80/tcp`) or a bare Env key.
 *
 * @example
 * ```ts
 * const sim = simulate("FROM nginx\nENTRYPOINT [\"/docker-entrypoint.sh\"]\n", { resolver });
 * const why = explainField(sim, "Cmd");
 * if (why.ok) why.value.entries[0]?.why;
 * // 'Cmd ["nginx","-g","daemon off;"] from the base image docker.io/library/nginx:latest was cleared by ENTRYPOINT on line 2 (stage "0"), because …'
 * ```
 */
export function explainField(sim: Simulation, query: string): Outcome<FieldAnswer> {
  const c = sim.stage?.config;
  if (c === undefined) return fail("no stage was built, so there is no image config");
  const parsed = parseFieldQuery(query, c);
  if (!parsed.ok) return parsed;
  const { field, key } = parsed.value;
  const answer = (entries: FieldProvenance[], notes: string[] = []): Outcome<FieldAnswer> => ok({ field, key, entries, run: runNote(sim, field, key), notes });
  if (isCollection(field)) {
    const all = field === "ExposedPorts" ? exposedPortEntries(c.ExposedPorts) : c[field];
    if (key === null) return answer(all.map((e) => fromEntry(field, e)), all.length === 0 ? [`no ${field} are set`] : []);
    const hit = all.filter((e) => matchKey(field, e, key));
    if (hit.length === 0) {
      const guess = suggestClosest(key, all.map((e) => e.key), true);
      const runOnly = runNote(sim, field, key);
      if (runOnly !== null) return answer([], [`the image does not set ${field}.${key}`]);
      return fail(`${field} has no ${JSON.stringify(key)}${guess === undefined ? "" : ` (did you mean ${guess}?)`}`);
    }
    return answer(hit.map((e) => fromEntry(field, e)));
  }
  if (key !== null) return fail(`${field} is not a collection: ask "why ${field}"`);
  switch (field) {
    case "Entrypoint":
    case "Cmd":
      return answer([fromTraced(field, c[field])], commandNotes(sim, field, c[field]));
    case "WorkingDir":
    case "User":
    case "StopSignal":
    case "Author":
      return answer([fromTraced(field, c[field])]);
    case "Healthcheck":
      return answer([fromTraced(field, c.Healthcheck)]);
    case "Shell":
      return answer([fromTraced(field, c.Shell, (v) => (v === null ? '(unset: shell form uses ["/bin/sh","-c"])' : JSON.stringify(v)))]);
    case "ArgsEscaped":
      return answer([], [
        `ArgsEscaped is ${c.ArgsEscaped}; it is not traced. BuildKit sets it on every CMD and ENTRYPOINT keeps what was inherited; the classic builder clears it on CMD and ENTRYPOINT. It only changes how Windows joins the command line.`,
      ]);
    default:
      return assertNever(field, "field");
  }
}
