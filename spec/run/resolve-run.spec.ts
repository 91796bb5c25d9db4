// What `docker create`/`docker run` starts. Source: docs/semantics/docker-28.5.md H (real
// `docker create` + `docker inspect` on Docker Engine 28.5.2; the images were built with BuildKit
// unless noted).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { configFromImage } from "../../src/evaluate/initial-config.js";
import { resolveRun, type RunOptions, type RunResolution } from "../../src/run/resolve-run.js";
import { DEFAULT_PATH, imageWith, onBusybox, sim, type Builder } from "../helpers/simulate.js";

/** `Path ["args"…]` as the doc writes it, or the daemon's error. */
function show(r: RunResolution | null): string {
  if (r === null) return "(no stage)";
  return r.ok ? `${r.path} ${JSON.stringify(r.args)}` : r.error;
}
function runOf(text: string, run: RunOptions, builder: Builder = "buildkit"): RunResolution | null {
  return sim(text, { builder, run }).run;
}

const NO = "no command specified";

describe("docker create resolution table (doc H)", () => {
  const images: { name: string; text: string; row: [string, string, string, string, string, string] }[] = [
    { name: "none / none", text: onBusybox("LABEL a=1"), row: [NO, 'a ["b"]', NO, 'a ["b"]', "x []", 'x ["a","b"]'] },
    { name: 'exec ["/bin/echo","e"] / ["c1","c2"]', text: onBusybox('ENTRYPOINT ["/bin/echo","e"]', 'CMD ["c1","c2"]'), row: ['/bin/echo ["e","c1","c2"]', '/bin/echo ["e","a","b"]', NO, 'a ["b"]', "x []", 'x ["a","b"]'] },
    { name: "shell echo e / shell c", text: onBusybox("ENTRYPOINT echo e", "CMD c"), row: ['/bin/sh ["-c","echo e","/bin/sh","-c","c"]', '/bin/sh ["-c","echo e","a","b"]', NO, 'a ["b"]', "x []", 'x ["a","b"]'] },
    { name: 'none / ["c"]', text: onBusybox('CMD ["c"]'), row: ["c []", 'a ["b"]', NO, 'a ["b"]', "x []", 'x ["a","b"]'] },
    { name: '["e"] / none', text: onBusybox('ENTRYPOINT ["e"]'), row: ["e []", 'e ["a","b"]', NO, 'a ["b"]', "x []", 'x ["a","b"]'] },
  ];
  const columns: { name: string; run: RunOptions }[] = [
    { name: "plain", run: {} },
    { name: "img a b", run: { args: ["a", "b"] } },
    { name: '--entrypoint=""', run: { entrypoint: "" } },
    { name: '--entrypoint="" a b', run: { entrypoint: "", args: ["a", "b"] } },
    { name: "--entrypoint=x", run: { entrypoint: "x" } },
    { name: "--entrypoint=x a b", run: { entrypoint: "x", args: ["a", "b"] } },
  ];
  const cases = images.flatMap((img) => columns.map((col, i) => ({ image: img.name, column: col.name, text: img.text, run: col.run, expected: img.row[i]! })));
  it.each(cases)("$image, $column", (c) => {
    expect(show(runOf(c.text, c.run))).toBe(c.expected);
  });
});

describe("more argv cases (doc H)", () => {
  it("--entrypoint is one word, never split", () => {
    expect(show(runOf(onBusybox('CMD ["c"]'), { entrypoint: "sh -c" }))).toBe('sh -c []');
  });
  it("an empty-string argument is a command", () => {
    expect(show(runOf(onBusybox("LABEL a=1"), { args: [""] }))).toBe(' []');
  });
  it("classic-built CMD [] / ENTRYPOINT []: no command specified", () => {
    expect(show(runOf(onBusybox("CMD []"), {}, "legacy"))).toBe(NO);
    expect(show(runOf(onBusybox("ENTRYPOINT []"), {}, "legacy"))).toBe(NO);
  });
  it("classic-built bare CMD: /bin/sh -c", () => {
    expect(show(runOf(onBusybox("CMD"), {}, "legacy"))).toBe('/bin/sh ["-c"]');
  });
  it("BuildKit-built bare ENTRYPOINT: /bin/sh -c ''", () => {
    expect(show(runOf(onBusybox("ENTRYPOINT"), {}, "buildkit"))).toBe('/bin/sh ["-c",""]');
  });
});

