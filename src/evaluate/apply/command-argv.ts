import { parseHeredocWord } from "../../expand/index.js";
import { chompHeredocContent } from "../../parse/heredoc.js";
import type { CommandLine, RunInstruction } from "../../parse/instruction.js";
import type { EvalContext } from "../context.js";
import type { StageState } from "../stage-state.js";
import { goJoin } from "../../docker/go-path.js";

/** The shell a stage uses for shell form: its SHELL, else the OS default (`/bin/sh -c`, Windows `cmd /S /C`). */
export function shellOf(state: StageState): readonly string[] {
  const s = state.config.Shell.value;
  if (s !== null && s.length > 0) return s;
  return baseOs(state) === "windows" ? ["cmd", "/S", "/C"] : ["/bin/sh", "-c"];
}

function baseOs(state: StageState): string {
  return state.base.kind === "image" ? state.base.image.os : "linux";
}

/**
 * The argv a CMD, ENTRYPOINT or RUN stores, per builder (Docker 28.5):
 *
 * - exec form: the array as written (an empty ENTRYPOINT array becomes null: `emptyAsNil`);
 * - shell form: SHELL ++ [text], the text never expanded by the builder;
 * - bare `CMD` / `ENTRYPOINT` with no arguments: BuildKit `["/bin/sh","-c",""]`; the classic
 *   builder `["/bin/sh","-c"]` for CMD and null for ENTRYPOINT (moby `resolveCmdLine` prepends the
 *   shell only to a non-nil list).
 */
export function commandArgv(ctx: EvalContext, state: StageState, command: CommandLine, bare: boolean, kind: "CMD" | "ENTRYPOINT" | "RUN"): readonly string[] | null {
  if (command.form === "exec") {
    if (kind === "ENTRYPOINT" && command.argv.length === 0) return null;
    return command.argv;
  }
  const shell = shellOf(state);
  if (bare && ctx.rules.bareShellFormIsShellAlone) return kind === "ENTRYPOINT" ? null : [...shell];
  return [...shell, command.text];
}

/** Where BuildKit mounts the script of a shebang heredoc (`RUN <<EOF` whose body starts with `#!`). */
export const HEREDOC_SCRIPT_DIR = "/dev/pipes/";

/**
 * The argv of a RUN, heredocs included (moby/buildkit frontend/dockerfile/dockerfile2llb/convert.go
 * `dispatchRun` at v0.25.2). BuildKit, for a shell-form RUN with heredocs:
 *
 * - the command is one heredoc word alone (`RUN <<EOF`, `RUN <<-"EOF"`): when the body starts with
 *   `#!` (and the base image is not Windows), the body is mounted as an executable file
 *   `/dev/pipes/<delimiter>` and that path is the shell's command; otherwise the body itself is
 *   (its leading tabs stripped for `<<-`);
 * - anything else (`RUN <<EOF cat > /f`, `RUN <<A <<B`, `RUN python3 <<EOF`): the command line,
 *   then for each heredoc a newline, its body as written and its delimiter, for the shell to read.
 *
 * Bodies are never expanded by the builder (the shell does that). The classic builder ignores the
 * bodies and runs the command line alone (`/bin/sh -c <<EOF`).
 */
export function runArgv(ctx: EvalContext, state: StageState, i: RunInstruction): readonly string[] {
  const command = i.command;
  if (command.form === "exec" || i.heredocs.length === 0 || !ctx.rules.runsHeredocBodies) return commandArgv(ctx, state, command, false, "RUN") ?? [];
  const shell = shellOf(state);
  const word = parseHeredocWord(command.text);
  if (!word.ok || word.heredoc === null) {
    return [...shell, command.text + i.heredocs.map((h) => `\n${h.content}${h.name}`).join("")];
  }
  const first = i.heredocs[0]!;
  if (baseOs(state) !== "windows" && first.content.startsWith("#!")) return [...shell, goJoin(HEREDOC_SCRIPT_DIR, first.name)];
  return [...shell, first.chomp ? chompHeredocContent(first.content) : first.content];
}
