/**
 * Hand-written check cases (one or more per rule, both ways, and the directive's forms) and the recorded
 * fixture file's shape.
 *
 * @module
 */
import { fileURLToPath } from "node:url";
import type { CheckCase, CheckObservation } from "./check-oracle.js";

/** Where the recorded observations of Docker 28.5 live. */
export const CHECK_FIXTURES_FILE = fileURLToPath(new URL("../fixtures/engine-28.5/checks.json", import.meta.url));

/** One recorded case. */
export interface CheckFixture {
  readonly name: string;
  readonly case: CheckCase;
  readonly engine: CheckObservation;
}

const df = (...lines: string[]): CheckCase => ({ dockerfile: lines.join("\n") + "\n" });

/** Cases written by hand to pin each rule's edges. */
export const HAND_CASES: Readonly<Record<string, CheckCase>> = {
  "casing, stage names, empty continuation": df("FROM scratch AS base", "RUN a \\", "", "  b", "ENV X=1", "FROM base AS Base", "FROM scratch AS context", "from scratch", "cmd [\"a\"]", "CMD [\"b\"]"),
  "FROM args and platforms": df(
    "ARG BASE=scratch",
    "ARG EMPTY=",
    "FROM $BASE",
    "FROM ${EMPTY}scratch",
    "FROM $NOPE AS x",
    "FROM ${BSE:-scratch} AS y",
    "FROM --platform=$TARGETPLATFORM scratch AS z",
    "FROM --platform=linux/arm64 scratch AS w",
    "FROM --platform=linux/arm64 scratch AS arm64stage",
    "FROM --platform=$BUILDPLATFORM scratch AS v",
  ),
  "empty default base name": df("ARG EMPTY=", "FROM ${EMPTY}"),
  "per-instruction rules": df(
    "FROM scratch",
    "ENTRYPOINT echo a",
    "ENTRYPOINT [\"a\"]",
    "HEALTHCHECK NONE",
    "HEALTHCHECK CMD true",
    "SHELL [\"/bin/sh\",\"-c\"]",
    "CMD echo x",
    "ENV a b",
    "LABEL k v",
    "ENV API_KEY=x PUBLIC_TOKEN=y mytoken=z",
    "ARG password",
    "ARG AUTH_public",
    "EXPOSE 80:80/TCP 127.0.0.1:8080:80 90/Udp",
    "WORKDIR a",
    "WORKDIR /b",
  ),
  "undefined variables": df(
    "FROM scratch",
    "ENV FOO=1",
    "COPY $FOOO /x",
    "WORKDIR $HOME/$PATH/${UNSET:-x}",
    "ARG A",
    "USER $A",
    "USER $B",
    "ARG C=$D",
    "LABEL a=$E b=$PTH",
    "VOLUME $F",
    "STOPSIGNAL $G",
  ),
  "stage inheritance of ENV, ARG and WORKDIR": df("FROM scratch AS s1", "ENV E=1", "ARG A", "WORKDIR /a", "FROM s1", "WORKDIR rel", "USER $E$A$X"),
  "automatic platform ARGs in a stage": df("FROM scratch", "ARG TARGETOS", "ARG BUILDPLATFORM", "WORKDIR /$TARGETOS/$BUILDPLATFORM/$TARGETARCH"),
  "check directive: skip and experimental": df(
    "# check=skip=MaintainerDeprecated,JSONArgsRecommended;experimental=all",
    "# base is the base",
    "FROM scratch AS base",
    "# wrong description",
    "FROM scratch AS b2",
    "# A the a arg",
    "ARG A B",
    "# not this",
    "ARG C",
    "",
    "# blank between",
    "ARG D",
    "#",
    "ARG E",
    "MAINTAINER x",
    "CMD y",
  ),
  "check directive: skip all": df("# check=skip=all", "FROM scratch", "MAINTAINER x"),
  "check directive: error": df("# check=error=true", "FROM scratch", "MAINTAINER x"),
  "check directive: invalid": df("# check=bogus", "FROM scratch", "MAINTAINER x"),
  "parse error after a finding": df("FROM scratch", "MAINTAINER x", "bogus"),
  "COPY and ADD flags expand": df("FROM scratch", "COPY --chown=$U:$G --chmod=$M a b $DEST", "ADD --checksum=$SUM http://x/y /z"),
  "EXPOSE error stops the run": df("FROM scratch", "MAINTAINER x", "WORKDIR rel", "EXPOSE 80/bad", "CMD x"),
  "copy from itself": df("FROM scratch AS a", "FROM scratch AS a", "COPY --from=a /x /y", "MAINTAINER m"),
  "copy from a later stage": df("FROM scratch AS a", "COPY --from=b /x /y", "MAINTAINER m", "FROM scratch AS b"),
  "ignored files": {
    dockerfile: "# check=experimental=CopyIgnoredFile\nFROM scratch AS s\nCOPY a.txt ignored.log dir/sub/x ./keep/y /d/\nADD secret/x https://example.com/f /d/\nFROM scratch\nCOPY --from=s ignored.log /d/\n",
    files: { ".dockerignore": "*.log\nsecret\ndir\n!keep\n" },
  },
  "build args change FROM checks": { dockerfile: "ARG V\nFROM ${V:-scratch} AS a\nFROM ${W}scratch\n", buildArgs: { V: "scratch", W: "" } },
  "casing majority lower": df("from scratch", "run echo", "Copy a b", "CMD [\"x\"]", "env a=b"),
  "continuation with comment and empty lines": df("FROM scratch", "RUN echo \\", "# comment", "", "  a \\", "", "  b", "LABEL a=b \\", "", "  c=d"),
  "base image platforms": df(
    "ARG B=dfs-check/i386",
    "FROM dfs-check/i386",
    "FROM \\",
    "  $B AS x",
    "FROM dfs-check/amd64",
    "FROM dfs-check/i386-empty",
    "FROM --platform=linux/amd64 dfs-check/i386 AS amd64",
    "FROM --platform=linux/386 dfs-check/i386 AS i386-stage",
    "FROM --platform=$BUILDPLATFORM docker.io/dfs-check/i386:latest",
    "FROM x AS y",
    "COPY --from=dfs-check/i386 /f.txt /a",
    "COPY --from=dfs-check/amd64 /f.txt /b",
  ),
  "variables in RUN --mount values": df(
    "FROM scratch",
    "ARG A=/a",
    "ENV E=/e",
    "RUN --mount=type=cache,target=$A,id=${ID:-x} --mount=type=bind,source=$SRC,target=$E/x,ro echo",
    "RUN --mount=type=tmpfs,target=${T:-/t} --mount=type=secret,id=${SID:-sid},required true",
    "WORKDIR /w",
    "RUN --mount=type=cache,target=$EMPTY true",
    "RUN --mount=type=cache,target=/c,uid=${UID:-1},mode=0${MODE:-755} true",
  ),
  "RUN --mount type error ends the run": df("FROM scratch", "RUN --mount=type=$KIND,target=/x true", "MAINTAINER x"),
  "RUN --mount at the root ends the run": df("FROM scratch", "RUN --mount=type=cache,target=$NOPE true", "MAINTAINER x"),
  "RUN --mount from a later stage": df("FROM scratch AS a", "RUN --mount=from=b,target=/x true", "MAINTAINER x", "FROM scratch AS b"),
  "heredoc bodies": df(
    "FROM scratch",
    "ENV E=1",
    "COPY <<EOF <<'Q' <<-T $P /d/",
    "hi $E $A ${B:-b} \\$C '$D' \"$F\"",
    "EOF",
    "$NOPE",
    "Q",
    "\t$TABS",
    "\tT",
    "RUN <<EOF",
    "echo $R",
    "EOF",
    "ADD <<EOF /d/",
    "$ADDV",
    "EOF",
  ),
  "ONBUILD triggers of stages": df(
    "FROM scratch AS a",
    "ONBUILD RUN --mount=type=cache,target=/c$X echo",
    "ONBUILD ENV A $U",
    "ONBUILD CMD run",
    "FROM a AS unreachable",
    "FROM a AS b",
    "ONBUILD WORKDIR rel",
    "FROM b",
    "CMD [\"x\"]",
  ),
  "ONBUILD triggers of an image": df("FROM dfs-check/onbuild AS a", "FROM dfs-check/onbuild", "ENV B=$TRIGGERED"),
  "a cycle ends the run before base images are resolved": df("FROM dfs-check/i386 AS scratch", "RUN --mount=type=cache,target=/c true", "FROM dfs-check/i386", "COPY --from=dfs-check/i386 /f.txt /"),
  "an image mounted by RUN is checked but has no location": df("FROM scratch", "RUN --mount=from=dfs-check/i386,target=/m true"),
  "a cache mount without from mounts a later stage named scratch": df("FROM scratch AS a", "RUN --mount=type=bind,target=/b true", "RUN --mount=type=cache,target=/c true", "MAINTAINER m", "FROM a AS scratch"),
  "ONBUILD trigger that does not parse": df("FROM scratch AS a", "ONBUILD BOGUS x", "MAINTAINER m", "FROM a"),
  "escape directive": df("# escape=`", "FROM scratch", "ENV a=`$HOME b=$HOME", "RUN echo `", "", "  x", "WORKDIR c:`\\x"),
};
