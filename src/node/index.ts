/**
 * The Node.js edge of dockerfile-semantics: the `explain-cmd` CLI and loaders that read files.
 * Everything else lives in the browser-safe core (`dockerfile-semantics`).
 *
 * @module
 */
export { main, run, EXIT_OK, EXIT_FAILURE, EXIT_USAGE, type CliIo } from "./cli.js";
export { fetchDownloads } from "./fetch-downloads.js";
export { loadImageFiles } from "./image-files.js";
export { defaultImageChain, loadImageSpec, type ImageChain, type ImageChainOptions } from "./images/image-chain.js";
export { engineAddress, engineImage, pingEngine, type EngineAddress, type EngineOptions, type EngineImageOptions } from "./images/docker-engine.js";
export { pullImage, registryHost, isLoopbackHost, type RegistryOptions } from "./images/registry.js";
export { dockerConfigCredentials, type Credentials, type CredentialSource } from "./images/registry-auth.js";
export { loadImageArchive, readImageArchive, type ArchiveOptions } from "./images/image-archive.js";
export { imageCache, imageCacheDir, type ImageCache } from "./images/image-cache.js";
export { parsePlatform, formatPlatform, hostPlatform, selectManifest, imageFromConfigBlob, type PlatformSpec, type Descriptor } from "./images/oci.js";
export { applyLayers, summarizeLayer, ReadBudget, type FileLimits, type LayerSummary, type LayerEntry } from "./images/layer-files.js";
export { runRepl, readDockerfile, type ReplStart, type ReplIo } from "./repl.js";
export { diskContext, ContextTooLargeError, type DiskContextOptions } from "./disk-context.js";
export { fetchGitSources, type FetchGitOptions } from "./fetch-git-sources.js";
