import { describe, expect, it } from "vitest";
import { memoryContext } from "../../src/fs/context/memory-context.js";
import { findingsOf, ruleCases } from "./rule-cases.js";

ruleCases("lint/copy-directory-contents", [
  { name: "a trailing slash names a directory", dockerfile: "FROM sim/busybox\nCOPY config/ /etc/app/\n", lines: [2], mentions: ["copies what is inside config/ into /etc/app/", "COPY config/ /etc/app/config/"] },
  { name: "a lower-case name without an extension", dockerfile: "FROM sim/busybox\nCOPY src /app/\n", lines: [2], mentions: ["(if it is a directory)"] },
  { name: "ADD too", dockerfile: "FROM sim/busybox\nADD static/ /srv/\n", lines: [2] },
  // issue 18 point 9: the suggested fix keeps --from (and the other flags).
  { name: "the fix keeps the flags", dockerfile: "FROM sim/busybox AS build\nFROM sim/busybox\nCOPY --from=build --chown=1:1 /target/ /srv/\n", lines: [3], mentions: ["write COPY --from=build --chown=1:1 /target/ /srv/target/"] },
], [
  { name: "a file", dockerfile: "FROM sim/busybox\nCOPY app.py /srv/\n" },
  { name: "the whole context", dockerfile: "FROM sim/busybox\nCOPY . /app\n" },
  { name: "destination named after the source", dockerfile: "FROM sim/busybox\nCOPY src /app/src/\n" },
  { name: "a capitalised file name", dockerfile: "FROM sim/busybox\nCOPY Makefile /src/\n" },
  { name: "a binary from another stage", dockerfile: "FROM sim/busybox AS b\nFROM sim/busybox\nCOPY --from=b /out/server /usr/local/bin/\n" },
  { name: "a glob", dockerfile: "FROM sim/busybox\nCOPY src/* /app/\n" },
  // issue 18 point 9: merging a stage's tree into the root is deliberate.
  { name: "contents merged into the root", dockerfile: "FROM sim/busybox AS build\nFROM scratch\nCOPY --from=build /target/ /\n" },
  { name: "--parents keeps directories", dockerfile: "FROM sim/busybox\nCOPY --parents src/ /app/\n" },
]);

describe("lint/copy-directory-contents with a build context: the entry's type decides", () => {
  const context = memoryContext({ "static/index.html": "<p>\n", app: "#!/bin/sh\n", "Config/app.yml": "a: 1\n" });

  it("a directory with any name is reported, with no pending mark", () => {
    const [f] = findingsOf("lint/copy-directory-contents", "FROM sim/busybox\nCOPY Config /etc/\n", { context });
    expect(f).toMatchObject({ message: expect.stringContaining("copies what is inside Config into /etc/") });
    expect(f!.pending).toBeUndefined();
  });

  it("a file that merely looks like a directory name is not reported", () => {
    expect(findingsOf("lint/copy-directory-contents", "FROM sim/busybox\nCOPY app /usr/local/bin/\n", { context })).toEqual([]);
  });
});
