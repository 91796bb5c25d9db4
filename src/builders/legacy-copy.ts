/**
 * COPY and ADD in the classic builder of Docker Engine 28.5 (`DOCKER_BUILDKIT=0`). Sources:
 * moby/moby v28.5.2 `builder/dockerfile/copy.go` (`calcCopyInfo`, `copyWithWildcards`,
 * `performCopyForInfo`, `copyFile`, `copyDirectory`), `builder/dockerfile/internals.go`
 * (`performCopy`, `exportImage`), `internals_linux.go` (`parseChownFlag`), `dispatchers.go`
 * (`dispatchCopy`, `normalizeDest`), and moby/go-archive `archive.go` (`Unpack`). Each rule was
 * verified by real builds on 28.5 (docs/semantics/copy-add.md; the generator cases named here).
 *
 * @module
 */
import { ROOTFS_PLACEHOLDER, type CopyRules } from "./copy-rules.js";

/** The classic builder's COPY/ADD rules. */
export const LEGACY_COPY: CopyRules = {
  chmodRefusal: "the --chmod option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn how to build images with BuildKit enabled",
  // Heredocs, --checksum, --unpack, git sources and --exclude are BuildKit's.
  writesHeredocSources: false,
  readsAddChecksum: false,
  // A local archive is always extracted, a download never (moby `noDecompress`).
  readsUnpackFlag: false,
  readsGitSources: false,
  appliesExclude: false,

  // normalizeDest keeps an absolute destination as written.
  cleansAbsoluteDestination: false,
  emptyDestinationIsDirectory: false,
  // The destination is joined to the rootfs uncleaned, so `/../../x` climbs out (`evalSymlinksInScope`).
  rejectsDestinationOutsideRootfs: true,
  multipleSourcesNeedSlashDestination: true,
  // performCopyForInfo resolves the destination in scope first (gen-dest-below-file-*).
  lstatsDestinationFirst: true,
  // go-archive `Unpack` removes an existing entry unless both are directories (gen-file-onto-dir-by-basename).
  replacesEntriesOfOtherType: true,

  chownLookup: "parseChownFlag",
  // lchown's "leave unchanged" (`--chown=-1:0`).
  negativeIdIsZero: false,
  // chown(2) clears setuid and setgid: a 04755 context file arrives 0755.
  chownsCopiedEntries: true,
  // base-setgid-copy-workdir: new directories get 0:0 or --chown, not the inherited group.
  chownsCreatedDirectories: true,
  // copyDirectory: only the destination itself, when new, gets the chown identity.
  directorySourceParentsOwnedByRoot: true,
  // --chown is ignored for an extracted archive (docs/semantics/copy-add.md §8.6).
  archiveTakesChown: false,

  // FollowSymlinkInScope fails on `..` and below a file: "forbidden path outside the build context".
  rejectsSourcesOutsideContext: true,
  linkThroughFileIsOutsideContext: true,
  resolvesWildcardsWhenCopying: false,
  // Sources are `stat`ed when the instruction is dispatched (one instruction at a time).
  keysSourcesByContentChecksum: false,
  failsWithoutSources: true,
  // calcCopyInfo trims one leading `/`, then one leading `./` (gen-classic-dotslash-source-message).
  sourceNameInMessages: (source) => {
    const s = source.startsWith("/") ? source.slice(1) : source;
    return s.startsWith("./") ? s.slice(2) : s;
  },

  // `ADD <file:sha256…> in <dest>`: the history names the sources by their content hash.
  hashesSourcesInHistory: true,
  copyCreatedBy: (p) => `${p.shell.join(" ")} #(nop) ${p.keyword} ${p.chown ? `--chown=${p.chown} ` : ""}${p.hash} in ${p.destination} `,
  // An empty diff is an empty layer (docs/semantics/copy-add.md §9.4); `exportImage` then keeps the
  // committed layer's mount and the next COPY/ADD fails to find its parent layer.
  skipsLayerWhenNothingChanged: true,

  copyFailure: (message) => `failed to copy files: ${message}`,
  lstatNotDirectoryMessage: (path) => `failed to copy files: lstat ${ROOTFS_PLACEHOLDER}${path}: not a directory`,
  mkdirNotDirectoryMessage: (path, source) => `failed to copy files: failed to ${source === "file" ? "create new directory" : "copy directory"}: mkdir ${ROOTFS_PLACEHOLDER}${path}: not a directory`,
  directoryOntoFileMessage: (path) => `failed to copy files: failed to copy directory: mkdir ${ROOTFS_PLACEHOLDER}${path}: not a directory`,
  // The archive is extracted through a pivot directory made in the destination.
  archiveDestinationNotDirectoryMessage: (_at, dest) => `failed to copy files: error setting up pivot dir: mkdir ${ROOTFS_PLACEHOLDER}${dest === "/" ? "" : dest}/.pivot_root<N>: not a directory`,
  unresolvableSourceMessage: (keyword, named) => `${keyword} failed: forbidden path outside the build context: ${named} ()`,
  contextSourceNotFoundMessage: (keyword, path) => `${keyword} failed: file not found in build context or excluded by .dockerignore: stat ${path}: file does not exist`,
  stageSourceNotFoundMessage: (path) => `COPY failed: stat ${path.slice(1)}: file does not exist`,
};
