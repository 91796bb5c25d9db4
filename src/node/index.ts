/**
 * The Node.js edge of dockerfile-semantics: the `explain-cmd` CLI and loaders that read files.
 * Everything else lives in the browser-safe core (`dockerfile-semantics`).
 *
 * @module
 */
export { main, run, type CliIo } from "./cli.js";
export { fetchDownloads } from "./fetch-downloads.js";
export { loadImageFiles } from "./image-files.js";
export { runRepl, readDockerfile, type ReplStart, type ReplIo } from "./repl.js";
export { diskContext, ContextTooLargeError, type DiskContextOptions } from "./disk-context.js";
export { fetchGitSources, type FetchGitOptions } from "./fetch-git-sources.js";
