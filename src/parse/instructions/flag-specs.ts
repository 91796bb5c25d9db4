import type { FlagType } from "../flags.js";
import type { Keyword } from "../keywords.js";

/**
 * The flags each instruction accepts in Docker 28.5 (BuildKit v0.25 `instructions/parse.go`; the
 * classic builder parses with the same package and refuses some later, see the evaluator).
 * `COPY --parents` is compiled out of that release (`dfparents` build tag), so it is unknown.
 */
export const FLAG_SPECS: Readonly<Record<Keyword, Readonly<Record<string, FlagType>>>> = {
  ADD: { chown: "string", chmod: "string", link: "bool", "keep-git-dir": "bool", checksum: "string", unpack: "bool", exclude: "strings" },
  COPY: { chown: "string", from: "string", chmod: "string", link: "bool", exclude: "strings" },
  FROM: { platform: "string" },
  RUN: { mount: "strings", network: "string", security: "string" },
  HEALTHCHECK: { interval: "string", timeout: "string", "start-period": "string", "start-interval": "string", retries: "string" },
  ARG: {},
  CMD: {},
  ENTRYPOINT: {},
  ENV: {},
  EXPOSE: {},
  LABEL: {},
  MAINTAINER: {},
  ONBUILD: {},
  SHELL: {},
  STOPSIGNAL: {},
  USER: {},
  VOLUME: {},
  WORKDIR: {},
};
