import { describe, expect, it } from "vitest";
import { explainField, parseFieldQuery, type FieldAnswer } from "../../src/explain/explain-field.js";
import { renderFieldAnswer } from "../../src/explain/render-field.js";
import { simulate, type SimulateOptions } from "../../src/simulate.js";
import { DEFAULT_PATH, imageWith, resolverWith } from "../helpers/simulate.js";

const nginx = imageWith("docker.io/library/nginx:latest", { Cmd: ["nginx", "-g", "daemon off;"], Env: [`PATH=${DEFAULT_PATH}`, "NGINX_VERSION=1.27"], StopSignal: "SIGQUIT", ExposedPorts: { "80/tcp": {} } });
const opts: SimulateOptions = { resolver: resolverWith(nginx) };

function why(text: string, field: string, o: SimulateOptions = opts): FieldAnswer {
  const a = explainField(simulate(text, { ...opts, ...o }), field);
  if (!a.ok) throw new Error(a.error);
  return a.value;
}

describe("explainField: each kind of origin", () => {
  it("instruction: names the stage, the line and the text", () => {
    const a = why('FROM nginx AS web\nWORKDIR /srv\nCMD ["x"]\n', "WorkingDir");
    expect(a.entries).toHaveLength(1);
    expect(a.entries[0]!.origin.kind).toBe("instruction");
    expect(a.entries[0]!.why).toBe('line 2, stage "web": WORKDIR /srv');
  });

  it("base image: names the image", () => {
    const a = why("FROM nginx\nLABEL a=b\n", "StopSignal");
    expect(a.entries[0]!.why).toBe("inherited from the base image docker.io/library/nginx:latest");
  });

  it("builder default: says which default", () => {
    const a = why("FROM scratch\nCMD [\"/x\"]\n", "Env.PATH");
    expect(a.entries[0]!.origin.kind).toBe("default");
    expect(a.entries[0]!.why).toMatch(/^builder default: /);
  });

  it("reset: says what was cleared, by which line, and why", () => {
    const a = why('FROM nginx\nLABEL x=y\nENTRYPOINT ["/docker-entrypoint.sh"]\n', "Cmd");
    expect(a.entries[0]!.value).toBe("(unset)");
    expect(a.entries[0]!.why).toBe('Cmd ["nginx","-g","daemon off;"] from the base image docker.io/library/nginx:latest was cleared by ENTRYPOINT on line 3 (stage "0"), because no CMD was set in this stage before it');
  });

  it("docker run override: arguments replace Cmd, -e sets Env, -w and -u", () => {
    const run = { args: ["-v"], env: ["NGINX_VERSION=2"], workdir: "/tmp", user: "1:2" };
    const text = 'FROM nginx\nCMD ["nginx"]\n';
    expect(why(text, "Cmd", { run }).run).toBe('docker run arguments replace it: ["-v"]');
    expect(why(text, "Env.NGINX_VERSION", { run }).run).toBe("docker run -e NGINX_VERSION=2 sets it");
    expect(why(text, "workdir", { run }).run).toBe('docker run -w makes it "/tmp"');
    expect(why(text, "user", { run }).run).toBe('docker run -u makes it "1:2"');
    expect(why(text, "Entrypoint", { run: { entrypoint: "/bin/sh" } }).run).toBe('docker run --entrypoint replaces it with "/bin/sh"');
    expect(why(text, "Cmd", { run: { entrypoint: "/bin/sh" } }).run).toBe("docker run --entrypoint drops it");
    expect(why(text, "Cmd").run).toBeNull();
  });

  it("inherited through a stage: says through which", () => {
    const a = why("FROM nginx AS base\nENV A=1\nFROM base\nLABEL x=y\n", "Env.A");
    expect(a.entries[0]!.via).toEqual(["base"]);
    expect(a.entries[0]!.why).toBe('line 2, stage "base": ENV A=1 (through stage "base")');
  });

  it("lists what a value replaced, newest first", () => {
    const a = why('FROM nginx\nCMD ["a"]\nCMD ["b"]\n', "Cmd");
    expect(a.entries[0]!.earlier.map((e) => e.value)).toEqual(['["a"]', '["nginx","-g","daemon off;"]']);
  });
});

