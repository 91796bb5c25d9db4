import { describe, expect, it } from "vitest";
import { matrixCellOf } from "../../src/explain/matrix-cell.js";
import { simulate, type SimulateOptions } from "../../src/simulate.js";
import { imageWith, resolverWith } from "../helpers/simulate.js";

function cell(body: string, o: SimulateOptions = {}) {
  return matrixCellOf(simulate(`FROM scratch\n${body}\n`, o));
}

// Docker's ENTRYPOINT × CMD table; the argv of each cell is in docs/semantics section H.
describe("matrixCellOf", () => {
  it.each([
    ['CMD ["c"]', "none", "exec", "no ENTRYPOINT + exec-form CMD", "CMD runs as written"],
    ["CMD c x", "none", "shell", "no ENTRYPOINT + shell-form CMD", "the shell runs CMD's text (/bin/sh -c '…')"],
    ['ENTRYPOINT ["e"]', "exec", "none", "exec-form ENTRYPOINT + no CMD", "ENTRYPOINT runs as written"],
    ['ENTRYPOINT ["e"]\nCMD ["c"]', "exec", "exec", "exec-form ENTRYPOINT + exec-form CMD", "CMD words are appended to ENTRYPOINT as its arguments"],
    ['ENTRYPOINT ["e"]\nCMD c', "exec", "shell", "exec-form ENTRYPOINT + shell-form CMD", "ENTRYPOINT gets CMD's /bin/sh -c '…' as its arguments"],
    ["ENTRYPOINT e", "shell", "none", "shell-form ENTRYPOINT + no CMD", "the shell runs ENTRYPOINT's text"],
    ['ENTRYPOINT e\nCMD ["c"]', "shell", "exec", "shell-form ENTRYPOINT + exec-form CMD", "CMD words become $0 $1 … of /bin/sh -c, which the command never sees"],
    ["ENTRYPOINT e\nCMD c", "shell", "shell", "shell-form ENTRYPOINT + shell-form CMD", "CMD words become $0 $1 … of /bin/sh -c, which the command never sees"],
    ["LABEL a=b", "none", "none", "no ENTRYPOINT + no CMD", 'nothing is left to run: docker run refuses with "no command specified"'],
    ['SHELL ["/bin/bash", "-xc"]\nENTRYPOINT e\nCMD ["c"]', "shell", "exec", "shell-form ENTRYPOINT + exec-form CMD", "CMD words become $0 $1 … of /bin/bash -xc, which the command never sees"],
  ])("%j", (body, entrypoint, cmd, summary, effect) => {
    expect(cell(body)).toEqual({ entrypoint, cmd, summary, effect });
  });

  it.each([
    [{ args: ["a"] }, 'ENTRYPOINT ["e"]\nCMD ["c"]', "exec", "run-arguments"],
    [{ args: ["a"] }, 'ENTRYPOINT e\nCMD ["c"]', "shell", "run-arguments"],
    [{ entrypoint: "x" }, 'ENTRYPOINT ["e"]\nCMD ["c"]', "override", "dropped"],
    [{ entrypoint: "x", args: ["a"] }, 'CMD ["c"]', "override", "run-arguments"],
    [{ entrypoint: "" }, 'ENTRYPOINT ["e"]\nCMD ["c"]', "cleared", "dropped"],
    [{ entrypoint: "", args: ["a"] }, 'ENTRYPOINT ["e"]', "cleared", "run-arguments"],
  ])("docker run %j on %j", (run, body, entrypoint, cmd) => {
    expect(cell(body, { run })).toMatchObject({ entrypoint, cmd });
  });

  it("reads a base image's stored list by what it looks like", () => {
    const resolver = resolverWith(imageWith("docker.io/sim/ep:latest", { Entrypoint: ["/bin/sh", "-c", "exec app"], Cmd: ["--x"] }));
    expect(matrixCellOf(simulate("FROM sim/ep\nLABEL a=b\n", { resolver }))).toMatchObject({ entrypoint: "shell", cmd: "exec" });
  });

  it("is null without a built stage", () => {
    expect(matrixCellOf(simulate("FROM scratch\nFOO bar\n"))).not.toBeNull();
    expect(matrixCellOf(simulate(""))).toBeNull();
  });
});
