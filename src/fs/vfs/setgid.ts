/**
 * Directories made inside a setgid directory. On Linux, mkdir(2) in a directory with the setgid bit
 * gives the new directory the parent's group and the setgid bit; a builder that chowns the new
 * directory afterwards sets its own group, and one that chmods it clears the bit. Verified on Docker
 * 28.5 with a base image directory `/w` of mode 2750, group 2000 (docs/semantics/copy-add.md §4.5,
 * cases base-setgid-copy-workdir and base-setgid-add-archive):
 * - COPY's new destination and parent directories keep the bit with both builders; BuildKit leaves
 *   them the inherited group unless `--chown` is given, the classic builder chowns them (0:0 or
 *   `--chown`);
 * - WORKDIR's new directories keep the bit; BuildKit leaves the inherited group unless a `USER` is
 *   set, the classic builder chowns them 0:0;
 * - an archive's implied parent directories (members under a directory the archive does not list)
 *   take the inherited group but not the bit, with both builders.
 * Browser-safe.
 *
 * @module
 */

/** How a builder treats a directory it makes. */
export interface MkdirHow {
  /** The builder chowns the directory after making it (its group is then the chown's). */
  readonly chowned: boolean;
  /** The directory keeps a setgid bit it inherits (false when the builder chmods it afterwards). */
  readonly keepsBit: boolean;
}

/**
 * The mode and owner of a directory made in `parent` with `attrs` as the builder asks for them.
 *
 * @example
 * ```ts
 * const parent = { mode: 0o2750, gid: 2000 };
 * madeIn({ mode: 0o755, uid: 0, gid: 0 }, parent, { chowned: false, keepsBit: true }); // { mode: 0o2755, uid: 0, gid: 2000 }
 * ```
 */
export function madeIn(
  attrs: { mode: number; uid: number; gid: number },
  parent: { readonly mode: number; readonly gid: number } | undefined,
  how: MkdirHow,
): { mode: number; uid: number; gid: number } {
  if (parent === undefined || (parent.mode & 0o2000) === 0) return attrs;
  return { mode: how.keepsBit ? attrs.mode | 0o2000 : attrs.mode, uid: attrs.uid, gid: how.chowned ? attrs.gid : parent.gid };
}
