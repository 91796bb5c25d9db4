/**
 * The `dockerfile-check` process: wires {@link checkMain} to the process's streams and exit status. Bundled
 * by `npm run build` into `dist/bundle/dockerfile-check.js` (few files, fast to start), which is also the workers'
 * entry.
 *
 * @module
 */
import { isMainThread } from "node:worker_threads";
import { checkMain } from "./main.js";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

if (isMainThread) {
  const status = await checkMain(
    process.argv.slice(2),
    {
      stdout: (s) => void process.stdout.write(s),
      stderr: (s) => void process.stderr.write(s),
      stderrIsTty: process.stderr.isTTY === true,
      stdoutIsTty: process.stdout.isTTY === true,
      readStdin,
    },
    new URL(import.meta.url),
    process.env["DOCKERFILE_CHECK_STATS"] === "1",
  );
  process.exitCode = status;
}
