import { fail, ok, type Outcome } from "../core/result.js";
import type { RunOptions } from "../run/resolve-run.js";

/** `docker run` flags that do not change the container's process, with whether they take a value. */
const IGNORED: Readonly<Record<string, boolean>> = {
  "-i": false, "-t": false, "-it": false, "-ti": false, "-d": false, "--rm": false, "--interactive": false, "--tty": false,
  "--detach": false, "--init": false, "--privileged": false, "--read-only": false,
  "-p": true, "--publish": true, "-v": true, "--volume": true, "--name": true, "--network": true, "--net": true, "--mount": true,
  "-l": true, "--label": true, "--platform": true, "-h": true, "--hostname": true, "-m": true, "--memory": true, "--cpus": true,
  "--restart": true, "--add-host": true, "--cap-add": true, "--cap-drop": true, "--pull": true, "--stop-signal": true, "--stop-timeout": true,
};

/**
 * Why an option is not taken, and what to write instead: here, as in `docker run`, words before the
 * command are docker run's own options; the command's own words (`sh -c …`) follow the image, which
 * this REPL has no word for, so they go after `--`.
 */
function unknownOption(words: readonly string[], at: number, name: string): string {
  const quote = (w: string) => (/^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, "'\\''")}'`);
  const fixed = ["run", ...words.slice(0, at), "--", ...words.slice(at)].map(quote).join(" ");
  // docker run's own -c is --cpu-shares (an integer).
  const docker = name === "-c" ? ` docker run itself would read ${name} as its --cpu-shares option${words[at + 1] === undefined ? "" : ` and fail on the value ${JSON.stringify(words[at + 1])} (invalid argument for "-c, --cpu-shares" flag)`}.` : "";
  return `unknown docker run option ${name} (options that change the process: --entrypoint, -e, -w, -u). Words before the image are docker run's own options;${docker} To give the command ${name} and what follows as arguments (they come after the image in docker run), put them after --:\n  ${fixed}`;
}

/** The options as a `docker run` command line (IMAGE standing for the image), or "" when none is set. */
export function runOptionsText(o: RunOptions): string {
  const quote = (w: string) => (w !== "" && /^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, "'\\''")}'`);
  const words = [
    ...(o.entrypoint === undefined ? [] : ["--entrypoint", o.entrypoint]),
    ...(o.env ?? []).flatMap((e) => ["-e", e]),
    ...(o.workdir === undefined ? [] : ["-w", o.workdir]),
    ...(o.user === undefined ? [] : ["-u", o.user]),
  ];
  const args = o.args ?? [];
  if (words.length === 0 && args.length === 0) return "";
  return ["docker", "run", ...words.map(quote), "IMAGE", ...args.map(quote)].join(" ");
}

/**
 * Reads the words after `run` as `docker run [OPTIONS] [COMMAND [ARG...]]` (no IMAGE): the options
 * that change the process (`--entrypoint`, `-e`, `-w`, `-u`), ignoring the ones that do not.
 * `-e K` without a value is kept as `K` (Docker then removes K, as when K is unset in the client).
 *
 * @example
 * ```ts
 * parseRunWords(["-e", "A=1", "--rm", "sh", "-c", "x"]); // ok({ env: ["A=1"], args: ["sh", "-c", "x"] })
 * ```
 */
export function parseRunWords(words: readonly string[]): Outcome<RunOptions> {
  const env: string[] = [];
  let entrypoint: string | undefined;
  let workdir: string | undefined;
  let user: string | undefined;
  let i = 0;
  for (; i < words.length; i++) {
    const w = words[i]!;
    if (w === "--") {
      i++;
      break;
    }
    if (!w.startsWith("-") || w === "-") break;
    const eq = w.indexOf("=");
    const name = w.startsWith("--") && eq > 0 ? w.slice(0, eq) : w;
    const inline = w.startsWith("--") && eq > 0 ? w.slice(eq + 1) : undefined;
    const value = (): string | undefined => inline ?? words[++i];
    switch (name) {
      case "--entrypoint":
        entrypoint = value();
        if (entrypoint === undefined) return fail("--entrypoint needs a value");
        break;
      case "-e":
      case "--env": {
        const v = value();
        if (v === undefined) return fail(`${name} needs K=V`);
        env.push(v);
        break;
      }
      case "-w":
      case "--workdir":
        workdir = value();
        if (workdir === undefined) return fail(`${name} needs a directory`);
        break;
      case "-u":
      case "--user":
        user = value();
        if (user === undefined) return fail(`${name} needs a user`);
        break;
      default: {
        const takesValue = IGNORED[name];
        if (takesValue === undefined) return fail(unknownOption(words, i, name));
        if (takesValue && inline === undefined) i++;
      }
    }
  }
  return ok({
    args: words.slice(i),
    env,
    ...(entrypoint === undefined ? {} : { entrypoint }),
    ...(workdir === undefined ? {} : { workdir }),
    ...(user === undefined ? {} : { user }),
  });
}
