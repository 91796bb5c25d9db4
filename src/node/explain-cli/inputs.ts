/**
 * What `explain-cmd` reads from disk before it simulates: the Dockerfile (with a warning when it is not
 * UTF-8 text) and the build context directory (checked first, then read per builder on demand), each with
 * the one-line message a user gets when it cannot be read.
 *
 * @module
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { isAbsolute, resolve, sep } from "node:path";
import type { Builder } from "../../core/builder.js";
import type { BuildContext } from "../../fs/context-types.js";
import { diskContext } from "../disk-context.js";
import { oneLine } from "./exit-status.js";

/**
 * Why CONTEXT cannot be a build context (missing, unreadable, or a file such as the Dockerfile
 * itself), or null when it is a directory that can be listed (or is missing and need not exist).
 *
 * @example
 * ```ts
 * checkContextDirectory(resolve(cwd, "app"), "app", true); // null, or e.g. 'unable to prepare context: path "app" not found …'
 * ```
 */
export function checkContextDirectory(dir: string, given: string, mustExist: boolean): string | null {
  try {
    if (statSync(dir).isDirectory()) return unreadableContext(dir, given);
    return `${given} is a file, not a build context directory; to explain it, use -f ${given} (followed by the context directory, if its COPY or ADD need files)`;
  } catch {
    if (!mustExist) return null;
    // docker build's own words (Docker 28.5 CLI).
    return `unable to prepare context: path ${JSON.stringify(given)} not found (the build context directory does not exist)`;
  }
}

/**
 * Why a context directory cannot be listed, or null. Docker 28.5 does not build from it either:
 * the classic builder's CLI stops at once (`open <dir>/.dockerignore: permission denied`), BuildKit
 * when a COPY or ADD reads from the context (`lstat <dir>/<file>: permission denied`). Simulating
 * an empty context instead would predict "not found" for files that are there.
 */
function unreadableContext(dir: string, given: string): string | null {
  try {
    readdirSync(dir);
    return null;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === "EACCES" || code === "EPERM" ? "permission denied" : oneLine(e);
    return `cannot read the build context ${given}: ${why} (docker build fails too: the classic builder at once, BuildKit when COPY or ADD reads from it)`;
  }
}

/** Where {@link readDockerfile} reads from and warns to. */
export interface DockerfileSource {
  readonly cwd: string;
  readonly readStdin: () => Promise<string>;
  readonly stderr: (s: string) => void;
}

/**
 * Reads the Dockerfile at `path` (relative to the working directory; `-` reads standard input) as UTF-8,
 * warning on stderr when its bytes are not UTF-8 text, or says why it cannot be read.
 *
 * @example
 * ```ts
 * const r = await readDockerfile("app/Dockerfile", { cwd, readStdin, stderr });
 * if (r.ok) simulate(r.text);
 * ```
 */
export async function readDockerfile(path: string, from: DockerfileSource): Promise<{ ok: true; text: string } | { ok: false; error: string }> {
  try {
    if (path === "-") return { ok: true, text: await from.readStdin() };
    // Synchronous: a one-shot run would otherwise load fs/promises (and the streams under it) for one read.
    const bytes = readFileSync(resolve(from.cwd, path));
    const text = new TextDecoder("utf-8").decode(bytes);
    const encoding = notUtf8(bytes);
    if (encoding !== null) from.stderr(`explain-cmd: warning: ${path} is ${encoding}, not UTF-8 text; docker build reads a Dockerfile as UTF-8, so its parser sees other characters than you do. On Docker 28.5 the classic builder then fails with "dockerfile parse error on line 1: unknown instruction: …", and BuildKit, whose message would carry the invalid bytes, with "failed to solve: Internal: stream terminated by RST_STREAM with error code: INTERNAL_ERROR". Save it as UTF-8.\n`);
    return { ok: true, text };
  } catch (e) {
    return { ok: false, error: `cannot read the Dockerfile ${path}: ${(e as Error).message}` };
  }
}

/** What the bytes are when they are not UTF-8 text (a UTF-16 byte order mark, or other binary content), else null. */
function notUtf8(bytes: Uint8Array): string | null {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return "UTF-16 (it starts with a UTF-16 byte order mark)";
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return "binary (not valid UTF-8)";
  }
  return bytes.includes(0) ? "binary (it contains NUL bytes)" : null;
}

/**
 * The build context directory as each builder sees it (read once per builder, on demand), or why it
 * cannot be read. `dockerfile` is the Dockerfile's path inside it (null when it is not inside); a context
 * that fails when read is reported once through `warn` and its files are unknown.
 *
 * @example
 * ```ts
 * const c = readBuildContext(resolve(cwd, "."), "Dockerfile", io.stderr);
 * if (c.ok) simulate(text, { context: c.context });
 * ```
 */
export function readBuildContext(dir: string, dockerfile: string | null, warn: (s: string) => void): { ok: true; context: (b: Builder) => BuildContext | null } | { ok: false; error: string } {
  try {
    if (!statSync(dir).isDirectory()) return { ok: false, error: `${dir} is not a directory` };
  } catch (e) {
    return { ok: false, error: `cannot read the build context ${dir}: ${(e as Error).message}` };
  }
  const inside = dockerfile !== null && !dockerfile.startsWith("..") && !isAbsolute(dockerfile) ? dockerfile.split(sep).join("/") : null;
  const cache = new Map<Builder, BuildContext | null>();
  const warned = new Set<string>();
  return {
    ok: true,
    context: (b) => {
      let c = cache.get(b);
      if (c === undefined) {
        try {
          c = diskContext(dir, { builder: b, dockerfile: inside });
        } catch (e) {
          // Too large, or unreadable since it was checked: its files are unknown, never missing.
          // Read once per builder: the same failure is reported once.
          const message = `explain-cmd: warning: cannot read the build context ${dir}: ${oneLine(e)}; the files COPY and ADD read from it are unknown\n`;
          if (!warned.has(message)) warn(message);
          warned.add(message);
          c = null;
        }
        cache.set(b, c);
      }
      return c;
    },
  };
}
