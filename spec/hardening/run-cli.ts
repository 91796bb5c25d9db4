/** The CLI's process entry point, run from source (for specs that need a real process: pipes, exit codes). */
import { run } from "../../src/node/cli.js";

await run();
