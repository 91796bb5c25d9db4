// Every parse-time build error, with the exact message per builder.
// L = the classic builder's CLI text (`Error response from daemon: ` + the daemon's message);
// B = BuildKit's `<msg>` after `ERROR: failed to build: failed to solve: `.
// Source: docs/semantics/docker-28.5.md sections A.1, A.4, A.5, B, E.3, E.4, E.7, E.8, F
// (rows marked `doc`), or builds run on Docker Engine 28.5.2 while writing this spec (`verified`).
import { describe, expect, it } from "vitest";
import { daemonMessage, errorOf } from "../helpers/simulate.js";

interface Row {
  readonly name: string;
  readonly text: string;
  /** What the classic builder's CLI printed. */
  readonly L: string;
  /** BuildKit's `<msg>`. */
  readonly B: string;
}

const D = "Error response from daemon: ";
const P = (line: number, msg: string) => `dockerfile parse error on line ${line}: ${msg}`;
/** A row where both builders give the same daemon message and L prints it as an HTTP error. */
const same = (name: string, text: string, msg: string): Row => ({ name, text, L: D + msg, B: msg });
/** A line-level (parser.Parse) error: the classic daemon adds `failed to parse Dockerfile: `. */
const lineLevel = (name: string, text: string, msg: string): Row => ({ name, text, L: `${D}failed to parse Dockerfile: ${msg}`, B: msg });

function check(rows: readonly Row[]) {
  it.each(rows)("$name (legacy)", (r) => {
    expect(errorOf(r.text, "legacy")).toBe(daemonMessage(r.L));
  });
  it.each(rows)("$name (buildkit)", (r) => {
    expect(errorOf(r.text, "buildkit")).toBe(r.B);
  });
}

describe("unknown instructions (doc A.4)", () => {
  check([
    same("lower-case keyword, lower-case suggestion", "FROM sim/busybox\nfoo bar\n", P(2, "unknown instruction: foo (did you mean from?)")),
    same("misspelt keyword keeps its case", "FROM sim/busybox\nCOPPY a b\n", P(2, "unknown instruction: COPPY (did you mean COPY?)")),
    same("upper-case keyword, upper-case suggestion", "FROM sim/busybox\nFOO bar\n", P(2, "unknown instruction: FOO (did you mean FROM?)")),
    same("a stray continuation line, no suggestion", "FROM sim/busybox\nLABEL a=1\n  w=1\n", P(3, "unknown instruction: w=1")),
  ]);

  it("`AS x`: the suggestion among equally close keywords is ARG or ADD (not deterministic in Docker)", () => {
    for (const b of ["legacy", "buildkit"] as const) {
      expect([P(2, "unknown instruction: AS (did you mean ARG?)"), P(2, "unknown instruction: AS (did you mean ADD?)")]).toContain(errorOf("FROM sim/busybox\nAS x\n", b));
    }
  });
});

describe("flags (verified)", () => {
  check([
    same("unknown COPY flag, suggestion from COPY's flags", "FROM sim/busybox\nCOPY --foo a b\n", P(2, "unknown flag: --foo (did you mean from?)")),
    same("unknown RUN flag", "FROM sim/busybox\nRUN --foo x\n", P(2, "unknown flag: --foo")),
    same("unknown FROM flag", "FROM --foo sim/busybox\n", P(1, "unknown flag: --foo")),
    same("CMD takes no flags", "FROM sim/busybox\nCMD --foo=1 x\n", P(2, "unknown flag: --foo")),
    same("ADD has no --from", "FROM sim/busybox\nADD --from=x a b\n", P(2, "unknown flag: --from")),
  ]);
});

describe("argument counts (verified unless noted)", () => {
  check([
    same("bare FROM", "FROM\n", P(1, "FROM requires either one or three arguments")),
    same("FROM a b (doc F)", "FROM a b\n", P(1, "FROM requires either one or three arguments")),
    same("COPY with one argument", "FROM sim/busybox\nCOPY a\n", P(2, "COPY requires at least two arguments, but only one was provided. Destination could not be determined")),
    same("ADD with one argument", "FROM sim/busybox\nADD a\n", P(2, "ADD requires at least two arguments, but only one was provided. Destination could not be determined")),
    same("bare ENV", "FROM sim/busybox\nENV\n", P(2, "ENV requires at least one argument")),
    same("bare ARG", "FROM sim/busybox\nARG\n", P(2, "ARG requires at least one argument")),
    same("bare LABEL", "FROM sim/busybox\nLABEL\n", P(2, "LABEL requires at least one argument")),
    same("bare MAINTAINER", "FROM sim/busybox\nMAINTAINER\n", P(2, "MAINTAINER requires exactly one argument")),
    same("bare USER", "FROM sim/busybox\nUSER\n", P(2, "USER requires exactly one argument")),
    same("bare WORKDIR", "FROM sim/busybox\nWORKDIR\n", P(2, "WORKDIR requires exactly one argument")),
    same("bare STOPSIGNAL", "FROM sim/busybox\nSTOPSIGNAL\n", P(2, "STOPSIGNAL requires exactly one argument")),
    same("bare HEALTHCHECK", "FROM sim/busybox\nHEALTHCHECK\n", P(2, "HEALTHCHECK requires at least one argument")),
    same("bare ONBUILD (doc E.8)", "FROM sim/busybox\nONBUILD\n", P(2, "ONBUILD requires at least one argument")),
    same("bare EXPOSE (doc E.3)", "FROM sim/busybox\nEXPOSE\n", P(2, "EXPOSE requires at least one argument")),
    same("ENV with a blank name", "FROM sim/busybox\nENV =x\n", P(2, "ENV names can not be blank")),
    same("ARG with a blank name", "FROM sim/busybox\nARG =x\n", P(2, "ARG names can not be blank")),
  ]);
});

