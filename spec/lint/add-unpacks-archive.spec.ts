import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { memoryContext } from "../../src/fs/context/memory-context.js";
import { findingsOf, ruleCases } from "./rule-cases.js";

ruleCases("lint/add-unpacks-archive", [
  { name: "a local tarball is unpacked", dockerfile: "FROM sim/busybox\nADD app.tar.gz /opt/\n", lines: [2], mentions: ["ADD of a local file unpacks it if its content is a tar archive", "use COPY"] },
  { name: "a URL is not unpacked", dockerfile: "FROM sim/busybox\nADD https://example.com/app.tgz /opt/\n", lines: [2], mentions: ["does not unpack"] },
  { name: "a zip is never unpacked", dockerfile: "FROM sim/busybox\nADD app.zip /opt/\n", lines: [2], mentions: ["never zip"] },
], [
  { name: "COPY of a tarball", dockerfile: "FROM sim/busybox\nCOPY app.tar.gz /opt/\n" },
  { name: "ADD --unpack=false", dockerfile: "FROM sim/busybox\nADD --unpack=false app.tar.gz /opt/\n" },
  { name: "ADD of a plain file", dockerfile: "FROM sim/busybox\nADD app.py /srv/\n" },
]);

describe("lint/add-unpacks-archive severity and pending mark", () => {
  it("without a context, a local archive is a warning marked as judged from the name; a URL is info", () => {
    const [local] = findingsOf("lint/add-unpacks-archive", "FROM sim/busybox\nADD a.tar /x/\n");
    expect(local).toMatchObject({ severity: "warning", pending: expect.stringContaining("judged from the name") });
    const [url] = findingsOf("lint/add-unpacks-archive", "FROM sim/busybox\nADD https://h/a.tar /x/\n");
    expect(url).toMatchObject({ severity: "info" });
    expect(url!.pending).toBeUndefined();
  });
  it("points at the source word", () => {
    const [f] = findingsOf("lint/add-unpacks-archive", "FROM sim/busybox\nADD app.py a.tar /x/\n");
    expect(f!.range).toMatchObject({ start: { line: 1, character: 11 } });
  });
});

describe("lint/add-unpacks-archive with a build context: the content decides, as in Docker", () => {
  const fixtures = join(import.meta.dirname, "..", "fs", "archive", "fixtures");
  const context = memoryContext({
    bundle: new Uint8Array(readFileSync(join(fixtures, "noext"))),
    "fake.tar.gz": new Uint8Array(readFileSync(join(fixtures, "fake.tar.gz"))),
    "notes.txt": "plain\n",
  });

  it("an extension-less tarball is reported as extracted, with no pending mark", () => {
    const [f] = findingsOf("lint/add-unpacks-archive", "FROM sim/busybox\nADD bundle /opt/\n", { context });
    expect(f).toMatchObject({ severity: "warning", message: expect.stringContaining("is a tar archive (by its content)") });
    expect(f!.pending).toBeUndefined();
  });

  it("a .tar.gz that is not gzip is reported as copied as a file", () => {
    const [f] = findingsOf("lint/add-unpacks-archive", "FROM sim/busybox\nADD fake.tar.gz /opt/\n", { context });
    expect(f).toMatchObject({ severity: "info", message: expect.stringContaining("its content is not a tar archive") });
  });

  it("a plain file is not reported", () => {
    expect(findingsOf("lint/add-unpacks-archive", "FROM sim/busybox\nADD notes.txt /opt/\n", { context })).toEqual([]);
  });
});
