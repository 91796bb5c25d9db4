/**
 * Issue 18 point 2: `COPY --from=<name>` where no earlier stage has that name. The classic builder
 * takes the name as an image reference and uses the engine's copy or pulls it (a later stage's
 * name, and the current stage's own, included); BuildKit sees stages in the whole file. Recorded on
 * Docker 28.5 with `--network=none`, where a pull fails (`spec/fixtures/engine-28.5/copy-from-image.json`,
 * written by `copy-from-image.oracle.spec.ts` with `RECORD=1`).
 *
 * @module
 */

/** Placeholder for the busybox base image's reference (the oracle's `oracle/busybox:latest`). */
export const BUSYBOX = "{{busybox}}";

/** One case: a Dockerfile (with {@link BUSYBOX}) built with both builders. */
export interface CopyFromImageCase {
  readonly id: string;
  readonly title: string;
  readonly dockerfile: string;
}

/** What one builder did: built, or the error (the docker CLI's last line without its prefixes). */
export type Outcome = { readonly ok: true } | { readonly ok: false; readonly error: string };

/** The fixture's shape. */
export interface CopyFromImageFixture {
  readonly engine: string;
  readonly recordedAt: string;
  readonly note: string;
  readonly busybox: string;
  readonly cases: readonly (CopyFromImageCase & { readonly results: { readonly buildkit: Outcome; readonly legacy: Outcome } })[];
}

export const CASES: readonly CopyFromImageCase[] = [
  { id: "own-name", title: "the current stage's own name", dockerfile: `FROM ${BUSYBOX} AS me\nCOPY --from=me /bin/busybox /x\n` },
  { id: "own-name-other-case", title: "the current stage's own name, in another case", dockerfile: `FROM ${BUSYBOX} AS Me\nCOPY --from=me /bin/busybox /x\n` },
  { id: "no-such-name", title: "a name no stage has", dockerfile: `FROM ${BUSYBOX}\nCOPY --from=nosuch /bin/busybox /x\n` },
  // Not a one-letter hex name such as `b`: the classic builder also takes a short image ID prefix, and
  // on a busy engine some image ID starts with it (seen while recording: the build then copied from that image).
  { id: "later-stage", title: "a stage defined later", dockerfile: `FROM ${BUSYBOX} AS first\nCOPY --from=later /bin/busybox /x\nFROM ${BUSYBOX} AS later\n` },
  { id: "image-in-engine", title: "an image the engine has", dockerfile: `FROM ${BUSYBOX} AS me\nCOPY --from=${BUSYBOX} /bin/busybox /x\n` },
];

/**
 * A message with the pull's own error (network and DNS details of the machine that built it)
 * replaced by `<the pull's error>`, as the simulator words it.
 */
export function withoutPullError(message: string): string {
  return message
    .replace(/^(invalid from flag value [^:]+: ).*$/s, "$1<the pull's error>")
    .replace(/^(.*?: failed to resolve source metadata for \S+: ).*$/s, "$1<the pull's error>");
}

/** A message with BuildKit's content reference (new in every build) replaced by `<ref>`, as the simulator words it. */
export function withoutRef(message: string): string {
  return message.replace(/checksum of ref \S+: /, "checksum of ref <ref>: ");
}
