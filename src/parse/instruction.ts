import type { Range } from "../core/range.js";
import type { Heredoc } from "./heredoc.js";
import type { Keyword } from "./keywords.js";

/** A piece of source text and where it is. `value` is as written (before variable expansion). */
export interface Token {
  readonly value: string;
  readonly range: Range;
}

/** A builder flag (`--name=value`) as written after the keyword. */
export interface Flag {
  /** The name without the leading `--`. */
  readonly name: string;
  /** The value after `=` with quotes removed, or `null` when there was no `=`. */
  readonly value: string | null;
  readonly range: Range;
}

/**
 * A command line in one of Docker's two forms.
 *
 * - `exec`: the arguments were a JSON array of strings; `argv` is used verbatim, never expanded.
 * - `shell`: anything else; `words` are the whitespace-separated words the parser kept
 *   (Docker joins them with one space and prepends the SHELL in force). `words` is empty for a
 *   bare `CMD` with no arguments.
 */
export type CommandLine =
  | { readonly form: "exec"; readonly argv: readonly string[] }
  | { readonly form: "shell"; readonly text: string; readonly looksLikeJson: boolean };

/** A `key=value` pair of ENV or LABEL, or the legacy `ENV key value` form. */
export interface KeyValue {
  readonly key: Token;
  readonly value: Token;
  /** The legacy form without `=`. */
  readonly legacy: boolean;
}

/** One name of an ARG instruction, with its default when it has one. */
export interface ArgDefinition {
  readonly name: Token;
  readonly defaultValue: Token | null;
}

/** HEALTHCHECK options as written (durations are validated at parse time). */
export interface HealthcheckOptions {
  /** Nanoseconds, 0 when not given. */
  readonly interval: number;
  readonly timeout: number;
  readonly startPeriod: number;
  readonly startInterval: number;
  /** 0 when not given. */
  readonly retries: number;
}

interface Common<K extends Keyword> {
  readonly keyword: K;
  /** The keyword as written (`from`, `Cmd`, …). */
  readonly keywordText: string;
  /** The whole instruction, all physical lines included. */
  readonly range: Range;
  readonly keywordRange: Range;
  /** Docker's 1-based start line, as used in its messages. */
  readonly line: number;
  /** The logical line Docker parsed (continuations joined), as Docker's `Original`. */
  readonly original: string;
  /** The argument text after the flags, trimmed. */
  readonly argsText: string;
  readonly argsRange: Range;
  readonly flags: readonly Flag[];
  /** Set on an instruction that ran as an ONBUILD trigger of this base image or stage. */
  readonly triggeredBy?: string;
}

