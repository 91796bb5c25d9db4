// Metadata instructions. Source: docs/semantics/docker-28.5.md B and E.1-E.8 (real builds on
// Docker Engine 28.5.2). L = classic builder, B = BuildKit.
import { describe, expect, it } from "vitest";
import type { BaseImage } from "../../src/image/base-image.js";
import { BUILDERS, configOf, DEFAULT_PATH, errorOf, historyOf, imageWith, labelsOf, onBusybox, resolverWith, type Builder } from "../helpers/simulate.js";

/** An image whose config is empty (no WorkingDir, no Env), as used for the WORKDIR table. */
const EMPTY: BaseImage = { ref: "docker.io/library/empty:latest", known: true, source: "inspect", config: {}, author: "", layers: 1, os: "linux" };
const onEmpty = (...lines: string[]) => ["FROM empty", ...lines].join("\n") + "\n";
const emptyOpts = (builder: Builder) => ({ builder, resolver: resolverWith(EMPTY) });

describe("WORKDIR on a base with no WorkingDir (doc E.1)", () => {
  const rows: { lines: string[]; L: string; B: string }[] = [
    { lines: ["WORKDIR rel"], L: "/rel", B: "/rel" },
    { lines: ["WORKDIR /a/b", "WORKDIR ../c"], L: "/a/c", B: "/a/c" },
    { lines: ["WORKDIR /a/b/"], L: "/a/b", B: "/a/b/" },
    { lines: ["WORKDIR /x/$UNSET/y"], L: "/x/y", B: "/x//y" },
    { lines: ["WORKDIR /a/../b/./c//d"], L: "/b/c/d", B: "/a/../b/./c//d" },
    { lines: ["WORKDIR /a", "WORKDIR rel/../sub/"], L: "/a/sub", B: "/a/sub" },
    { lines: ["WORKDIR ."], L: "/", B: "/" },
  ];
  for (const builder of BUILDERS) {
    it.each(rows)(`$lines (${builder})`, (r) => {
      expect(configOf(onEmpty(...r.lines), emptyOpts(builder)).WorkingDir).toBe(builder === "legacy" ? r.L : r.B);
    });
  }
  it("WORKDIR of an empty value: L fails, B keeps the previous value", () => {
    expect(errorOf(onEmpty("WORKDIR $UNSET"), "legacy", { resolver: resolverWith(EMPTY) })).toBe("cannot normalize nothing");
    expect(configOf(onEmpty("WORKDIR $UNSET"), emptyOpts("buildkit")).WorkingDir).toBe("/");
    expect(configOf(onEmpty("WORKDIR /a", "WORKDIR $UNSET"), emptyOpts("buildkit")).WorkingDir).toBe("/a");
  });
});

describe("USER (doc E.2)", () => {
  it.each(BUILDERS)("expanded, kept verbatim, cleared by an empty value (%s)", (builder) => {
    expect(configOf(onBusybox("ENV U=app", "USER $U:grp"), { builder }).User).toBe("app:grp");
    expect(configOf(onBusybox("USER a b"), { builder }).User).toBe("a b");
    expect(configOf(onBusybox("USER 5", "USER $UNSET"), { builder }).User).toBeNull();
  });
});

describe("EXPOSE (doc E.3)", () => {
  it.each(BUILDERS)("ports, protocols, ranges, host parts, expansion (%s)", (builder) => {
    const text = onBusybox('ENV P="9000 9001/udp"', "EXPOSE 80 80/TCP 53/UDP 8080/ 7000-7002/sctp 3000:3001 127.0.0.1:4000:4001 $P 0");
    const keys = ["0/tcp", "3001/tcp", "4001/tcp", "53/udp", "7000/sctp", "7001/sctp", "7002/sctp", "80/tcp", "8080/tcp", "9000/tcp", "9001/udp"];
    expect(configOf(text, { builder }).ExposedPorts).toEqual(Object.fromEntries(keys.map((k) => [k, {}])));
  });
  const errors: { port: string; L: string; B: string }[] = [
    { port: "65536", L: "Invalid containerPort: 65536", B: "invalid containerPort: 65536" },
    { port: "abc", L: "Invalid containerPort: abc", B: "invalid containerPort: abc" },
    { port: "80-", L: "Invalid containerPort: 80-", B: "invalid containerPort: 80-" },
    { port: "9000-8000", L: "Invalid containerPort: 9000-8000", B: "invalid containerPort: 9000-8000" },
    { port: "80/foo", L: "Invalid proto: foo", B: 'invalid port: "80/foo": invalid proto: foo' },
    { port: "/tcp", L: "No port specified: /tcp<empty>", B: 'invalid port: "/tcp": no port specified' },
  ];
  it.each(errors)("EXPOSE $port", (r) => {
    expect(errorOf(onBusybox(`EXPOSE ${r.port}`), "legacy")).toBe(r.L);
    expect(errorOf(onBusybox(`EXPOSE ${r.port}`), "buildkit")).toBe(r.B);
  });
});

