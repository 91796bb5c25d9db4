/**
 * `RUN --mount=from=<value>`: the stage a mount names is a dependency of the RUN's stage, which
 * BuildKit builds (and whose failure is the build's) even when the target does not otherwise need it;
 * a name is looked up among all stages, case-insensitively, never as an index; anything else is an
 * image (BuildKit v0.25.2 `frontend/dockerfile/dockerfile2llb/convert_runmount.go` `detectRunMount`).
 * The classic builder refuses `--mount`. Recorded on Docker 28.5 with `--network=none`, where a pull
 * fails (`spec/fixtures/engine-28.5/run-mount-from.json`, written by `run-mount-from.oracle.spec.ts`
 * with `RECORD=1`).
 *
 * @module
 */
import { BUSYBOX, type CopyFromImageFixture } from "./copy-from-image.cases.js";

export { BUSYBOX, withoutPullError, withoutRef, type Outcome } from "./copy-from-image.cases.js";

/** The fixture's shape (the same as `copy-from-image.json`'s). */
export type RunMountFromFixture = CopyFromImageFixture;

const FAILING_A = "FROM scratch AS a\nCOPY missing.txt /\n";

/** The cases: a Dockerfile each (with `${BUSYBOX}`), built with both builders. */
export const CASES: readonly { readonly id: string; readonly title: string; readonly dockerfile: string }[] = [
  { id: "stage-fails", title: "a bind mount from a failing stage the target does not otherwise need", dockerfile: `${FAILING_A}FROM scratch\nRUN --mount=from=a,target=/m ["/x"]\n` },
  { id: "cache-from-stage-fails", title: "a cache mount seeded from a failing stage", dockerfile: `${FAILING_A}FROM ${BUSYBOX}\nRUN --mount=type=cache,from=a,target=/m true\n` },
  { id: "name-other-case", title: "the key and the name in other cases (`FROM=A`)", dockerfile: `${FAILING_A}FROM scratch\nRUN --mount=FROM=A,target=/m ["/x"]\n` },
  { id: "quoted-value", title: "the whole value CSV-quoted", dockerfile: `${FAILING_A}FROM scratch\nRUN --mount="from=a,target=/m" ["/x"]\n` },
  { id: "later-stage", title: "a stage defined after the RUN's", dockerfile: `FROM scratch\nRUN --mount=from=b,target=/m ["/x"]\nFROM scratch AS b\nCOPY missing.txt /\n` },
  { id: "own-stage", title: "the RUN's own stage", dockerfile: `FROM scratch AS b\nRUN --mount=from=b,target=/m ["/x"]\n` },
  { id: "unbuilt-stage", title: "a mount in a stage the target does not need", dockerfile: `${FAILING_A}FROM scratch AS b\nRUN --mount=from=a,target=/m ["/x"]\nFROM scratch\n` },
  { id: "builds", title: "a mount from a stage that builds", dockerfile: `FROM ${BUSYBOX} AS a\nRUN mkdir /d\nFROM ${BUSYBOX}\nRUN --mount=from=a,source=/d,target=/m test -d /m\n` },
  { id: "index", title: "a stage index (an image name to BuildKit)", dockerfile: `${FAILING_A}FROM scratch\nRUN --mount=from=0,target=/m ["/x"]\n` },
  { id: "last-from-wins", title: "two `from` fields: the last one counts", dockerfile: `${FAILING_A}FROM scratch\nRUN --mount=from=a,from=b,target=/m ["/x"]\n` },
  { id: "variable", title: "a variable in `from`", dockerfile: `ARG S=a\n${FAILING_A}FROM scratch\nRUN --mount=from=$S,target=/m ["/x"]\n` },
  { id: "trailing-dollar", title: "a `$` at the end of `from` (not a variable: an invalid image name)", dockerfile: `${FAILING_A}FROM scratch\nRUN --mount=from=a$,target=/m ["/x"]\n` },
  { id: "bad-image-name", title: "an invalid image name", dockerfile: `${FAILING_A}FROM scratch\nRUN --mount=from=Foo,target=/m ["/x"]\n` },
  { id: "bad-image-name-unbuilt", title: "an invalid image name in a stage the target does not need", dockerfile: `${FAILING_A}FROM scratch AS b\nRUN --mount=from=Foo,target=/m ["/x"]\nFROM scratch\nCOPY --from=a /x /\n` },
];
