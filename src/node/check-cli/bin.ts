/**
 * The `dockerfile-check` process: wires {@link checkMain} to the process's streams and exit status. Bundled
 * by `npm run build` into `dist/bundle/dockerfile-check.cjs`, which bin/dockerfile-check.js runs, in the main
 * thread and in the workers.
 *
 * @module
 */
import * as fs from "node:fs";
import { availableParallelism } from "node:os";
import { pathToFileURL } from "node:url";
import { setFlagsFromString } from "node:v8";
import { WORKER_ROLE_ENV } from "./worker.js";
import { checkMain } from "./main.js";

/**
 * When the workers take every core, V8's optimising compiler threads compete with them: on the corpus they
 * used about a third as much CPU as the workers, recompiling big functions. Then V8 is told to optimise
 * only functions that ran longer (a larger interrupt budget): less compiling, more checking, on a full
 * machine (measured: bench/check.ts; 5,000 corpus files on 2 workers used 24% less CPU). With a free core
 * the compiler runs beside the work, and V8's default stays. DOCKERFILE_CHECK_V8_TIERING=default keeps it always.
 */
function tierUpLater(jobs: number): void {
  if (process.env["DOCKERFILE_CHECK_V8_TIERING"] === "default" || jobs < availableParallelism()) return;
  setFlagsFromString("--interrupt-budget=600000");
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

// A worker thread runs this module too (the pool marks it in its environment); there main.js starts the worker loop.
if (process.env[WORKER_ROLE_ENV] !== "1") {
  // A reader that went away (`dockerfile-check … | head`) ends the run quietly; another write error, with one line.
  for (const [stream, name] of [[process.stdout, "standard output"], [process.stderr, "standard error"]] as const) {
    stream.on("error", (e: NodeJS.ErrnoException) => {
      if (e.code !== "EPIPE") fs.writeSync(2, `dockerfile-check: cannot write to ${name}: ${e.message}\n`);
      process.exit(e.code === "EPIPE" ? (process.exitCode ?? 0) : 2);
    });
  }
  void checkMain(
    process.argv.slice(2),
    {
      stdout: (s) => void process.stdout.write(s),
      stderr: (s) => void process.stderr.write(s),
      stderrIsTty: process.stderr.isTTY === true,
      stdoutIsTty: process.stdout.isTTY === true,
      readStdin,
      beforeWorkers: tierUpLater,
    },
    // Workers run the bin this process was started with (bin/dockerfile-check.js: the bundle or, unbuilt, the sources through tsx).
    pathToFileURL(process.argv[1]!),
    process.env["DOCKERFILE_CHECK_STATS"] === "1",
  ).then((status) => {
    process.exitCode = status;
  });
}
