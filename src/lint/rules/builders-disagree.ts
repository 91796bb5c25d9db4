import type { Builder } from "../../core/builder.js";
import type { Range } from "../../core/range.js";
import type { TracedConfig, TracedEntry } from "../../image/config.js";
import { exposedPortEntries } from "../../image/exposed-ports.js";
import type { Origin } from "../../image/origin.js";
import type { Simulation } from "../../simulate.js";
import type { LintFinding } from "../finding.js";
import type { LintRule } from "../rule.js";
import { findingOf } from "../rule.js";

const NAME: Record<Builder, string> = { buildkit: "BuildKit", legacy: "the classic builder" };

const rangeOf = (o: Origin): Range | null => (o.kind === "instruction" || o.kind === "reset" ? o.site.range : null);
const show = (v: unknown) => (v === null || v === "" ? "(unset)" : JSON.stringify(v));

type Scalar = "Entrypoint" | "Cmd" | "User" | "StopSignal" | "Healthcheck" | "Shell" | "WorkingDir";
const SCALARS: readonly Scalar[] = ["Entrypoint", "Cmd", "WorkingDir", "User", "StopSignal", "Healthcheck", "Shell"];
type Keyed = "Env" | "Labels" | "ExposedPorts" | "Volumes";
const KEYED: readonly Keyed[] = ["Env", "Labels", "ExposedPorts", "Volumes"];

/** An empty WorkingDir runs in `/` anyway: BuildKit's `/` for scratch and the classic builder's "" mean the same. */
function sameScalar(field: Scalar, a: unknown, b: unknown): boolean {
  if (field === "WorkingDir" && (a === "" || a === "/") && (b === "" || b === "/")) return true;
  return JSON.stringify(a) === JSON.stringify(b);
}

function keyedDifferences(field: Keyed, mine: readonly TracedEntry[], theirs: readonly TracedEntry[]): { key: string; a: string | null; b: string | null; range: Range | null }[] {
  const out: { key: string; a: string | null; b: string | null; range: Range | null }[] = [];
  const other = new Map(theirs.map((e) => [e.key, e] as const));
  for (const e of mine) {
    const o = other.get(e.key);
    if (o === undefined || o.value !== e.value) out.push({ key: e.key, a: e.value, b: o?.value ?? null, range: rangeOf(e.origin) });
  }
  const own = new Set(mine.map((e) => e.key));
  for (const o of theirs) if (!own.has(o.key)) out.push({ key: o.key, a: null, b: o.value, range: rangeOf(o.origin) });
  void field;
  return out;
}

function configDifferences(mine: TracedConfig, theirs: TracedConfig, me: string, them: string): { message: string; range: Range | null }[] {
  const out: { message: string; range: Range | null }[] = [];
  for (const f of SCALARS) {
    const a = mine[f];
    const b = theirs[f];
    if (!sameScalar(f, a.value, b.value)) out.push({ message: `${f}: ${me} gives ${show(a.value)}, ${them} gives ${show(b.value)}`, range: rangeOf(a.origin) ?? rangeOf(b.origin) });
  }
  for (const f of KEYED) {
    const [a, b] = f === "ExposedPorts" ? [exposedPortEntries(mine.ExposedPorts), exposedPortEntries(theirs.ExposedPorts)] : [mine[f], theirs[f]];
    for (const d of keyedDifferences(f, a, b)) out.push({ message: `${f}.${d.key}: ${me} gives ${show(d.a)}, ${them} gives ${show(d.b)}`, range: d.range });
  }
  return out;
}

function runText(sim: Simulation): string {
  if (sim.run === null) return "(nothing)";
  return sim.run.ok ? JSON.stringify([sim.run.path, ...sim.run.args]) : `an error (${sim.run.error})`;
}

/** The `COPY --from` instructions whose image the simulation did not know (an `image/unknown` notice on the instruction). */
function unknownCopyImages(sim: Simulation): { from: string; line: number }[] {
  const at = new Set(sim.diagnostics.filter((d) => d.code === "image/unknown" && d.range !== null).map((d) => `${d.range!.start.line}:${d.range!.start.character}`));
  const out: { from: string; line: number }[] = [];
  for (const e of sim.evaluation.parsed.entries) {
    if (!e.ok || e.instruction.keyword !== "COPY" || e.instruction.from === null) continue;
    const r = e.instruction.range;
    if (at.has(`${r.start.line}:${r.start.character}`)) out.push({ from: e.instruction.from, line: e.instruction.line });
  }
  return out;
}

/**
 * Simulates the same build with the other builder (BuildKit or the classic builder) and reports
 * where they disagree: one fails and the other builds, the image config differs (ArgsEscaped,
 * history and layer count aside, which always differ), or `docker run` would start another
 * process.
 */
export const buildersDisagree: LintRule = {
  code: "lint/builders-disagree",
  severity: "warning",
  title: "BuildKit and the classic builder disagree on this Dockerfile",
  check(ctx) {
    const mine = ctx.sim;
    const theirs = ctx.otherBuilder();
    const me = NAME[mine.evaluation.builder];
    const them = NAME[theirs.evaluation.builder];
    const found = (message: string, range: Range | null): LintFinding => findingOf(buildersDisagree, `Builders disagree: ${message}`, range);
    if ((mine.error === null) !== (theirs.error === null)) {
      const failing = mine.error ?? theirs.error!;
      const who = mine.error === null ? them : me;
      const other = mine.error === null ? me : them;
      const building = mine.error === null ? mine : theirs;
      const images = unknownCopyImages(building);
      const outcome = images.length === 0
        ? `${other} builds it`
        : `${other} builds it only if it can use or pull the image${images.length === 1 ? "" : "s"} ${images.map((c) => `--from=${c.from} on line ${c.line}`).join(", ")} names (unknown to the simulator; offline, the pull fails)`;
      return [found(`${who} fails this build (${failing.message}), ${outcome}`, failing.range)];
    }
    if (mine.error !== null || mine.stage === null || theirs.stage === null) return [];
    const out = configDifferences(mine.stage.config, theirs.stage.config, me, them).map((d) => found(d.message, d.range));
    if (runText(mine) !== runText(theirs)) out.push(found(`docker run starts ${runText(mine)} with ${me}, ${runText(theirs)} with ${them}`, null));
    return out;
  },
};
