/**
 * Issue 18 points 4 and 6: the text explains the run being asked about. `docker run` options show
 * as overrides (with the image's value they replace), warnings are recomputed for that run,
 * ONBUILD triggers appear, and a Windows image's default user is not shown as root.
 */
import { describe, expect, it } from "vitest";
import { explainRun } from "../../src/explain/explain-run.js";
import { PLAIN, renderExplanation } from "../../src/explain/render-text.js";
import { lintDockerfile } from "../../src/lint/lint-dockerfile.js";
import { simulate, type SimulateOptions } from "../../src/simulate.js";
import { imageWith, resolverWith } from "../helpers/simulate.js";

function textOf(dockerfile: string, options: SimulateOptions): string {
  const sim = simulate(dockerfile, { resolver: resolverWith(), ...options });
  return renderExplanation(explainRun(sim), PLAIN, lintDockerfile(sim));
}

/** The "Why:" block's line for a field and the line after it (the reason). */
function why(text: string, field: string): string {
  const lines = text.slice(text.indexOf("Why:")).split("\n");
  const i = lines.findIndex((l) => l.startsWith(`  ${field.padEnd(11)} `));
  return i < 0 ? "" : `${lines[i]}\n${lines[i + 1]}`;
}

describe("docker run overrides in the text (issue 18 point 4)", () => {
  const dockerfile = "FROM sim/busybox\nWORKDIR /srv\nUSER app\nENTRYPOINT /app --serve\nCMD [\"x\"]\n";

  it("-u and -w show as overrides, with the image's values they replace", () => {
    const t = textOf(dockerfile, { run: { user: "nobody", workdir: "/tmp" } });
    expect(why(t, "User")).toMatch(/^  User +"nobody"\n.*overridden by docker run -u; the image's User "app"/);
    expect(why(t, "WorkingDir")).toMatch(/^  WorkingDir +"\/tmp"\n.*overridden by docker run -w; the image's WorkingDir "\/srv"/);
  });

  it("--entrypoint replaces ENTRYPOINT and drops the image's CMD", () => {
    const t = textOf(dockerfile, { run: { entrypoint: "sh", args: ["-c", "echo hi"] } });
    expect(why(t, "Entrypoint")).toMatch(/^  Entrypoint +\["sh"\]\n.*overridden by docker run --entrypoint; the image's Entrypoint \["\/bin\/sh","-c","\/app --serve"\]/);
    expect(why(t, "Cmd")).toMatch(/^  Cmd +\["-c","echo hi"\]\n.*replaced by the docker run arguments/);
    const bare = textOf(dockerfile, { run: { entrypoint: "/bin/true" } });
    expect(why(bare, "Cmd")).toMatch(/^  Cmd +\(none\)\n.*--entrypoint drops the image's Cmd \["x"\]/);
  });

  it("the swallowed-arguments warning is not given for a run with --entrypoint", () => {
    expect(textOf(dockerfile, {})).toContain("lint/shell-entrypoint-swallows-args");
    expect(textOf(dockerfile, { run: { entrypoint: "/bin/true" } })).not.toContain("lint/shell-entrypoint-swallows-args");
  });

  it("-e entries are listed", () => {
    expect(why(textOf(dockerfile, { run: { env: ["A=1"] } }), "Env")).toMatch(/^  Env +\["A=1"\]\n.*docker run -e/);
  });

  it("without overrides the image's values are shown as before", () => {
    const t = textOf(dockerfile, {});
    expect(why(t, "User")).toMatch(/^  User +"app"\n.*line 3/);
    expect(why(t, "Env")).toBe("");
  });
});

describe("ONBUILD and Windows images in the text (issue 18 point 6)", () => {
  it("lists the triggers a stage registers", () => {
    const t = textOf("FROM sim/busybox\nONBUILD RUN make\nCMD [\"x\"]\n", {});
    expect(why(t, "OnBuild")).toMatch(/^  OnBuild +"RUN make"\n.*line 2.*registered/);
  });

  it("lists the triggers of the base image that ran at FROM, and those of an earlier stage", () => {
    const resolver = resolverWith(imageWith("docker.io/sim/ob:latest", { OnBuild: ["ENV T=1"] }));
    expect(why(textOf("FROM sim/ob\nCMD [\"x\"]\n", { resolver }), "Triggers")).toMatch(/^  Triggers +\["ENV T=1"\]\n.*the base image docker\.io\/sim\/ob:latest/);
    expect(why(textOf("FROM sim/busybox AS a\nONBUILD ENV T=1\nFROM a\nCMD [\"x\"]\n", {}), "Triggers")).toMatch(/stage "a"/);
  });

  it("a Windows image without USER is not shown as root", () => {
    const resolver = resolverWith(imageWith("docker.io/sim/win:latest", { Cmd: ["cmd"] }, { os: "windows" }));
    const t = textOf("FROM sim/win\n", { resolver });
    expect(why(t, "User")).toMatch(/^  User +\(the image's default account\)\n.*Windows.*does not model/);
    expect(t).not.toContain("(root)");
    expect(why(t, "Shell")).toContain("cmd /S /C");
  });
});
