/**
 * `RUN --mount` values (src/parse/run-mount.ts): the one-line CSV reader (github.com/tonistiigi/go-csvvalue)
 * and what BuildKit's parser reads of each value before anything is expanded (the stage it mounts).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvFields, mountSources, readMountSource } from "../../src/parse/run-mount.js";

describe("RUN --mount values", () => {
  const plain = fc.stringMatching(/^[a-z0-9=/$.{}-]{0,8}$/);
  it("csvFields reads back plain and quoted fields joined by commas", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(plain, fc.string({ maxLength: 8 })), { minLength: 1, maxLength: 5 }), (fields) => {
        const line = fields.map((f) => (/^[^",\n\r]*$/.test(f) && f !== "" ? f : `"${f.replaceAll('"', '""')}"`)).join(",");
        if (line.endsWith("\n")) return;
        expect(csvFields(line)).toEqual({ ok: true, fields });
      }),
    );
  });

  it("a bare quote inside an unquoted field is an error, as in Go's csv", () => {
    expect(csvFields('type=cache,target=/a"b').ok).toBe(false);
  });
});

describe("readMountSource (BuildKit's parse-time reading of a --mount's from)", () => {
  it("is the last from= field, any key case, scratch without one", () => {
    expect(readMountSource("type=cache,target=/c")).toEqual({ ok: true, source: "scratch" });
    expect(readMountSource("from=,target=/c")).toEqual({ ok: true, source: "scratch" });
    expect(readMountSource("FROM=Build,target=/b")).toEqual({ ok: true, source: "Build" });
    expect(readMountSource("from=a,from=b")).toEqual({ ok: true, source: "b" });
    expect(readMountSource('"from=a,x",target=/t')).toEqual({ ok: true, source: "a,x" });
  });

  it("refuses a $ before the end of from, and a value that is not one CSV line", () => {
    expect(readMountSource("from=$S")).toEqual({ ok: false, error: "'from' doesn't support variable expansion, define alias stage instead" });
    expect(readMountSource("from=a$")).toEqual({ ok: true, source: "a$" });
    expect(readMountSource('from=a"b')).toEqual({ ok: false, error: 'failed to parse csv mounts: bare " in non-quoted-field' });
  });

  it("property: a from value without quotes, commas or `$` reads back as itself (scratch when empty), whatever fields surround it", () => {
    const word = fc.stringMatching(/^[a-zA-Z0-9_.\/-]{0,8}$/);
    fc.assert(
      fc.property(word, fc.array(fc.tuple(fc.constantFrom("type", "target", "source", "id"), word), { maxLength: 3 }), fc.nat(), (from, others, at) => {
        const fields = others.map(([k, v]) => `${k}=${v}`);
        fields.splice(at % (fields.length + 1), 0, `from=${from}`);
        expect(readMountSource(fields.join(","))).toEqual({ ok: true, source: from === "" ? "scratch" : from });
        expect(mountSources([fields.join(","), "type=tmpfs,target=/t"])).toEqual([from === "" ? "scratch" : from, "scratch"]);
      }),
    );
  });
});
