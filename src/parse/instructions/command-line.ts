import type { CmdInstruction, CommandLine, EntrypointInstruction, RunInstruction, ShellInstruction } from "../instruction.js";
import { NOT_STRING_ARRAY, parseJsonArgs } from "../json-args.js";
import { argsRange, failAt, instructionOf, NONE, type InstructionOutcome, type LineContext } from "../line-context.js";
import { readMountSource } from "../run-mount.js";
import { parseInstructionFlags } from "./parse-flags.js";

/**
 * Reads RUN/CMD/ENTRYPOINT/SHELL arguments as BuildKit's `parseMaybeJSON` does: a JSON array of
 * strings is exec form, a JSON array with other items is a build error, anything else is the
 * whole text as one shell-form string. `null` means no arguments at all.
 */
export function readCommandLine(ctx: LineContext): { ok: true; command: CommandLine | null } | { ok: false; error: string } {
  if (ctx.args === "") return { ok: true, command: null };
  const json = parseJsonArgs(ctx.args);
  switch (json.kind) {
    case "json":
      return { ok: true, command: { form: "exec", argv: json.values } };
    case "not-strings":
      return { ok: false, error: NOT_STRING_ARRAY };
    case "not-json":
      return { ok: true, command: { form: "shell", text: ctx.args, looksLikeJson: json.looksLikeJson } };
  }
}

const EMPTY_SHELL: CommandLine = { form: "shell", text: "", looksLikeJson: false };

/** `RUN` */
export function parseRun(ctx: LineContext & { keyword: "RUN" }): InstructionOutcome<RunInstruction> {
  const cl = readCommandLine(ctx);
  if (!cl.ok) return failAt(ctx, 1, "build/json-not-strings", cl.error, argsRange(ctx));
  const flags = parseInstructionFlags(ctx);
  if (!flags.ok) return flags;
  // BuildKit's parser reads each `--mount`'s `from` (the stage it needs) before anything is expanded:
  // a value that is not one CSV line, or a `$` in `from` before its end, is a parse error of the RUN,
  // for both builders (verified on 28.5: `dockerfile parse error on line 5: 'from' doesn't support
  // variable expansion, define alias stage instead`, spec/fixtures/engine-28.5/run-mount-from.json).
  const mounts = flags.values.get("mount");
  for (const value of mounts?.type === "strings" ? mounts.values : []) {
    const mount = readMountSource(value);
    if (!mount.ok) return failAt(ctx, 2, "build/flag", mount.error);
  }
  return { ok: true, instruction: instructionOf(ctx, { command: cl.command ?? EMPTY_SHELL, heredocs: NONE }) };
}

/** `CMD` */
export function parseCmd(ctx: LineContext & { keyword: "CMD" }): InstructionOutcome<CmdInstruction> {
  const cl = readCommandLine(ctx);
  if (!cl.ok) return failAt(ctx, 1, "build/json-not-strings", cl.error, argsRange(ctx));
  const flags = parseInstructionFlags(ctx);
  if (!flags.ok) return flags;
  return { ok: true, instruction: instructionOf(ctx, { command: cl.command ?? EMPTY_SHELL, empty: cl.command === null }) };
}

/** `ENTRYPOINT` */
export function parseEntrypoint(ctx: LineContext & { keyword: "ENTRYPOINT" }): InstructionOutcome<EntrypointInstruction> {
  const cl = readCommandLine(ctx);
  if (!cl.ok) return failAt(ctx, 1, "build/json-not-strings", cl.error, argsRange(ctx));
  const flags = parseInstructionFlags(ctx);
  if (!flags.ok) return flags;
  return { ok: true, instruction: instructionOf(ctx, { command: cl.command ?? EMPTY_SHELL, empty: cl.command === null }) };
}

/** `SHELL ["exe", …]`: must be JSON (`SHELL requires the arguments to be in JSON form`). */
export function parseShell(ctx: LineContext & { keyword: "SHELL" }): InstructionOutcome<ShellInstruction> {
  const cl = readCommandLine(ctx);
  if (!cl.ok) return failAt(ctx, 1, "build/json-not-strings", cl.error, argsRange(ctx));
  const flags = parseInstructionFlags(ctx);
  if (!flags.ok) return flags;
  const c = cl.command;
  if (c === null || (c.form === "exec" && c.argv.length === 0)) return failAt(ctx, 2, "build/arguments", "SHELL requires at least one argument");
  if (c.form === "shell") return failAt(ctx, 2, "build/arguments", "SHELL requires the arguments to be in JSON form", argsRange(ctx));
  return { ok: true, instruction: instructionOf(ctx, { shell: c.argv }) };
}