describe("VOLUME (doc E.4)", () => {
  it.each(BUILDERS)("JSON and shell forms, verbatim paths (%s)", (builder) => {
    expect(configOf(onBusybox('VOLUME ["/a","/d e"]', "VOLUME /b /c/", "VOLUME /a"), { builder }).Volumes).toEqual({ "/a": {}, "/b": {}, "/c/": {}, "/d e": {} });
  });
  it.each(BUILDERS)("an empty path after expansion fails at dispatch (%s)", (builder) => {
    expect(errorOf(onBusybox("VOLUME $UNSET"), builder)).toBe("VOLUME specified can not be an empty string");
  });
});

describe("LABEL and MAINTAINER (doc E.5)", () => {
  it.each(BUILDERS)("quoting (%s)", (builder) => {
    expect(labelsOf(onBusybox(`LABEL "com.ex"="ACME Inc" 'k2'='v 2' k3="a\\"b" k4=a\\ b "sp ace"=1`), { builder })).toEqual({ "com.ex": "ACME Inc", k2: "v 2", k3: 'a"b', k4: "a b", "sp ace": "1" });
  });
  it.each(BUILDERS)("legacy form and empty value (%s)", (builder) => {
    expect(labelsOf(onBusybox("LABEL legacy a b  c", "LABEL e="), { builder })).toEqual({ legacy: "a b  c", e: "" });
  });
  it.each(BUILDERS)("MAINTAINER sets Author, not a label (%s)", (builder) => {
    const c = configOf(onBusybox("MAINTAINER Me Myself <me@x.org>"), { builder });
    expect(c.Author).toBe("Me Myself <me@x.org>");
    expect(c.Labels).toBeNull();
  });
});

describe("STOPSIGNAL (doc E.6)", () => {
  for (const builder of BUILDERS) {
    it.each(["kill", "9", "RTMIN+3", "999"])(`%s is stored verbatim (${builder})`, (sig) => {
      expect(configOf(onBusybox(`STOPSIGNAL ${sig}`), { builder }).StopSignal).toBe(sig);
    });
    it.each(["SIGFOO", "0"])(`%s is refused (${builder})`, (sig) => {
      expect(errorOf(onBusybox(`STOPSIGNAL ${sig}`), builder)).toBe(`invalid signal: ${sig}`);
    });
  }
});

describe("HEALTHCHECK (doc E.7)", () => {
  const rows: { line: string; hc: object }[] = [
    { line: "HEALTHCHECK CMD echo x", hc: { Test: ["CMD-SHELL", "echo x"] } },
    { line: 'HEALTHCHECK CMD ["a","b"]', hc: { Test: ["CMD", "a", "b"] } },
    { line: "HEALTHCHECK --interval=5s --timeout=3s --start-period=1s --retries=2 --start-interval=2s CMD x", hc: { Test: ["CMD-SHELL", "x"], Interval: 5e9, Timeout: 3e9, StartPeriod: 1e9, StartInterval: 2e9, Retries: 2 } },
    { line: "HEALTHCHECK --interval=0s CMD x", hc: { Test: ["CMD-SHELL", "x"] } },
    { line: "HEALTHCHECK --retries=0 CMD x", hc: { Test: ["CMD-SHELL", "x"] } },
    { line: "HEALTHCHECK --timeout=0s --start-period=0s --start-interval=0s CMD x", hc: { Test: ["CMD-SHELL", "x"] } },
    { line: "HEALTHCHECK --interval=5s NONE", hc: { Test: ["NONE"] } },
  ];
  for (const builder of BUILDERS) {
    it.each(rows)(`$line (${builder})`, (r) => {
      expect(configOf(onBusybox(r.line), { builder }).Healthcheck).toEqual(r.hc);
    });
  }
  const base = imageWith("docker.io/library/hcbase:latest", { Healthcheck: { Test: ["CMD-SHELL", "echo base"], Interval: 7e9 } });
  it("NONE on a base with a healthcheck: L keeps the inherited options, B does not", () => {
    const text = "FROM hcbase\nHEALTHCHECK NONE\n";
    expect(configOf(text, { builder: "legacy", resolver: resolverWith(base) }).Healthcheck).toEqual({ Test: ["NONE"], Interval: 7e9 });
    expect(configOf(text, { builder: "buildkit", resolver: resolverWith(base) }).Healthcheck).toEqual({ Test: ["NONE"] });
  });
  it.each(BUILDERS)("inherited unchanged under a LABEL (%s)", (builder) => {
    expect(configOf("FROM hcbase\nLABEL a=1\n", { builder, resolver: resolverWith(base) }).Healthcheck).toEqual({ Test: ["CMD-SHELL", "echo base"], Interval: 7e9 });
  });
});

