// Line continuation, comments and blank lines inside it, the double escape, the backtick escape,
// CRLF and a BOM. Source: docs/semantics/docker-28.5.md A.2/A.3 (`doc`), and builds on Docker
// Engine 28.5.2 run while writing this spec (`verified`). L and B read lines identically.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDockerfile } from "../../src/parse/parse-dockerfile.js";
import { BUILDERS, configOf, errorOf, historyOf, labelsOf, onBusybox } from "../helpers/simulate.js";

describe("continuations (doc A.2)", () => {
  it.each(BUILDERS)("a double escape does not continue (%s)", (builder) => {
    const text = onBusybox("RUN echo a \\\\", "CMD b");
    expect(configOf(text, { builder }).Cmd).toEqual(["/bin/sh", "-c", "b"]);
    expect(historyOf(text, { builder })[0]).toBe(builder === "buildkit" ? "RUN /bin/sh -c echo a \\\\ # buildkit" : "/bin/sh -c echo a \\\\");
  });

  it.each(BUILDERS)("a double escape at the end of a value stays in it (verified, %s)", (builder) => {
    expect(labelsOf(onBusybox("LABEL a=x\\\\", "LABEL b=y"), { builder })).toEqual({ a: "x\\", b: "y" });
  });

  it.each(BUILDERS)("comment lines (even ending in \\), blank and whitespace-only lines are skipped; the instruction goes on (%s)", (builder) => {
    const text = onBusybox("LABEL a=1 \\", "# comment \\", "  b=2 \\", "", "   ", "  c=3");
    expect(labelsOf(text, { builder })).toEqual({ a: "1", b: "2", c: "3" });
  });

  it.each(BUILDERS)("pieces are joined without a separator (%s)", (builder) => {
    const text = onBusybox("RUN echo a \\", "# c", "  b \\", "", "  c > /out");
    const cmd = "echo a   b   c > /out";
    expect(historyOf(text, { builder })).toEqual([builder === "buildkit" ? `RUN /bin/sh -c ${cmd} # buildkit` : `/bin/sh -c ${cmd}`]);
  });

  it("a blank line inside a continuation is recorded (B lints NoEmptyContinuation)", () => {
    const parsed = parseDockerfile(onBusybox("LABEL a=1 \\", "", "  c=3"));
    expect(parsed.emptyContinuations).toHaveLength(1);
    expect(parseDockerfile(onBusybox("LABEL a=1 \\", "# c", "  c=3")).emptyContinuations).toHaveLength(0);
  });

  it.each(BUILDERS)("a continuation at the end of the file is fine (%s)", (builder) => {
    expect(errorOf("FROM sim/busybox\nRUN echo a \\", builder)).toBeNull();
    expect(errorOf("FROM sim/busybox\nRUN echo a \\\n", builder)).toBeNull();
  });
});

describe("CRLF and BOM (doc A.2, verified)", () => {
  it.each(BUILDERS)("\\r is stripped and \\ + CRLF continues, after a BOM (%s)", (builder) => {
    const c = configOf("\ufeffFROM sim/busybox\r\nCMD echo hi\r\nLABEL a=1 \\\r\n  b=2\r\n", { builder });
    expect(c.Cmd).toEqual(["/bin/sh", "-c", "echo hi"]);
    expect(c.Labels).toEqual({ a: "1", b: "2" });
  });
});

describe("backtick escape (doc A.3)", () => {
  it.each(BUILDERS)("\\ is literal, ` escapes and continues, a trailing \\ does not continue (%s)", (builder) => {
    const text = "# escape=`\nFROM sim/busybox\nLABEL p=a\\b q=x`y r=z`\n  w=1 u=\"a`\"b\" v=c\\\n";
    expect(labelsOf(text, { builder })).toEqual({ p: "a\\b", q: "xy", r: "z", w: "1", u: 'a"b', v: "c\\" });
  });
});

// The rule in general: splitting an instruction over physical lines with the escape character,
// with comment, blank and whitespace-only lines between the pieces, changes nothing.
describe("properties", () => {
  const word = fc.stringMatching(/^[a-z][a-z0-9]{0,5}$/);
  const filler = fc.array(fc.constantFrom("", "   ", "\t", "# a comment", "  # indented comment \\", "#"), { maxLength: 3 });
  const pairs = fc.uniqueArray(fc.tuple(word, word), { minLength: 1, maxLength: 5, selector: ([k]) => k });

  it("a LABEL split over lines equals the same LABEL on one line", () => {
    fc.assert(
      fc.property(pairs, fc.array(filler, { minLength: 5, maxLength: 5 }), fc.constantFrom("\\", "`"), (kvs, fills, esc) => {
        const lines = [`LABEL ${kvs[0]![0]}=${kvs[0]![1]}`];
        kvs.slice(1).forEach(([k, v], i) => {
          lines[lines.length - 1] += ` ${esc}`;
          lines.push(...fills[i]!, `  ${k}=${v}`);
        });
        const prefix = esc === "`" ? "# escape=`\n" : "";
        const expected = Object.fromEntries(kvs);
        for (const builder of BUILDERS) expect(labelsOf(prefix + onBusybox(...lines), { builder })).toEqual(expected);
      }),
    );
  });
});