describe("line-level errors get `failed to parse Dockerfile: ` in legacy", () => {
  check([
    lineLevel("ENV name without value (verified)", "FROM sim/busybox\nENV A\n", "ENV must have two arguments"),
    lineLevel("LABEL name without value (verified)", "FROM sim/busybox\nLABEL a\n", "LABEL must have two arguments"),
    lineLevel("CMD [1] (doc A.1)", "FROM sim/busybox\nCMD [1]\n", "when using JSON array syntax, arrays must be comprised of strings only"),
    lineLevel('CMD ["a", null] (doc A.1)', 'FROM sim/busybox\nCMD ["a", null]\n', "when using JSON array syntax, arrays must be comprised of strings only"),
    lineLevel('CMD [["a"]] (doc A.1)', 'FROM sim/busybox\nCMD [["a"]]\n', "when using JSON array syntax, arrays must be comprised of strings only"),
    lineLevel('RUN ["/bin/echo", 1] (doc A.1)', 'FROM sim/busybox\nRUN ["/bin/echo", 1]\n', "when using JSON array syntax, arrays must be comprised of strings only"),
  ]);
});

describe("SHELL (doc A.1, B)", () => {
  check([
    same("shell form", "FROM sim/busybox\nSHELL sh -c\n", P(2, "SHELL requires the arguments to be in JSON form")),
    same("JSON with trailing text", 'FROM sim/busybox\nSHELL ["/bin/sh","-c"] junk\n', P(2, "SHELL requires the arguments to be in JSON form")),
    same("empty array", "FROM sim/busybox\nSHELL []\n", P(2, "SHELL requires at least one argument")),
  ]);
});

describe("ONBUILD triggers refused at parse time (doc E.8)", () => {
  check([
    same("ONBUILD ONBUILD", "FROM sim/busybox\nONBUILD ONBUILD LABEL a=1\n", P(2, "Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed")),
    same("ONBUILD FROM", "FROM sim/busybox\nONBUILD FROM sim/busybox\n", P(2, "FROM isn't allowed as an ONBUILD trigger")),
    same("ONBUILD MAINTAINER", "FROM sim/busybox\nONBUILD MAINTAINER me\n", P(2, "MAINTAINER isn't allowed as an ONBUILD trigger")),
  ]);

  it("ONBUILD with an unknown trigger keyword is accepted at parse time", () => {
    expect(errorOf("FROM sim/busybox\nONBUILD FOO x\n", "legacy")).toBeNull();
    expect(errorOf("FROM sim/busybox\nONBUILD FOO x\n", "buildkit")).toBeNull();
  });
});

describe("instruction-level value errors (doc E.3, E.4, E.7, F)", () => {
  check([
    same('VOLUME [""]', 'FROM sim/busybox\nVOLUME [""]\n', P(2, "VOLUME specified can not be an empty string")),
    same("HEALTHCHECK --retries=-1", "FROM sim/busybox\nHEALTHCHECK --retries=-1 CMD x\n", P(2, "--retries cannot be negative (-1)")),
    same("HEALTHCHECK --interval=500us", "FROM sim/busybox\nHEALTHCHECK --interval=500us CMD x\n", P(2, 'Interval "interval" cannot be less than 1ms')),
    same("HEALTHCHECK --interval=abc", "FROM sim/busybox\nHEALTHCHECK --interval=abc CMD x\n", P(2, 'time: invalid duration "abc"')),
    same("HEALTHCHECK CMD", "FROM sim/busybox\nHEALTHCHECK CMD\n", P(2, "Missing command after HEALTHCHECK CMD")),
    same("HEALTHCHECK FOO x", "FROM sim/busybox\nHEALTHCHECK FOO x\n", P(2, 'Unknown type "FOO" in HEALTHCHECK (try CMD)')),
    same("HEALTHCHECK NONE x", "FROM sim/busybox\nHEALTHCHECK NONE x\n", P(2, "HEALTHCHECK NONE takes no arguments")),
    same("stage name starting with a digit", "FROM sim/busybox AS 1abc\n", P(1, 'invalid name for build stage: "1abc", name can\'t start with a number or contain symbols')),
  ]);
});

describe("file structure (doc A.5)", () => {
  check([
    { name: "empty Dockerfile", text: "", L: `${D}the Dockerfile (Dockerfile) cannot be empty`, B: "the Dockerfile cannot be empty" },
    lineLevel("only comments and blank lines", "# one\n\n# two\n", "file with no instructions"),
    { name: "ARGs only, no FROM (L: the daemon panics, the CLI reports the cut stream)", text: "ARG A=1\nARG B\n", L: "unexpected EOF", B: "dockerfile contains no stages to build" },
    same("a non-ARG instruction before FROM", "LABEL a=1\nFROM sim/busybox\n", "no build stage in current context"),
  ]);

  it("a directive, blank lines and comments before FROM, and indented instructions, are fine", () => {
    const text = "# escape=\\\n\n# comment\n\n   FROM sim/busybox\n   LABEL a=1\n";
    expect(errorOf(text, "legacy")).toBeNull();
    expect(errorOf(text, "buildkit")).toBeNull();
  });
});
