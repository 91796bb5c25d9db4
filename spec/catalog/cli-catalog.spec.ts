import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main, type CliIo } from "../../src/node/cli.js";

const NODE_APP = join(import.meta.dirname, "..", "..", "examples", "node-app");

async function cli(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const io: CliIo = { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s), readStdin: async () => "", env: {}, isTTY: false, cwd: process.cwd() };
  return { code: await main(argv, io), stdout: () => stdout, stderr: () => stderr };
}

describe("explain-cmd with the bundled catalog (issue 16, done when)", () => {
  it("shows docker-entrypoint.sh /bin/sh -c 'npm start' for examples/node-app with no flags, the catalog as its source", async () => {
    const r = await cli([NODE_APP]);
    expect(r.code).toBe(0);
    const out = r.stdout();
    expect(out).toContain("docker run starts:\n  docker-entrypoint.sh /bin/sh -c 'npm start'\n");
    expect(out).toMatch(/Base image node:20-alpine: from the bundled catalog, nodejs\/docker-node@[0-9a-f]{40}.*the image you pull may differ/);
  });

  it("says so in --json: images[].source is catalog", async () => {
    const r = await cli(["--json", NODE_APP]);
    const out = JSON.parse(r.stdout());
    expect(out.run).toMatchObject({ path: "docker-entrypoint.sh", args: ["/bin/sh", "-c", "npm start"] });
    expect(out.images).toEqual([{ ref: "docker.io/library/node:20-alpine", source: "catalog", platform: "linux/amd64" }]);
  });

  it("--no-catalog leaves the image unknown", async () => {
    const r = await cli(["--json", "--no-catalog", NODE_APP]);
    const out = JSON.parse(r.stdout());
    expect(out.images).toEqual([{ ref: "docker.io/library/node:20-alpine", source: "unknown" }]);
    expect(out.run).toMatchObject({ path: "/bin/sh" });
  });
});
