import { describe, expect, it } from "vitest";
import { simpleCommands } from "../../src/lint/rules/run-export-does-not-persist.js";
import { ruleCases } from "./rule-cases.js";

ruleCases("lint/run-export-does-not-persist", [
  { name: "RUN export alone", dockerfile: "FROM sim/busybox\nRUN export FOO=bar\n", lines: [2], mentions: ["ENV FOO="] },
  { name: "an export at the end of a chain", dockerfile: "FROM sim/busybox\nRUN make && export VERSION=$(cat v)\n", lines: [2], mentions: ["VERSION"] },
  { name: "an export at the end of a heredoc", dockerfile: "FROM sim/busybox\nRUN <<EOF\nmake\nexport X=1\nEOF\n", lines: [2] },
], [
  { name: "used within the same RUN", dockerfile: "FROM sim/busybox\nRUN export FOO=bar && make\n" },
  { name: "ENV", dockerfile: "FROM sim/busybox\nENV FOO=bar\n" },
  { name: "the word export quoted", dockerfile: "FROM sim/busybox\nRUN echo 'export X=1' > /etc/profile.d/x.sh\n" },
]);

describe("simpleCommands", () => {
  it("splits at ; && || | and newlines, not inside quotes", () => {
    expect(simpleCommands("a && b; c || d | e\nf 'g;h'")).toEqual(["a", "b", "c", "d", "e", "f 'g;h'"]);
  });
});