describe("other run options (doc H)", () => {
  const text = onBusybox("ENV K=img A=1", "USER 5:6", 'CMD ["c"]');
  const ok = (run: RunOptions) => {
    const r = runOf(text, run);
    if (r === null || !r.ok) throw new Error(`expected a process, got ${show(r)}`);
    return r;
  };
  it("-e: user entries first in CLI order, then image entries whose key was not given", () => {
    expect(ok({ env: ["K=cli", "NEW=1", "PATH=/p"] }).env).toEqual(["K=cli", "NEW=1", "PATH=/p", "A=1"]);
  });
  it("-e NAME (unset in the client) is kept bare and removes the image's entry", () => {
    expect(ok({ env: ["A"] }).env).toEqual(["A", `PATH=${DEFAULT_PATH}`, "K=img"]);
  });
  it("-w must be absolute", () => {
    expect(show(runOf(text, { workdir: "rel" }))).toBe("the working directory 'rel' is invalid, it needs to be an absolute path");
  });
  it("-w is cleaned", () => {
    expect(ok({ workdir: "/abs/" }).workdir).toBe("/abs");
  });
  it("-u replaces the user; -u '' keeps the image's", () => {
    expect(ok({ user: "1:2" }).user).toBe("1:2");
    expect(ok({ user: "" }).user).toBe("5:6");
  });
  it("without options, the image's values", () => {
    const r = ok({});
    expect([r.env, r.workdir, r.user]).toEqual([[`PATH=${DEFAULT_PATH}`, "K=img", "A=1"], "/", "5:6"]);
  });
});

// moby: the CLI sends Cmd = run args and Entrypoint = [--entrypoint] ([""] for an empty one);
// the daemon's `merge` takes the image's Cmd and Entrypoint only when the user gave no entrypoint,
// the image's Cmd only when also no args; an Entrypoint of [""] counts as none; nothing left =
// `no command specified`; Path/Args = (Entrypoint ++ Cmd) split at the first word.
describe("properties", () => {
  const word = fc.string({ minLength: 1, maxLength: 6 });
  const list = fc.option(fc.array(word, { maxLength: 3 }), { nil: undefined });
  const runOpts = fc.record({ args: fc.option(fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }), { nil: undefined }), entrypoint: fc.option(fc.string({ maxLength: 4 }), { nil: undefined }) });

  it("Path + Args == merged Entrypoint ++ Cmd", () => {
    fc.assert(
      fc.property(list, list, runOpts, (ep, cmd, o) => {
        const image = imageWith("docker.io/library/p:latest", { ...(ep === undefined ? {} : { Entrypoint: ep }), ...(cmd === undefined ? {} : { Cmd: cmd }) });
        const run: RunOptions = { ...(o.args === undefined ? {} : { args: o.args }), ...(o.entrypoint === undefined ? {} : { entrypoint: o.entrypoint }) };
        let userEp: string[] = o.entrypoint === undefined ? [] : [o.entrypoint];
        let userCmd: string[] = o.args ?? [];
        if (userEp.length === 0) {
          if (userCmd.length === 0) userCmd = cmd ?? [];
          userEp = ep ?? [];
        }
        if (userEp.length === 1 && userEp[0] === "") userEp = [];
        const argv = [...userEp, ...userCmd];
        const r = resolveRun(configFromImage(image), run);
        if (argv.length === 0) expect(r).toEqual({ ok: false, error: NO });
        else expect(r.ok && [r.path, ...r.args]).toEqual(argv);
      }),
    );
  });

  it("-e merge: user entries in order, then image entries with other keys", () => {
    const key = fc.constantFrom("A", "B", "K", "PATH", "Z");
    const entry = fc.tuple(key, fc.option(fc.stringMatching(/^[a-z0-9]{0,3}$/), { nil: undefined })).map(([k, v]) => (v === undefined ? k : `${k}=${v}`));
    fc.assert(
      fc.property(fc.uniqueArray(key, { maxLength: 5 }), fc.array(entry, { maxLength: 4 }), (imageKeys, user) => {
        const image = imageWith("docker.io/library/p:latest", { Env: imageKeys.map((k) => `${k}=img`), Cmd: ["c"] });
        const r = resolveRun(configFromImage(image), { env: user });
        const userKeys = new Set(user.map((e) => e.split("=")[0]));
        expect(r.ok && r.env).toEqual([...user, ...imageKeys.filter((k) => !userKeys.has(k)).map((k) => `${k}=img`)]);
      }),
    );
  });
});
