import { assertNever } from "../core/assert-never.js";
import type { Traced } from "../image/origin.js";
import type { Simulation } from "../simulate.js";
import { commandFormOf } from "../provenance/command-form.js";

/** How ENTRYPOINT took part in the final command. */
export type EntrypointSide = "none" | "exec" | "shell" | "override" | "cleared";
/** How CMD took part in the final command. */
export type CmdSide = "none" | "exec" | "shell" | "run-arguments" | "dropped";

/**
 * The cell of Docker's ENTRYPOINT × CMD table that applied, `docker run` overrides included.
 * `summary` names the cell ("shell-form ENTRYPOINT + exec-form CMD"); `effect` says what it does.
 */
export interface MatrixCell {
  readonly entrypoint: EntrypointSide;
  readonly cmd: CmdSide;
  readonly summary: string;
  readonly effect: string;
}

type Form = "none" | "exec" | "shell";

function effectiveForm(sim: Simulation, t: Traced<readonly string[] | null>): Form {
  const f = commandFormOf(sim.evaluation, t);
  switch (f.form) {
    case "none":
    case "exec":
    case "shell":
      return f.form;
    case "stored":
      return f.shellLike ? "shell" : "exec";
    default:
      return assertNever(f, "command form");
  }
}

function sides(sim: Simulation, ep: Form, cmd: Form): { entrypoint: EntrypointSide; cmd: CmdSide } {
  const run = sim.run;
  if (run === null) return { entrypoint: ep, cmd };
  if (!run.ok) {
    // Only a cleared ENTRYPOINT (--entrypoint "") leaves nothing to run when the image has one.
    return { entrypoint: ep === "none" ? "none" : "cleared", cmd: cmd === "none" ? "none" : "dropped" };
  }
  const overridden = run.argv.some((w) => w.from === "entrypoint" && w.origin.kind === "run");
  const runArgs = run.argv.some((w) => w.from === "cmd" && w.origin.kind === "run");
  const epWords = run.argv.some((w) => w.from === "entrypoint");
  const entrypoint: EntrypointSide = overridden ? "override" : ep !== "none" && !epWords ? "cleared" : ep;
  const replaced = entrypoint === "override" || entrypoint === "cleared";
  const cmdSide: CmdSide = runArgs ? "run-arguments" : replaced && cmd !== "none" ? "dropped" : cmd;
  return { entrypoint, cmd: cmdSide };
}

const EP_NAME: Record<EntrypointSide, string> = {
  none: "no ENTRYPOINT",
  exec: "exec-form ENTRYPOINT",
  shell: "shell-form ENTRYPOINT",
  override: "docker run --entrypoint",
  cleared: 'docker run --entrypoint ""',
};
const CMD_NAME: Record<CmdSide, string> = {
  none: "no CMD",
  exec: "exec-form CMD",
  shell: "shell-form CMD",
  "run-arguments": "docker run arguments",
  dropped: "image CMD dropped",
};

function effectOf(entrypoint: EntrypointSide, cmd: CmdSide, shell: string): string {
  switch (entrypoint) {
    case "none":
    case "cleared": {
      const pre = entrypoint === "cleared" ? "ENTRYPOINT is cleared; " : "";
      switch (cmd) {
        case "none":
        case "dropped":
          return `${pre}nothing is left to run: docker run refuses with "no command specified"`;
        case "exec":
          return `${pre}CMD runs as written`;
        case "shell":
          return `${pre}the shell runs CMD's text (${shell} '…')`;
        case "run-arguments":
          return `${pre}the docker run arguments are the whole command`;
        default:
          return assertNever(cmd, "cmd side");
      }
    }
    case "exec":
      switch (cmd) {
        case "none":
          return "ENTRYPOINT runs as written";
        case "exec":
          return "CMD words are appended to ENTRYPOINT as its arguments";
        case "shell":
          return `ENTRYPOINT gets CMD's ${shell} '…' as its arguments`;
        case "run-arguments":
          return "the arguments replace CMD and are appended to ENTRYPOINT";
        case "dropped":
          return "ENTRYPOINT runs alone";
        default:
          return assertNever(cmd, "cmd side");
      }
    case "shell":
      switch (cmd) {
        case "none":
        case "dropped":
          return "the shell runs ENTRYPOINT's text";
        case "exec":
        case "shell":
          return `CMD words become $0 $1 … of ${shell}, which the command never sees`;
        case "run-arguments":
          return `the arguments become $0 $1 … of ${shell}, which the command never sees`;
        default:
          return assertNever(cmd, "cmd side");
      }
    case "override":
      switch (cmd) {
        case "none":
          return "--entrypoint runs alone";
        case "dropped":
          return "--entrypoint replaces ENTRYPOINT and drops the image's CMD";
        case "run-arguments":
        case "exec":
        case "shell":
          return "--entrypoint replaces ENTRYPOINT; the arguments are appended to it";
        default:
          return assertNever(cmd, "cmd side");
      }
    default:
      return assertNever(entrypoint, "entrypoint side");
  }
}

/**
 * Says which cell of the ENTRYPOINT × CMD table decided the command of a simulation.
 *
 * @example
 * ```ts
 * const cell = matrixCellOf(simulate('FROM scratch\nENTRYPOINT python app.py\nCMD ["--port", "80"]\n'));
 * `${cell?.summary}: ${cell?.effect}`;
 * // "shell-form ENTRYPOINT + exec-form CMD: CMD words become $0 $1 … of /bin/sh -c, which the command never sees"
 * ```
 */
export function matrixCellOf(sim: Simulation): MatrixCell | null {
  const c = sim.stage?.config;
  if (c === undefined) return null;
  const ep = effectiveForm(sim, c.Entrypoint);
  const cmd = effectiveForm(sim, c.Cmd);
  const s = sides(sim, ep, cmd);
  const shellList = s.entrypoint === "shell" ? c.Entrypoint.value : c.Cmd.value;
  const shell = shellList !== null && shellList.length >= 2 ? `${shellList[0]} ${shellList[1]}` : "/bin/sh -c";
  return { ...s, summary: `${EP_NAME[s.entrypoint]} + ${CMD_NAME[s.cmd]}`, effect: effectOf(s.entrypoint, s.cmd, shell) };
}
