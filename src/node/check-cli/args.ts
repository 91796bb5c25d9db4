/**
 * `dockerfile-check`'s command line: the usage text and the parser of its options and paths (hadolint's
 * and Docker's spellings where they exist: `--failure-threshold`, `--style`).
 *
 * @module
 */
import type { Builder } from "../../core/builder.js";
import { FORMATS, type Format } from "./batch.js";

/** The usage text (printed by `--help` and after a usage error). */
export const USAGE = `usage: dockerfile-check [--format ${FORMATS.join("|")}] [--fail-on error|warning|info|none]
                        [--image REF=PATH]... [--context DIR] [--builder buildkit|legacy] [--jobs N]
                        [--config FILE] [--ignore RULE]... [--error|--warning|--info RULE]...
                        [--build-arg K=V]... [--max-bytes N] [--timeout MS] [--files-from FILE] [--list-rules] PATH...
PATH: a Dockerfile, a directory (searched for Dockerfile, *.Dockerfile, Dockerfile.*, Containerfile; .gitignore-aware), or - for standard input.
Exit status: 0 no finding at or above --fail-on (default error), 1 some, 2 usage error or unreadable file.
`;

/** The version `--version` prints and SARIF's tool driver carries. */
export const VERSION = "0.1.0";

/** The parsed command line (defaults filled in). */
export interface CheckArgs {
  format: Format;
  /** `--fail-on` as given (checked with the config file's), or null. */
  failOn: string | null;
  images: string[];
  context: string | null;
  builder: Builder;
  /** `--jobs`, or null for one per core. */
  jobs: number | null;
  config: string | null;
  ignore: string[];
  severity: [string, "error" | "warning" | "info"][];
  buildArgs: Record<string, string>;
  maxBytes: number;
  timeoutMs: number;
  listRules: boolean;
  filesFrom: string | null;
  paths: string[];
}

/**
 * Parses `argv` (without the node and script paths): the arguments, a usage error, or the text to print and
 * exit with for `--help` and `--version`. Options take their value as the next argument or after `=`.
 *
 * @example
 * ```ts
 * const r = parseCheckArgs(["--format", "sarif", "--jobs=2", "."]);
 * if (r.ok === true) r.value.jobs; // 2
 * ```
 */
export function parseCheckArgs(argv: readonly string[]): { ok: true; value: CheckArgs } | { ok: false; error: string } | { ok: "exit"; text: string } {
  const p: CheckArgs = { format: "tty", failOn: null, images: [], context: null, builder: "buildkit", jobs: null, config: null, ignore: [], severity: [], buildArgs: {}, maxBytes: 1024 * 1024, timeoutMs: 30_000, listRules: false, filesFrom: null, paths: [] };
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k]!;
    const eq = a.startsWith("--") ? a.indexOf("=") : -1;
    const name = eq > 0 ? a.slice(0, eq) : a;
    const value = (): string | null => (eq > 0 ? a.slice(eq + 1) : k + 1 < argv.length ? argv[++k]! : null);
    const need = (): string => {
      const v = value();
      if (v === null) throw new Error(`${name} needs a value`);
      return v;
    };
    const positive = (v: string): number => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${name} takes a positive integer, not ${JSON.stringify(v)}`);
      return n;
    };
    try {
      switch (name) {
        case "-h":
        case "--help":
          return { ok: "exit", text: USAGE };
        case "-V":
        case "--version":
          return { ok: "exit", text: `dockerfile-check ${VERSION} (Docker 28.5 checks)\n` };
        case "--format":
        case "-f": {
          const v = need();
          if (!(FORMATS as readonly string[]).includes(v)) throw new Error(`unknown format ${JSON.stringify(v)} (${FORMATS.join(", ")})`);
          p.format = v as Format;
          break;
        }
        case "--fail-on":
        case "--failure-threshold":
          p.failOn = need();
          break;
        case "--image":
          p.images.push(need());
          break;
        case "--context":
          p.context = need();
          break;
        case "--builder": {
          const v = need();
          if (v !== "buildkit" && v !== "legacy") throw new Error(`--builder is buildkit or legacy, not ${JSON.stringify(v)}`);
          p.builder = v;
          break;
        }
        case "--jobs":
        case "-j":
          p.jobs = positive(need());
          break;
        case "--config":
        case "-c":
          p.config = need();
          break;
        case "--ignore":
          p.ignore.push(...need().split(","));
          break;
        case "--error":
        case "--warning":
        case "--info":
        case "--style":
          for (const id of need().split(",")) p.severity.push([id, name === "--style" ? "info" : (name.slice(2) as "error" | "warning" | "info")]);
          break;
        case "--build-arg": {
          const v = need();
          const i = v.indexOf("=");
          if (i <= 0) throw new Error(`--build-arg takes K=V, not ${JSON.stringify(v)}`);
          p.buildArgs[v.slice(0, i)] = v.slice(i + 1);
          break;
        }
        case "--max-bytes":
          p.maxBytes = positive(need());
          break;
        case "--timeout":
          p.timeoutMs = positive(need());
          break;
        case "--list-rules":
          p.listRules = true;
          break;
        case "--files-from":
          p.filesFrom = need();
          break;
        default:
          if (a.startsWith("-") && a !== "-") throw new Error(`unknown option ${a}`);
          p.paths.push(a);
      }
    } catch (e) {
      return { ok: false, error: (e as Error).message };
    }
  }
  return { ok: true, value: p };
}
