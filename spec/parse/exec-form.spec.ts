// JSON (exec) form vs shell form. Source: docs/semantics/docker-28.5.md A.1 and B (`doc`), and
// builds on Docker Engine 28.5.2 run while writing this spec (`verified`). Since 28.5 both
// builders parse with BuildKit's parser: the JSON must be strict (`json.Unmarshal`).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BUILDERS, configOf, errorOf, onBusybox, rawOf } from "../helpers/simulate.js";

const SH = ["/bin/sh", "-c"];

describe("exec-form detection (doc A.1)", () => {
  const rows: { name: string; line: string; field: "Cmd" | "Entrypoint"; L: string[] | null; B: string[] | null }[] = [
    { name: "valid JSON", line: 'CMD ["a","b"]', field: "Cmd", L: ["a", "b"], B: ["a", "b"] },
    { name: "trailing text after the JSON makes it shell form", line: 'CMD ["a","b"] junk', field: "Cmd", L: [...SH, '["a","b"] junk'], B: [...SH, '["a","b"] junk'] },
    { name: "single quotes are not JSON", line: "CMD ['a','b']", field: "Cmd", L: [...SH, "['a','b']"], B: [...SH, "['a','b']"] },
    { name: "a trailing comma is not JSON", line: 'CMD ["a",]', field: "Cmd", L: [...SH, '["a",]'], B: [...SH, '["a",]'] },
    { name: "ENTRYPOINT []junk is shell form", line: "ENTRYPOINT []junk", field: "Entrypoint", L: [...SH, "[]junk"], B: [...SH, "[]junk"] },
    { name: "JSON escapes decoded, variables not expanded (verified)", line: 'CMD [ "a" , "b\\u0041\\t" , "$HOME" ]', field: "Cmd", L: ["a", "bA\t", "$HOME"], B: ["a", "bA\t", "$HOME"] },
    { name: "tab after the keyword, trailing spaces (verified)", line: 'CMD\t["a"]  ', field: "Cmd", L: ["a"], B: ["a"] },
    { name: "JSON over a continuation (verified)", line: 'ENTRYPOINT [ "a",\\\n  "b" ]', field: "Entrypoint", L: ["a", "b"], B: ["a", "b"] },
    { name: "a # inside shell form is kept (verified)", line: "CMD echo a # b \\\\x", field: "Cmd", L: [...SH, "echo a # b \\\\x"], B: [...SH, "echo a # b \\\\x"] },
    { name: "CMD []: absent in inspect", line: "CMD []", field: "Cmd", L: null, B: null },
    { name: "bare CMD", line: "CMD", field: "Cmd", L: SH, B: [...SH, ""] },
    { name: "bare ENTRYPOINT", line: "ENTRYPOINT", field: "Entrypoint", L: null, B: [...SH, ""] },
    { name: "ENTRYPOINT []", line: "ENTRYPOINT []", field: "Entrypoint", L: null, B: null },
    { name: "shell form", line: "ENTRYPOINT e1 x", field: "Entrypoint", L: [...SH, "e1 x"], B: [...SH, "e1 x"] },
  ];
  it.each(rows)("$name: $line (legacy)", (r) => {
    expect(configOf(onBusybox(r.line), { builder: "legacy" })[r.field]).toEqual(r.L);
  });
  it.each(rows)("$name: $line (buildkit)", (r) => {
    expect(configOf(onBusybox(r.line), { builder: "buildkit" })[r.field]).toEqual(r.B);
  });

  it("CMD []: the classic builder's raw config holds `Cmd: []` (doc A.1)", () => {
    expect(rawOf(onBusybox("CMD []"), { builder: "legacy" }).Cmd.value).toEqual([]);
  });

  it('VOLUME ["/x"] junk: whitespace split, quotes removed (doc A.1)', () => {
    for (const builder of BUILDERS) expect(configOf(onBusybox('VOLUME ["/x"] junk'), { builder }).Volumes).toEqual({ "[/x]": {}, junk: {} });
  });

  it("non-string JSON elements are an error, not shell form (doc A.1)", () => {
    const msg = "when using JSON array syntax, arrays must be comprised of strings only";
    for (const line of ["CMD [1]", 'CMD ["a", null]', 'CMD [["a"]]', 'ENTRYPOINT [true]', 'RUN ["/bin/echo", 1]']) {
      expect(errorOf(onBusybox(line), "buildkit")).toBe(msg);
      expect(errorOf(onBusybox(line), "legacy")).toBe(`failed to parse Dockerfile: ${msg}`);
    }
  });
});

describe("ArgsEscaped (doc B)", () => {
  it("BuildKit sets it on every CMD, whatever the form", () => {
    for (const line of ['CMD ["c"]', "CMD c", "CMD []", "CMD"]) expect(configOf(onBusybox(line), { builder: "buildkit" }).ArgsEscaped).toBe(true);
  });
  it("BuildKit's ENTRYPOINT does not set it", () => {
    expect(configOf(onBusybox("ENTRYPOINT e"), { builder: "buildkit" }).ArgsEscaped).toBe(false);
  });
  it("the classic builder never sets it", () => {
    for (const line of ['CMD ["c"]', "CMD c", "ENTRYPOINT e"]) expect(configOf(onBusybox(line), { builder: "legacy" }).ArgsEscaped).toBe(false);
  });
});

// The rule behind the table, for any input: a line whose arguments are a JSON array of strings is
// used verbatim (json.Unmarshal); anything else that does not start with `[` is one shell string.
describe("properties", () => {
  const printable = fc.string({ unit: fc.constantFrom(...Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i))), maxLength: 20 });

  it("a JSON array of strings is the exec form, verbatim, in both builders", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 12 }), { minLength: 1, maxLength: 5 }), fc.constantFrom("CMD", "ENTRYPOINT"), (argv, kw) => {
        for (const builder of BUILDERS) {
          const c = configOf(onBusybox(`${kw} ${JSON.stringify(argv)}`), { builder });
          expect(kw === "CMD" ? c.Cmd : c.Entrypoint).toEqual(argv);
        }
      }),
    );
  });

  it("text not starting with `[` is wrapped as [/bin/sh, -c, text] (trimmed), in both builders", () => {
    const text = printable.map((s) => s.trim()).filter((s) => s !== "" && !s.startsWith("[") && !s.endsWith("\\"));
    fc.assert(
      fc.property(text, (t) => {
        for (const builder of BUILDERS) expect(configOf(onBusybox(`CMD ${t}`), { builder }).Cmd).toEqual([...SH, t]);
      }),
    );
  });
});
