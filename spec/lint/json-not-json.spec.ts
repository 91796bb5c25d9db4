import { describe, expect, it } from "vitest";
import { whyNotJson } from "../../src/lint/rules/json-not-json.js";
import { ruleCases } from "./rule-cases.js";

// docs/semantics section A.1: single quotes, trailing text and a trailing comma fall back to shell form.
ruleCases("lint/json-not-json", [
  { name: "single quotes", dockerfile: "FROM sim/busybox\nCMD ['a', 'b']\n", lines: [2], mentions: ["single quotes", `/bin/sh -c "['a', 'b']"`] },
  { name: "text after the closing bracket", dockerfile: 'FROM sim/busybox\nENTRYPOINT ["a","b"] junk\n', lines: [2], mentions: ['text after the closing ]: "junk"'] },
  { name: "a trailing comma in RUN", dockerfile: 'FROM sim/busybox\nRUN ["a",]\n', lines: [2], mentions: ["trailing comma"] },
  { name: "VOLUME with trailing text", dockerfile: 'FROM sim/busybox\nVOLUME ["/x"] junk\n', lines: [2], mentions: ["space-separated"] },
], [
  { name: "valid exec form", dockerfile: 'FROM sim/busybox\nCMD ["a", "b"]\nVOLUME ["/x"]\n' },
  { name: "plain shell form", dockerfile: "FROM sim/busybox\nCMD echo [a]\n" },
]);

describe("whyNotJson", () => {
  it.each([
    ["['a']", "it uses single quotes, and JSON needs double quotes"],
    ['["a"] x', 'it has text after the closing ]: "x"'],
    ['["a",]', "it has a trailing comma"],
    ['["a"', "it is not valid JSON"],
  ])("%s", (text, why) => expect(whyNotJson(text)).toBe(why));
});
