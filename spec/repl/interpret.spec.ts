import { describe, expect, it } from "vitest";
import { interpret } from "../../src/session/interpret.js";
import { initialSession } from "../../src/session/state.js";
import { memoryContext } from "../../src/fs/context/memory-context.js";
import { session } from "./session.js";

const MULTI = [
  "ARG V=1", //                        1
  "FROM sim/busybox AS base", //       2
  "ARG V", //                          3
  "ENV A=$V B=2", //                   4
  "WORKDIR /srv", //                   5
  "FROM base AS app", //               6
  "ENV C=3", //                        7
  "ENTRYPOINT python app.py", //       8
  'CMD ["--port", "80"]', //           9
].join("\n") + "\n";

describe("REPL interpreter", () => {
  it("says what to do before anything is loaded", () => {
    const s = session({});
    expect(s.type("config")).toMatch(/No Dockerfile loaded: load PATH/);
    expect(s.type("")).toBe("");
  });

  it("load and reload go through the shell, and summarise the build", () => {
    const files: Record<string, string> = { "ctx/Dockerfile": 'FROM sim/busybox\nCMD ["a"]\n' };
    const s = session(files);
    expect(s.type("load ctx/Dockerfile")).toBe('Loaded ctx/Dockerfile: BuildKit, stage "0"; runs ["a"]\n');
    files["ctx/Dockerfile"] = 'FROM sim/busybox\nCMD ["b"]\n';
    expect(s.type("reload")).toContain('runs ["b"]');
  });

  it("run explains the command with docker run options, and keeps them for why", () => {
    const s = session({ D: MULTI });
    s.type("load D");
    const out = s.type("run -e C=9 --rm -- serve --fast");
    expect(out).toContain("/bin/sh -c 'python app.py' serve --fast");
    expect(out).toContain("shell-form ENTRYPOINT + docker run arguments");
    expect(out).toContain("warning lint/shell-entrypoint-swallows-args: line 8");
    expect(s.type("why Env.C")).toContain("at run time: docker run -e C=9 sets it");
    expect(s.type("run --bogus")).toMatch(/unknown docker run option --bogus/);
  });

  it("env marks ARG and ENV, at the end of a stage or as a line sees them", () => {
    const s = session({ D: MULTI });
    s.type("load D");
    const end = s.type("env base");
    expect(end).toContain('Variables in force in stage "base", at its end:');
    expect(end).toMatch(/ARG {2}V=1 /);
    expect(end).toMatch(/ENV {2}A=1 /);
    const before4 = s.type("env base 4");
    expect(before4).toContain("as line 4 sees them");
    expect(before4).toMatch(/ARG {2}V=1/);
    expect(before4).not.toMatch(/ENV {2}A=/);
    expect(s.type("env 3")).not.toMatch(/ARG {2}V=/);
    expect(s.type("env global")).toMatch(/ARG {2}V=1 /);
    expect(s.type("env nope")).toMatch(/no stage "nope"/);
    expect(s.type("env base x")).toMatch(/LINE must be a line number/);
  });

  it("set build-arg, target and builder change the build", () => {
    const s = session({ D: MULTI });
    s.type("load D");
    expect(s.type("set build-arg V=7")).toContain("BuildKit");
    expect(s.type("env base")).toMatch(/ARG {2}V=7 .*from --build-arg/);
    expect(s.type("target base")).toContain('stage "base"');
    expect(s.type("builder legacy")).toContain("classic builder");
    expect(s.type("builder kaniko")).toBe("usage: builder buildkit|legacy\n");
    expect(s.type("set")).toContain("--build-arg V=7");
    s.type("unset build-arg V");
    expect(s.type("set")).toContain("no build args");
  });

  it("config, history, layers and stages", () => {
    const s = session({ D: MULTI });
    s.type("load D");
    expect(JSON.parse(s.type("config")).Entrypoint).toEqual(["/bin/sh", "-c", "python app.py"]);
    expect(s.type("history")).toMatch(/layer WORKDIR \/srv \(line 5, stage "base"\)/);
    expect(s.type("layers")).toBe("3 layers (2 from the base image, 1 added)\n");
    const stages = s.type("stages");
    expect(stages).toMatch(/^ {3}0 {2}base/m);
    expect(stages).toMatch(/^\* {2}1 {2}app/m);
  });

  it("why FIELD answers with provenance", () => {
    const s = session({ D: MULTI });
    s.type("load D");
    expect(s.type("why Cmd")).toContain('line 9, stage "app": CMD ["--port", "80"]');
    expect(s.type("why workdir")).toContain('line 5, stage "base": WORKDIR /srv (through stage "base")');
    expect(s.type("why Nope")).toMatch(/no field "Nope"/);
  });

  it("files PATH lists the image's entries like ls -l, and says what it cannot know", () => {
    const context = memoryContext({ "app/run.sh": { content: "echo hi\n", mode: 0o4755 }, "app/lib": { dir: true } });
    const s = session({ D: "FROM scratch\nCOPY --chown=7:8 app /srv/\nCOPY --from=sim/busybox /bin/busybox /bin/\n" }, { context });
    s.type("load D");
    const out = s.type("files /srv");
    expect(out).toMatch(/^drwxr-xr-x +7:8 +\/srv$/m);
    expect(out).toMatch(/^drwxr-xr-x +7:8 +\/srv\/lib$/m);
    expect(out).toMatch(/^-rwsr-xr-x +7:8 +8 +\/srv\/run\.sh$/m);
    expect(s.type("files /bin")).toMatch(/\/bin \(may hold more than shown\)/);
    expect(s.type("files /nope")).toContain("/nope: no such file or directory in the image");
    expect(s.type("files")).toBe("usage: files PATH\n");
  });

  it("warnings lists the traps", () => {
    const s = session({ D: "FROM sim/busybox\nRUN export X=1\nCMD ['a']\nFROM sim/unknown\n" });
    expect(s.type("load D")).toContain("3 warnings: type warnings to see them");
    const w = s.type("warnings");
    expect(w).toContain("lint/run-export-does-not-persist: line 2");
    expect(w).toContain("lint/json-not-json: line 3");
    expect(w).toContain("warning image/unknown: line 4");
  });

  it("help, unknown commands, and exit", () => {
    const s = session({});
    expect(s.type("help")).toContain("env [STAGE|global] [LINE]");
    expect(s.type("help why")).toContain("why FIELD");
    expect(s.type("hlep")).toBe('unknown command "hlep" (did you mean help?); try help\n');
    s.type("exit");
    expect(s.exited()).toBe(true);
  });

  it("never evaluates input: substitutions, variables and operators stay words", () => {
    const s = session({ D: 'FROM sim/busybox\nENTRYPOINT ["/e"]\n' });
    s.type("load D");
    const out = s.type("run $(touch /tmp/pwned) `id` $HOME '&&' ; rm -rf x");
    expect(out).toContain('"$HOME"');
    expect(out).toContain('";"');
    expect(out).toContain('"touch"');
    const load = interpret(initialSession(), "load $(echo x)");
    expect(load.effect).toBeUndefined();
    expect(load.output).toBe("usage: load PATH\n");
  });

  it("is pure: the same state and line give the same output", () => {
    const state = initialSession();
    expect(interpret(state, "help")).toEqual(interpret(state, "help"));
  });
});

describe("REPL rough edges (issue 18 point 5)", () => {
  it("an option that belongs to the command says where the command's words go, and what docker run would do", () => {
    const s = session({ D: MULTI });
    s.type("load D");
    const out = s.type("run --entrypoint sh -c 'echo hi'");
    expect(out).toContain("unknown docker run option -c");
    expect(out).toContain('docker run itself would read -c as its --cpu-shares option and fail on the value "echo hi"');
    expect(out).toContain("  run --entrypoint sh -- -c 'echo hi'\n");
    // The suggestion works as written.
    expect(s.type("run --entrypoint sh -- -c 'echo hi'")).toContain("sh -c 'echo hi'");
  });

  it("run options kept across set build-arg, target and builder are named in the status line, until run alone clears them", () => {
    const s = session({ D: MULTI });
    s.type("load D");
    s.type("run -u nobody -- serve");
    expect(s.type("set build-arg V=2")).toContain("; as docker run -u nobody IMAGE serve (from your last run; `run` alone clears it)");
    expect(s.type("target base")).toContain("as docker run -u nobody IMAGE serve");
    expect(s.type("builder legacy")).toContain("as docker run -u nobody IMAGE serve");
    s.type("run");
    expect(s.type("target app")).not.toContain("docker run");
  });
});