describe("SHELL (doc B)", () => {
  it.each(BUILDERS)("applies to shell-form CMD and ENTRYPOINT, not to HEALTHCHECK (%s)", (builder) => {
    const c = configOf(onBusybox('SHELL ["/bin/sh","-xc"]', "CMD echo hi", "ENTRYPOINT echo e", "HEALTHCHECK CMD echo hc"), { builder });
    expect(c.Cmd).toEqual(["/bin/sh", "-xc", "echo hi"]);
    expect(c.Entrypoint).toEqual(["/bin/sh", "-xc", "echo e"]);
    expect(c.Healthcheck).toEqual({ Test: ["CMD-SHELL", "echo hc"] });
    expect(c.Shell).toEqual(["/bin/sh", "-xc"]);
  });
  it.each(BUILDERS)("inherited from a base image (%s)", (builder) => {
    const base = imageWith("docker.io/library/shbase:latest", { Shell: ["/bin/sh", "-xc"] });
    const c = configOf("FROM shbase\nCMD echo hi\n", { builder, resolver: resolverWith(base) });
    expect(c.Shell).toEqual(["/bin/sh", "-xc"]);
    expect(c.Cmd).toEqual(["/bin/sh", "-xc", "echo hi"]);
  });
  it.each(BUILDERS)("inherited across FROM <stage> (%s)", (builder) => {
    const c = configOf('FROM sim/busybox AS s\nSHELL ["/bin/sh","-xc"]\nFROM s\nCMD echo hi\n', { builder });
    expect(c.Cmd).toEqual(["/bin/sh", "-xc", "echo hi"]);
  });
});

describe("ONBUILD (doc E.8)", () => {
  it.each(BUILDERS)("stored verbatim after the keyword, unvalidated (%s)", (builder) => {
    expect(configOf(onBusybox("ONBUILD   label ob=1", "ONBUILD FOO x"), { builder }).OnBuild).toEqual(["label ob=1", "FOO x"]);
  });

  const trig = imageWith("docker.io/library/trig:latest", { OnBuild: ["label ob=1", "RUN echo trig > /trig"] });
  const opts = (builder: Builder) => ({ builder, resolver: resolverWith(trig) });
  it.each(BUILDERS)("an image's triggers run first; the child's OnBuild holds only its own (%s)", (builder) => {
    const c = configOf("FROM trig\nLABEL c=1\n", opts(builder));
    expect(c.Labels).toEqual({ ob: "1", c: "1" });
    expect(c.OnBuild).toBeNull();
    expect(configOf("FROM trig\nONBUILD   copy . /app\n", opts(builder)).OnBuild).toEqual(["copy . /app"]);
  });
  it("trigger history, in order before the child's instructions", () => {
    expect(historyOf("FROM trig\nLABEL c=1\n", opts("buildkit"))).toEqual(["LABEL ob=1", "RUN /bin/sh -c echo trig > /trig # buildkit", "LABEL c=1"]);
    expect(historyOf("FROM trig\nLABEL c=1\n", opts("legacy"))).toEqual(["/bin/sh -c #(nop)  LABEL ob=1", "/bin/sh -c echo trig > /trig", "/bin/sh -c #(nop)  LABEL c=1"]);
  });
  it.each(BUILDERS)("FROM <stage> runs the stage's triggers; the child's OnBuild is empty (%s)", (builder) => {
    const c = configOf("FROM sim/busybox AS s\nONBUILD LABEL ob=1\nFROM s\nLABEL c=1\n", { builder });
    expect(c.Labels).toEqual({ ob: "1", c: "1" });
    expect(c.OnBuild).toBeNull();
  });
  it.each(BUILDERS)("a trigger's parse error is reported bare when it fires (verified, %s)", (builder) => {
    expect(errorOf("FROM sim/busybox AS s\nONBUILD FOO x\nFROM s\nLABEL a=1\n", builder)).toBe("unknown instruction: FOO (did you mean FROM?)");
    expect(errorOf("FROM sim/busybox AS s\nONBUILD EXPOSE\nFROM s\nLABEL a=1\n", builder)).toBe("EXPOSE requires at least one argument");
  });
  it.each(BUILDERS)("triggers see the ARGs earlier triggers declare (verified, %s)", (builder) => {
    expect(labelsOf("FROM sim/busybox AS s\nONBUILD ARG X=1\nONBUILD LABEL x=[$X]\nFROM s\nLABEL a=1\n", { builder })).toEqual({ x: "[1]", a: "1" });
  });
  it("ONBUILD adds a history entry in the classic builder only (doc G)", () => {
    expect(historyOf(onBusybox("ONBUILD LABEL x=1"), { builder: "legacy" })).toEqual(["/bin/sh -c #(nop)  ONBUILD LABEL x=1"]);
    expect(historyOf(onBusybox("ONBUILD LABEL x=1"), { builder: "buildkit" })).toEqual([]);
  });
});

describe("Env default PATH stays first (doc D)", () => {
  it.each(BUILDERS)("ENV appends after the inherited PATH (%s)", (builder) => {
    expect(configOf(onBusybox("ENV A=1"), { builder }).Env).toEqual([`PATH=${DEFAULT_PATH}`, "A=1"]);
  });
});
