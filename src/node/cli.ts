/**
 * `explain-cmd`, the command-line explainer: its public entry points. The work is split by job under
 * `explain-cli/`: the command line (`options`), reading the Dockerfile and the build
 * context (`inputs`), the run itself (`main`), `--fetch` (`fetch-sources`), what it prints (`output`) and
 * the process wiring (`process`).
 *
 * @module
 */
export { main, type CliIo } from "./explain-cli/main.js";
export { run } from "./explain-cli/process.js";
export { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from "./explain-cli/exit-status.js";
