import { describe, expect, it } from "vitest";
import { githubRepo, libraryEntries, parseManifestBlocks } from "../../scripts/catalog/library-manifest.js";

// The shapes of docker-library/official-images library files (README.md, "Instruction format"):
// a defaults block, then one block per Dockerfile; per-architecture overrides; continuation lines.
const MANIFEST = `# this file is generated
Maintainers: A <a@example.com> (@a),
             B <b@example.com> (@b)
GitRepo: https://github.com/example/docker-thing.git
GitCommit: 1111111111111111111111111111111111111111
amd64-GitCommit: 2222222222222222222222222222222222222222

Tags: 2.1.0, 2.1, 2, latest
SharedTags: stable
Architectures: amd64, arm64v8
Directory: 2/debian

Tags: 2.1.0-alpine, 2-alpine
Architectures: arm64v8
Directory: 2/alpine

# a comment between blocks
Tags: 1-windows
Architectures: windows-amd64
Directory: 1/windows

Tags: 1.9
GitCommit: 3333333333333333333333333333333333333333
amd64-Directory: 1/amd64/
Directory: 1/other
File: Dockerfile.debian
Builder: buildkit
`;

describe("library manifests", () => {
  it("splits blocks, drops comments and joins continuation lines", () => {
    const blocks = parseManifestBlocks(MANIFEST);
    expect(blocks).toHaveLength(5);
    expect(blocks[0]!.get("maintainers")).toBe("A <a@example.com> (@a), B <b@example.com> (@b)");
  });

  it("gives the amd64 entries with the defaults and the amd64 overrides applied", () => {
    const entries = libraryEntries(MANIFEST, "amd64");
    expect(entries.map((e) => e.tags)).toEqual([["2.1.0", "2.1", "2", "latest"], ["1.9"]]);
    expect(entries[0]).toMatchObject({ sharedTags: ["stable"], gitRepo: "https://github.com/example/docker-thing.git", gitCommit: "2222222222222222222222222222222222222222", directory: "2/debian", file: "Dockerfile", builder: "" });
    // The defaults block's amd64-GitCommit still wins over the entry's plain GitCommit only when the entry gives no amd64- value of its own.
    expect(entries[1]).toMatchObject({ directory: "1/amd64", file: "Dockerfile.debian", builder: "buildkit" });
  });

  it("keeps only the entries built for the architecture asked", () => {
    expect(libraryEntries(MANIFEST, "arm64v8").map((e) => e.directory)).toEqual(["2/debian", "2/alpine"]);
    expect(libraryEntries(MANIFEST, "windows-amd64").map((e) => e.directory)).toEqual(["1/windows"]);
  });

  it("names GitHub repositories and nothing else", () => {
    expect(githubRepo("https://github.com/nodejs/docker-node.git")).toBe("nodejs/docker-node");
    expect(githubRepo("https://github.com/influxdata/influxdata-docker")).toBe("influxdata/influxdata-docker");
    expect(githubRepo("git@github.com:o/r.git")).toBe("o/r");
    expect(githubRepo("https://git.launchpad.net/cloud-images/+oci/ubuntu-base")).toBeNull();
  });
});
