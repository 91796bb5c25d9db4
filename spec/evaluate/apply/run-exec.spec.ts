// RUN whose program is certainly absent (src/evaluate/apply/run-exec.ts; D8 of docs/oracle.md).
// Rows verified on Docker Engine 28.5.2 with both builders.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { memoryContext } from "../../../src/fs/context/memory-context.js";
import { BUILDERS, sim, type Builder } from "../../helpers/simulate.js";

const RUNC = "failed to create task for container: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: ";
const errorOf = (text: string, builder: Builder): string | null => sim(text, { builder }).error?.message ?? null;

describe("RUN on a filesystem the simulator knows completely (verified on 28.5.2)", () => {
  const rows: [string, string, string][] = [
    ["FROM scratch\nRUN true\n", 'process "/bin/sh -c true" did not complete successfully: exit code: 1', `${RUNC}exec: "/bin/sh": stat /bin/sh: no such file or directory`],
    ["FROM scratch\nRUN [\"/bin/true\"]\n", 'process "/bin/true" did not complete successfully: exit code: 1', `${RUNC}exec: "/bin/true": stat /bin/true: no such file or directory`],
    ["FROM scratch\nRUN [\"true\"]\n", 'process "true" did not complete successfully: exit code: 1', `${RUNC}exec: "true": executable file not found in $PATH`],
    ["FROM scratch AS a\nFROM a\nRUN true\n", 'process "/bin/sh -c true" did not complete successfully: exit code: 1', `${RUNC}exec: "/bin/sh": stat /bin/sh: no such file or directory`],
    ["FROM scratch\nSHELL [\"/x/sh\",\"-c\"]\nRUN true\n", 'process "/x/sh -c true" did not complete successfully: exit code: 1', `${RUNC}exec: "/x/sh": stat /x/sh: no such file or directory`],
  ];
  it.each(rows)("%j", (text, buildkit, legacy) => {
    expect(errorOf(text, "buildkit")).toBe(buildkit);
    expect(errorOf(text, "legacy")).toBe(legacy);
  });
  it.each(BUILDERS)("the user lookup comes first (%s)", (builder) => {
    expect(errorOf("FROM scratch\nUSER nobody\nRUN true\n", builder)).toContain("unable to find user nobody");
  });
});

describe("where the files are not all known, nothing is predicted", () => {
  it.each(BUILDERS)("an image whose files are partly known: RUN [\"nothere\"] (a real build fails; %s)", (builder) => {
    expect(errorOf("FROM sim/busybox\nRUN [\"nothere\"]\n", builder)).toBeNull();
  });
  it.each(BUILDERS)("after a RUN, even on scratch (%s)", (builder) => {
    const s = sim("FROM scratch\nCOPY sh /bin/sh\nRUN true\nRUN [\"/bin/other\"]\n", { builder, context: memoryContext({ sh: "x" }) });
    expect(s.error).toBeNull();
  });
  it("a --mount may put the program there (BuildKit)", () => {
    expect(errorOf("FROM scratch\nRUN --mount=from=sim/busybox,target=/bin true\n", "buildkit")).toBeNull();
  });
  it.each(BUILDERS)("a relative PATH entry (%s)", (builder) => {
    expect(errorOf("FROM scratch\nENV PATH=bin:/bin\nRUN [\"true\"]\n", builder)).toBeNull();
  });
});

describe("properties", () => {
  it("a program COPY put there is never reported missing; any other absolute program on scratch is", () => {
    const name = fc.stringMatching(/^[a-z]{1,6}$/);
    fc.assert(
      fc.property(name, name, fc.constantFrom(...BUILDERS), fc.boolean(), (dir, file, builder, exec) => {
        const program = `/${dir}/${file}`;
        fc.pre(program !== "/bin/sh");
        const text = `FROM scratch\nCOPY f ${program}\nRUN ${exec ? JSON.stringify([program]) : "true"}\n`;
        const s = sim(text, { builder, context: memoryContext({ f: "#!/bin/x\n" }) });
        if (exec) expect(s.error).toBeNull();
        else expect(s.error?.message).toContain("/bin/sh");
      }),
      { numRuns: 100 },
    );
  });
});
