// Parser directives. Source: docs/semantics/docker-28.5.md A.3 (`doc`) and builds on Docker
// Engine 28.5.2 run while writing this spec (`verified`). Both builders know `syntax`, `escape`
// and `check`, and read directives only at the very top of the file.
import { describe, expect, it } from "vitest";
import { BUILDERS, errorOf, labelsOf } from "../helpers/simulate.js";

/** With the backtick escape active: `p=a\b q=xy`; with the default escape: `p=ab q=x`y`. */
const PROBE = "FROM sim/busybox\nLABEL p=a\\b q=x`y\n";
const ACTIVE = { p: "a\\b", q: "xy" };
const INACTIVE = { p: "ab", q: "x`y" };

describe("escape directive placement (doc A.3)", () => {
  const rows: { name: string; head: string; active: boolean }[] = [
    { name: "on line 1", head: "# escape=`\n", active: true },
    { name: "with leading spaces", head: "  # escape=`\n", active: true },
    { name: "any case, spaces around =, trailing space", head: "#ESCAPE = ` \n", active: true },
    { name: "followed by a blank line", head: "# escape=`\n\n", active: true },
    { name: "after a blank line (it is a comment)", head: "\n# escape=`\n", active: false },
    { name: "after an ordinary comment", head: "# hello\n# escape=`\n", active: false },
    { name: "after an unknown directive", head: "# foo=bar\n# escape=`\n", active: false },
    { name: "after a syntax directive", head: "# syntax=docker/dockerfile:1\n# escape=`\n", active: true },
    { name: "after a check directive", head: "# check=skip=all\n# escape=`\n", active: true },
    { name: "after the instructions start", head: "FROM sim/busybox AS first\n# escape=`\n", active: false },
    { name: "explicit backslash", head: "# escape=\\\n", active: false },
  ];
  for (const builder of BUILDERS) {
    it.each(rows)(`$name (${builder})`, (r) => {
      // `# syntax=` makes BuildKit fetch the frontend; offline that fails, so it is checked in legacy only.
      if (builder === "buildkit" && r.head.includes("syntax")) return;
      expect(labelsOf(r.head + PROBE, { builder })).toEqual(r.active ? ACTIVE : INACTIVE);
    });
  }
});

describe("directive errors (doc A.3)", () => {
  it.each(BUILDERS)("a repeated escape directive (%s)", (builder) => {
    const msg = "only one escape parser directive can be used";
    expect(errorOf("# escape=`\n# escape=\\\n" + PROBE, builder)).toBe(builder === "legacy" ? `failed to parse Dockerfile: ${msg}` : msg);
  });
  it.each(BUILDERS)("an invalid escape token (%s)", (builder) => {
    const msg = "invalid escape token 'x' does not match ` or \\";
    expect(errorOf("# escape=x\n" + PROBE, builder)).toBe(builder === "legacy" ? `failed to parse Dockerfile: ${msg}` : msg);
  });
  it("an invalid check option fails BuildKit only (verified)", () => {
    const text = "# check=bogus\nFROM sim/busybox\nLABEL a=1\n";
    expect(errorOf(text, "buildkit")).toBe('failed to parse check options: invalid check option "bogus"');
    expect(errorOf(text, "legacy")).toBeNull();
  });
  it("the classic builder ignores # syntax= (doc A.3)", () => {
    expect(errorOf("# syntax=docker/dockerfile:1\nFROM sim/busybox\nLABEL a=1\n", "legacy")).toBeNull();
  });
});

describe("check directive values (verified)", () => {
  const rows: { value: string; B: string | null }[] = [
    { value: "skip=all", B: null },
    { value: "error=true;skip=FromAsCasing", B: null },
    { value: "error=false", B: null },
    { value: "foo=1", B: 'failed to parse check options: invalid check option "foo"' },
    { value: "error=maybe", B: 'failed to parse check options: failed to parse check option "error=maybe": strconv.ParseBool: parsing "maybe": invalid syntax' },
    { value: "skip=all;bogus", B: 'failed to parse check options: invalid check option "bogus"' },
    { value: "skip=all;error=false;z=1", B: 'failed to parse check options: invalid check option "z"' },
    { value: " Error = true ", B: 'failed to parse check options: invalid check option "Error"' },
    { value: "skip=all;", B: 'failed to parse check options: invalid check option ""' },
  ];
  it.each(rows)("# check=$value", (r) => {
    const text = `# check=${r.value}\nFROM sim/busybox\nLABEL a=1\n`;
    expect(errorOf(text, "buildkit")).toBe(r.B);
    expect(errorOf(text, "legacy")).toBeNull();
  });
});
