/**
 * COPY and ADD in BuildKit with the Dockerfile frontend of Docker Engine 28.5 (BuildKit v0.25).
 * Sources: moby/buildkit v0.25 `frontend/dockerfile/dockerfile2llb/convert.go` (`dispatchCopy`),
 * `solver/llbsolver/ops/file.go` and `solver/llbsolver/file/backend.go` (the file op), the
 * vendored `tonistiigi/fsutil/copy` (`Copy`, `ResolveWildcards`), `cache/contenthash`
 * (content checksums), `solver/llbsolver/ops/user_linux.go` (`readUser`). Each rule was
 * verified by real builds on 28.5 (docs/semantics/copy-add.md; the generator cases named here).
 *
 * @module
 */
import { goQuote } from "../docker/go-quote.js";
import { BUILDKIT_REF_PLACEHOLDER, ROOTFS_PLACEHOLDER, type CopyRules } from "./copy-rules.js";

/** BuildKit's COPY/ADD rules. */
export const BUILDKIT_COPY: CopyRules = {
  chmodRefusal: null,
  writesHeredocSources: true,
  // go-digest's errors; a single URL or git source (checksum-bad-format, checksum-multiple-bad-format).
  readsAddChecksum: true,
  // unpack-true, unpack-true-not-archive: a download is extracted only with --unpack=true.
  readsUnpackFlag: true,
  readsGitSources: true,
  appliesExclude: true,

  // dispatchCopy: the destination is joined to WORKDIR with path.Join, `.`, `` and a trailing `/` mean a directory.
  cleansAbsoluteDestination: true,
  emptyDestinationIsDirectory: true,
  rejectsDestinationOutsideRootfs: false,
  multipleSourcesNeedSlashDestination: false,
  // The file op makes the destination's parent (`MkdirAll`) before copying (gen-dest-below-file-*).
  lstatsDestinationFirst: false,
  // fsutil copy refuses to replace a directory by a file or the reverse (gen-file-onto-dir-by-basename).
  replacesEntriesOfOtherType: false,

  chownLookup: "readUser",
  // The id never reaches lchown as -1 (gen-from-chown-minus-one).
  negativeIdIsZero: true,
  // Entries keep owners and modes (a 04755 file arrives 04755).
  chownsCopiedEntries: false,
  // In a setgid directory the new directories keep the inherited group unless --chown is given (base-setgid-copy-workdir).
  chownsCreatedDirectories: false,
  directorySourceParentsOwnedByRoot: false,
  // `ADD --chown` chowns the extracted entries and the destination (docs/semantics/copy-add.md §8.2).
  archiveTakesChown: true,

  // Source paths are cleaned inside the context root.
  rejectsSourcesOutsideContext: false,
  linkThroughFileIsOutsideContext: false,
  // fsutil `copy.ResolveWildcards` walks the directory before the wildcard (gen-glob-missing-dir-after-error, gen-from-glob-missing-dir).
  resolvesWildcardsWhenCopying: true,
  // solver/jobs.go computes every cache key (contenthash checksums) before executing; ops/file.go
  // `dedupeSelectors` leaves out a path below another one (gen-dockerignored-nested-sources,
  // gen-exclude-missing-source, gen-from-empty-stage-missing, gen-exclude-root-dangling-link).
  keysSourcesByContentChecksum: true,
  failsWithoutSources: false,
  sourceNameInMessages: (source) => source,

  hashesSourcesInHistory: false,
  // The LLB op's description: flags only when non-empty.
  copyCreatedBy: (p) => [p.keyword, ...(p.chown ? [`--chown=${p.chown}`] : []), ...(p.chmod ? [`--chmod=${p.chmod}`] : []), ...p.sources, p.destination].join(" ") + " # buildkit",
  skipsLayerWhenNothingChanged: false,

  copyFailure: (message) => message,
  lstatNotDirectoryMessage: (path) => `lstat ${path}: not a directory`,
  mkdirNotDirectoryMessage: (path) => `mkdir ${path}: not a directory`,
  // With a trailing `/` the copy first makes the destination (`MkdirAll`), else the merge meets the file
  // (gen-dest-existing-file-dir-source-slash, gen-link-dir-onto-file-no-slash).
  directoryOntoFileMessage: (path, intoDir) => (intoDir ? `mkdir ${path}: not a directory` : `cannot copy to non-directory: ${ROOTFS_PLACEHOLDER}${path}`),
  archiveDestinationNotDirectoryMessage: (at) => `mkdir ${at}: not a directory`,
  unresolvableSourceMessage: () => `failed to compute cache key: failed to calculate checksum of ref ${BUILDKIT_REF_PLACEHOLDER}: too many links`,
  contextSourceNotFoundMessage: (_keyword, path) => `failed to compute cache key: failed to calculate checksum of ref ${BUILDKIT_REF_PLACEHOLDER}: ${goQuote("/" + path)}: not found`,
  stageSourceNotFoundMessage: (path) => `failed to compute cache key: failed to calculate checksum of ref ${BUILDKIT_REF_PLACEHOLDER}: ${goQuote(path)}: not found`,
};
