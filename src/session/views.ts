import { listFiles } from "../fs/vfs/list-tree.js";
import { toInspectConfig } from "../image/config.js";
import type { VariableInForce } from "../evaluate/variables.js";
import { lintDockerfile } from "../lint/lint-dockerfile.js";
import { lintContextOf } from "../lint/lint-context.js";
import type { Simulation } from "../simulate.js";
import { describeOrigin } from "../provenance/describe-origin.js";
import { explainRun } from "../explain/explain-run.js";
import { renderExplanation, renderFinding, type TextStyle } from "../explain/render-text.js";
import type { VariablesAt } from "./variables-at.js";
import { simulateOptionsOf, type SessionState } from "./state.js";

/** The one-shot explanation with the trap warnings (what `run` prints). */
export function explanationView(s: SessionState, sim: Simulation): string {
  return renderExplanation(explainRun(sim), s.style, lintDockerfile(sim, { simulate: simulateOptionsOf(s) }));
}

/** The trap warnings, then the simulator's own diagnostics (unknown base images, build errors). */
export function warningsView(s: SessionState, sim: Simulation): string {
  const all = [...lintDockerfile(sim, { simulate: simulateOptionsOf(s) }), ...sim.diagnostics];
  if (all.length === 0) return "No warnings.\n";
  return all.map((f) => renderFinding(f, s.style)).join("\n") + "\n";
}

function argNote(v: VariableInForce): string {
  switch (v.argSource) {
    case "build-arg":
      return "from --build-arg; ";
    case "global":
      return "the global ARG's value; ";
    case "automatic":
      return "automatic platform ARG; ";
    default:
      return "";
  }
}

/** `env`: one line per variable, ARG or ENV marked, with where it came from. */
export function variablesView(v: VariablesAt, style: TextStyle): string {
  const where = v.stage === "global" ? "the global scope (before the first FROM)" : `stage ${JSON.stringify(v.stage)}`;
  const when = v.beforeLine === null ? "at its end" : `as line ${v.beforeLine} sees them`;
  const out = [style.heading(`Variables in force in ${where}, ${when}:`)];
  if (v.variables.length === 0) out.push("  (none)");
  const width = Math.min(40, Math.max(0, ...v.variables.map((x) => x.name.length + x.value.length + 1)));
  for (const x of v.variables) out.push(`  ${x.kind === "ARG" ? "ARG" : "ENV"}  ${`${x.name}=${x.value}`.padEnd(width)}  ${style.dim(argNote(x) + describeOrigin(x.origin))}`);
  return out.join("\n") + "\n";
}

/** `config`: the image config as `docker image inspect` shows it. */
export function configView(sim: Simulation): string {
  if (sim.stage === null) return "No stage was built.\n";
  return JSON.stringify({ ...toInspectConfig(sim.stage.config), ArgsEscaped: sim.stage.config.ArgsEscaped }, null, 2) + "\n";
}

/** `history`: the history entries the build adds, with their layers and source lines. */
export function historyView(sim: Simulation, style: TextStyle): string {
  const h = sim.stage?.history ?? [];
  if (h.length === 0) return "No history entries on top of the base image.\n";
  return h.map((e) => {
    const mark = e.empty_layer ? "      " : "layer ";
    const line = e.origin.kind === "instruction" ? ` ${style.dim(`(line ${e.origin.site.line}, stage ${JSON.stringify(e.origin.site.stage)})`)}` : "";
    const maybe = e.layerDependsOnChanges === true ? style.dim(" (layer only if files change)") : "";
    return `  ${mark}${e.created_by}${line}${maybe}`;
  }).join("\n") + "\n";
}

/** `layers`: the image's layer count, base included. */
export function layersView(sim: Simulation): string {
  const stage = sim.stage;
  if (stage === null) return "No stage was built.\n";
  const added = stage.history.filter((e) => !e.empty_layer).length;
  const maybe = stage.history.filter((e) => e.layerDependsOnChanges === true && !e.empty_layer).length;
  const note = maybe === 0 ? "" : `; ${maybe} of them only if their step changes a file (classic builder), so ${stage.layers === null ? "fewer" : `${stage.layers - maybe} to ${stage.layers}`}`;
  if (stage.layers === null) return `${added} layers added${note}; the base image's layer count is unknown (supply it with --image REF=FILE)\n`;
  return `${stage.layers} layers (${stage.layers - added} from the base image, ${added} added${note})\n`;
}

/** `stages`: every stage as written, which ones the build evaluates, and the target. */
export function stagesView(s: SessionState, sim: Simulation): string {
  const ctx = lintContextOf(sim, simulateOptionsOf(s));
  if (ctx.stages.length === 0) return "No stages.\n";
  const target = sim.stage?.index;
  return ctx.stages.map((st) => {
    const mark = st.index === target ? "*" : " ";
    const from = st.from === null ? "(FROM did not parse)" : st.from.original.trim();
    const built = st.result === undefined ? s.style.dim(" (not built: the target does not need it)") : "";
    return `${mark} ${String(st.index).padStart(2)}  ${(st.name ?? "-").padEnd(12)} line ${st.from?.line ?? "?"}: ${from}${built}`;
  }).join("\n") + "\n";
}

/** `ls -l` style permission text of a listed entry (`drwxr-xr-x`, `-rwsr-xr-x`, `lrwxrwxrwx`). */
function modeText(type: "file" | "dir" | "symlink", mode: number): string {
  const bit = (m: number, c: string): string => ((mode & m) !== 0 ? c : "-");
  const x = (m: number, special: number, on: string, off: string): string => ((mode & special) !== 0 ? ((mode & m) !== 0 ? on : off) : bit(m, "x"));
  return (
    (type === "dir" ? "d" : type === "symlink" ? "l" : "-") +
    bit(0o400, "r") + bit(0o200, "w") + x(0o100, 0o4000, "s", "S") +
    bit(0o040, "r") + bit(0o020, "w") + x(0o010, 0o2000, "s", "S") +
    bit(0o004, "r") + bit(0o002, "w") + x(0o001, 0o1000, "t", "T")
  );
}

/** `files PATH`: the entries at and under PATH in the built image, as `docker export` would list them. */
export function filesView(sim: Simulation, path: string, style: TextStyle): string {
  const stage = sim.stage;
  if (stage === null) return "No stage was built.\n";
  const listing = listFiles(stage.files, path);
  const lines = listing.entries.map((e) => {
    if (e.type === "unknown") return `?????????? ${"?".padStart(11)} ${"?".padStart(8)}  ${e.path} ${style.dim(`(${e.reason})`)}`;
    const size = e.type === "file" ? (e.size === null ? "?" : String(e.size)) : "";
    const target = e.type === "symlink" ? ` -> ${e.target}` : e.type === "file" && e.hardlink !== undefined ? ` (hard link to ${e.hardlink})` : "";
    const partial = e.type === "dir" && !e.complete ? style.dim(" (may hold more than shown)") : "";
    const unsure = e.unknown === undefined ? "" : style.dim(` (${e.unknown})`);
    return `${modeText(e.type, e.mode)} ${`${e.uid}:${e.gid}`.padStart(11)} ${size.padStart(8)}  ${e.path}${target}${partial}${unsure}`;
  });
  const head = listing.missing === "missing" ? `${path}: no such file or directory in the image\n` : listing.missing === "maybe" ? `${path}: not known to the simulator (it may exist in the base image)\n` : "";
  const notes = listing.uncertain.map((u) => style.dim(`  note: ${u}`));
  return head + [...lines, ...notes].join("\n") + (lines.length + notes.length > 0 ? "\n" : "");
}
