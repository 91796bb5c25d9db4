/**
 * UndefinedVar (src/check/docker/rules/undefined-var.ts): every expansion an instruction makes, in
 * `RUN --mount` values and COPY heredoc bodies too.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkDocker } from "../../../src/check/index.js";
import { checkImageResolver } from "../check-images.js";
import { linesOf, replaysRecordedCases } from "./rule-spec.js";

describe("UndefinedVar", () => {
  it("reports a variable neither in the environment nor a declared ARG, at each instruction that expands it", () => {
    expect(linesOf("UndefinedVar", ["FROM scratch", "ENV A=$NOPE", "ARG B", "ENV C=$B", "WORKDIR /$A$X", "LABEL l=${Y:-1}"])).toEqual([2, 5, 6]);
  });
  it("is undecided on an unknown base image (its config may set the variable)", () => {
    const r = checkDocker("FROM example/unknown\nENV A=$NOPE\n", { dockerignore: null, resolver: checkImageResolver() });
    expect(r.warnings.filter((w) => w.rule === "UndefinedVar")).toEqual([]);
    expect(r.undecided.filter((u) => u.rule === "UndefinedVar").map((u) => u.lines.start)).toEqual([2]);
  });
  replaysRecordedCases("UndefinedVar");

  const NAMES = ["ALPHA", "BRAVO", "CHARLIE", "DELTA"] as const;
  it("every unset variable in a mount value or a COPY heredoc body is one UndefinedVar at the instruction's lines", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 4 }), fc.boolean(), (names, heredoc) => {
        const text = heredoc
          ? `FROM scratch\nCOPY <<EOF /dst\n${names.map((n) => `\${${n}}`).join(" ")}\nEOF\n`
          : `FROM scratch\nRUN --mount=type=cache,target=/c,id=${names.map((n) => `\${${n}}`).join("")} true\n`;
        const r = checkDocker(text, { dockerignore: null });
        expect(r.error).toBeNull();
        const found = r.warnings.filter((w) => w.rule === "UndefinedVar");
        expect(found.map((w) => w.detail.match(/\$(\w+)/)![1]).sort()).toEqual([...names].sort());
        for (const w of found) expect(w.lines).toEqual(heredoc ? { start: 2, end: 4 } : { start: 2, end: 2 });
      }),
    );
  });

  it("a quoted heredoc delimiter and a RUN heredoc are not expanded", () => {
    const r = checkDocker("FROM scratch\nCOPY <<'EOF' /dst\n$ALPHA\nEOF\nRUN <<EOF\necho $BRAVO\nEOF\n", { dockerignore: null });
    expect(r.warnings).toEqual([]);
  });
});
