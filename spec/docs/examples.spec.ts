import { describe, expect, it } from "vitest";

// The docs' runnable examples: each must run and give the answer its comments promise.
// Importing an example transforms the whole core the first time (slow on a loaded machine): a generous timeout.
describe("docs/examples", { timeout: 120_000 }, () => {
  it("effective-command: ENTRYPOINT clears the CMD inherited from the base image", async () => {
    const ex = await import("../../docs/examples/effective-command.js");
    expect(ex.argv).toEqual(["/entrypoint.sh"]);
    expect(ex.why.ok && ex.why.value.entries[0]?.origin.kind).toBe("reset");
    expect(ex.why.ok && ex.why.value.entries[0]?.why).toMatch(/cleared by ENTRYPOINT on line 3/);
  });

  it("builders-differ: ARG vs ENV precedence and WORKDIR cleaning per builder (verified on 28.5)", async () => {
    const ex = await import("../../docs/examples/builders-differ.js");
    expect(ex.buildkit.config?.Labels).toEqual({ v: "again" });
    expect(ex.legacy.config?.Labels).toEqual({ v: "from-env" });
    expect(ex.buildkit.config?.WorkingDir).toBe("/srv/app/");
    expect(ex.legacy.config?.WorkingDir).toBe("/srv/app");
  });

  it("files-add-copy: COPY dir/ copies contents with --chown, .dockerignore applies, ADD extracts by content (rules recorded on 28.5)", async () => {
    const ex = await import("../../docs/examples/files-add-copy.js");
    expect(ex.sim.error).toBeNull();
    expect(ex.srv.map((e) => e.path)).toEqual(["/srv", "/srv/run.sh"]);
    expect(ex.srv[1]).toMatchObject({ type: "file", mode: 0o755, uid: 1000, gid: 1000 });
    // WORKDIR made /srv (root's); COPY into an existing directory does not chown it.
    expect(ex.srv[0]).toMatchObject({ type: "dir", uid: 0, gid: 0 });
    expect(ex.opt.map((e) => `${e.path} ${e.type}`)).toEqual(["/opt dir", "/opt/bin dir", "/opt/bin/tool file", "/opt/release.tar.gz file"]);
  });
});