describe("explainField: every config field", () => {
  const text = 'FROM nginx\nENV A=1\nLABEL version=2\nEXPOSE 8080\nVOLUME /data\nUSER app\nSTOPSIGNAL SIGTERM\nHEALTHCHECK CMD true\nSHELL ["/bin/bash", "-c"]\nONBUILD RUN x\nMAINTAINER me\nENTRYPOINT ["/e"]\nCMD ["c"]\n';
  it.each([
    ["Entrypoint", 12], ["Cmd", 13], ["Env.A", 2], ["Labels.version", 3], ["ExposedPorts.8080/tcp", 4], ["port 8080", 4], ["Volumes./data", 5],
    ["User", 6], ["StopSignal", 7], ["Healthcheck", 8], ["Shell", 9], ["OnBuild", 10], ["Author", 11], ["A", 2], ["version", 3],
  ])("%s comes from line %i", (field, line) => {
    const a = why(text, field);
    const o = a.entries[0]!.origin;
    expect(o.kind === "instruction" ? o.site.line : null).toBe(line);
  });

  it("a whole collection lists every entry", () => {
    expect(why(text, "Env").entries.map((e) => e.key)).toEqual(["PATH", "NGINX_VERSION", "A"]);
  });

  it("commands carry their form and the ENTRYPOINT × CMD cell", () => {
    const a = why("FROM nginx\nENTRYPOINT python app.py\n", "Entrypoint");
    expect(a.notes).toContain('written in shell form: the shell in force runs "python app.py"');
    expect(a.notes.some((n) => n.startsWith("shell-form ENTRYPOINT + image CMD dropped") || n.startsWith("shell-form ENTRYPOINT + no CMD"))).toBe(true);
  });

  it("ArgsEscaped is answered, not traced", () => {
    expect(why(text, "ArgsEscaped").notes[0]).toMatch(/^ArgsEscaped is true; it is not traced/);
  });
});

describe("explainField: questions it cannot answer", () => {
  const sim = simulate("FROM nginx\nENV PATH=/x\n", opts);
  it.each([
    ["Cmdd", /no field "Cmdd" \(did you mean Cmd\?\)/],
    ["Env.PAHT", /Env has no "PAHT" \(did you mean PATH\?\)/],
    ["User.x", /User is not a collection/],
  ])("%s", (q, message) => {
    const a = explainField(sim, q);
    expect(a.ok).toBe(false);
    expect(a.error).toMatch(message);
  });

  it("no stage built", () => {
    expect(explainField(simulate(""), "Cmd").error).toMatch(/no stage was built/);
  });
});

describe("parseFieldQuery", () => {
  const c = simulate("FROM nginx\nLABEL org.opencontainers.image.title=t\n", opts).stage!.config;
  it.each([
    ["workdir", "WorkingDir", null], ["Env.PATH", "Env", "PATH"], ["env PATH", "Env", "PATH"],
    ["Labels.org.opencontainers.image.title", "Labels", "org.opencontainers.image.title"], ["expose 80/tcp", "ExposedPorts", "80/tcp"],
  ])("%s", (q, field, key) => expect(parseFieldQuery(q, c)).toEqual({ ok: true, value: { field, key } }));
});

describe("renderFieldAnswer", () => {
  it("shows the value, why, what it replaced and the run override", () => {
    const text = renderFieldAnswer(why('FROM nginx\nCMD ["a"]\nCMD ["b"]\n', "Cmd", { run: { args: ["x"] } }));
    expect(text).toContain('Cmd = ["b"]');
    expect(text).toContain('line 3, stage "0": CMD ["b"]');
    expect(text).toContain('replaced ["a"]: line 2');
    expect(text).toContain('at run time: docker run arguments replace it: ["x"]');
  });
});
