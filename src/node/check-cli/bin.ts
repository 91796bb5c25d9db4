/**
 * The `dockerfile-check` process: wires {@link checkMain} to the process's streams and exit status. Bundled
 * by `npm run build` into `dist/bundle/dockerfile-check.cjs`, which bin/dockerfile-check.js runs, in the main
 * thread and in the workers.
 *
 * @module
 */
import * as fs from "node:fs";
import { pathToFileURL } from "node:url";
import { WORKER_ROLE_ENV } from "./worker.js";
import { checkMain } from "./main.js";
import { tierUpLater } from "./v8-tiering.js";

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