/** `FROM [--platform=…] image [AS name]` */
export interface FromInstruction extends Common<"FROM"> {
  readonly image: Token;
  /** The stage name, lower-cased, when `AS name` is given. */
  readonly stageName: Token | null;
  readonly platform: string | null;
}
/** `RUN …` */
export interface RunInstruction extends Common<"RUN"> {
  readonly command: CommandLine;
  /** The heredocs of a shell-form RUN (`RUN <<EOF`), in order; empty when it has none. */
  readonly heredocs: readonly Heredoc[];
}
/** `CMD …` */
export interface CmdInstruction extends Common<"CMD"> {
  readonly command: CommandLine;
  /** True for a bare `CMD` with no arguments at all. */
  readonly empty: boolean;
}
/** `ENTRYPOINT …` */
export interface EntrypointInstruction extends Common<"ENTRYPOINT"> {
  readonly command: CommandLine;
  readonly empty: boolean;
}
/** `SHELL ["exe", "arg"]` */
export interface ShellInstruction extends Common<"SHELL"> {
  readonly shell: readonly string[];
}
/** `ENV k=v …` or `ENV k v` */
export interface EnvInstruction extends Common<"ENV"> {
  readonly pairs: readonly KeyValue[];
}
/** `LABEL k=v …` */
export interface LabelInstruction extends Common<"LABEL"> {
  readonly pairs: readonly KeyValue[];
}
/** `ARG name[=default] …` */
export interface ArgInstruction extends Common<"ARG"> {
  readonly args: readonly ArgDefinition[];
}
/** `COPY [--from=…] [--chown=…] [--chmod=…] src… dest` */
export interface CopyInstruction extends Common<"COPY"> {
  readonly sources: readonly Token[];
  readonly destination: Token;
  readonly json: boolean;
  readonly from: string | null;
  readonly chown: string | null;
  readonly chmod: string | null;
  readonly link: boolean;
  readonly parents: boolean;
  readonly exclude: readonly string[];
  /** The heredocs of the instruction (`COPY <<EOF /f`), in the order of their words; empty when it has none. */
  readonly heredocs: readonly Heredoc[];
}
/** `ADD [--chown=…] [--chmod=…] src… dest` */
export interface AddInstruction extends Common<"ADD"> {
  readonly sources: readonly Token[];
  readonly destination: Token;
  readonly json: boolean;
  readonly chown: string | null;
  readonly chmod: string | null;
  readonly link: boolean;
  readonly checksum: string | null;
  readonly keepGitDir: boolean | null;
  readonly unpack: boolean | null;
  readonly exclude: readonly string[];
  /** The heredocs of the instruction (`COPY <<EOF /f`), in the order of their words; empty when it has none. */
  readonly heredocs: readonly Heredoc[];
}
/** `WORKDIR path` */
export interface WorkdirInstruction extends Common<"WORKDIR"> {
  readonly path: Token;
}
/** `USER user[:group]` */
export interface UserInstruction extends Common<"USER"> {
  readonly user: Token;
}
/** `EXPOSE port[/proto] …` */
export interface ExposeInstruction extends Common<"EXPOSE"> {
  /** In Docker's order: the parser sorts the raw words. */
  readonly ports: readonly Token[];
}
/** `VOLUME path …` or `VOLUME ["path", …]` */
export interface VolumeInstruction extends Common<"VOLUME"> {
  readonly paths: readonly Token[];
  readonly json: boolean;
}
/** `STOPSIGNAL signal` */
export interface StopsignalInstruction extends Common<"STOPSIGNAL"> {
  readonly signal: Token;
}
/** `HEALTHCHECK [opts] CMD …` or `HEALTHCHECK NONE` */
export interface HealthcheckInstruction extends Common<"HEALTHCHECK"> {
  /** The `Test` field: `["NONE"]`, `["CMD", …]` or `["CMD-SHELL", "…"]`. */
  readonly test: readonly string[];
  readonly options: HealthcheckOptions;
}
/** `MAINTAINER text` */
export interface MaintainerInstruction extends Common<"MAINTAINER"> {
  readonly maintainer: string;
}
/** `ONBUILD instruction` */
export interface OnbuildInstruction extends Common<"ONBUILD"> {
  /** The trigger text as stored in the image config (`OnBuild`). */
  readonly expression: string;
  /** The trigger's keyword, or `null` when it is not one Docker knows (that fails only when triggered). */
  readonly innerKeyword: Keyword | null;
}

/**
 * A parsed Dockerfile instruction: a discriminated union on `keyword`.
 *
 * @example
 * ```ts
 * function describe(i: Instruction): string {
 *   switch (i.keyword) {
 *     case "CMD": return i.command.form;
 *     // … every other keyword, checked exhaustively by the compiler
 *     default: return i.keyword;
 *   }
 * }
 * ```
 */
export type Instruction =
  | FromInstruction
  | RunInstruction
  | CmdInstruction
  | EntrypointInstruction
  | ShellInstruction
  | EnvInstruction
  | LabelInstruction
  | ArgInstruction
  | CopyInstruction
  | AddInstruction
  | WorkdirInstruction
  | UserInstruction
  | ExposeInstruction
  | VolumeInstruction
  | StopsignalInstruction
  | HealthcheckInstruction
  | MaintainerInstruction
  | OnbuildInstruction;

/** The instruction of a given keyword. */
export type InstructionOf<K extends Keyword> = Extract<Instruction, { keyword: K }>;
