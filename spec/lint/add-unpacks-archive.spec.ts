import { describe, expect, it } from "vitest";
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
  it("a local archive is a warning pending issue 3's content check; a URL is info", () => {
    const [local] = findingsOf("lint/add-unpacks-archive", "FROM sim/busybox\nADD a.tar /x/\n");
    expect(local).toMatchObject({ severity: "warning", pending: expect.stringContaining("issue 3") });
    const [url] = findingsOf("lint/add-unpacks-archive", "FROM sim/busybox\nADD https://h/a.tar /x/\n");
    expect(url).toMatchObject({ severity: "info" });
    expect(url!.pending).toBeUndefined();
  });
  it("points at the source word", () => {
    const [f] = findingsOf("lint/add-unpacks-archive", "FROM sim/busybox\nADD app.py a.tar /x/\n");
    expect(f!.range).toMatchObject({ start: { line: 1, character: 11 } });
  });
});
