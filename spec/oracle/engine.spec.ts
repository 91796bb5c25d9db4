import { beforeAll, expect, it } from "vitest";
import { BUSYBOX_APPLETS } from "./base-images.js";
import {
  bakeCases,
  buildCase,
  buildCases,
  createRuns,
  ensureBaseImages,
  type OracleBuilder,
  type OracleCase,
  type OracleResult,
  type RunOverrides,
} from "./engine.js";
import { oracleSuite } from "./suite.js";
import { readTar } from "./tar.js";

const BUILDERS: OracleBuilder[] = ["buildkit", "legacy"];

const cases = {
  unknownInstruction: { dockerfile: "FROM scratch\nFOO x\n" },
  cmdOnly: {
    dockerfile: 'FROM oracle/busybox:latest\nCMD ["echo","hi"]\n',
    runs: [{}, { args: ["ls", "-l"] }, { entrypoint: "/bin/true" }, { env: ["X=1"], workdir: "/tmp", user: "1:2" }],
  },
  noCommand: { dockerfile: "FROM oracle/busybox:latest\nENV A=1\n", runs: [{}] },
  history: {
    dockerfile: 'FROM oracle/busybox:latest\nENV A=1\nLABEL x=y\nCOPY hello.txt /hello.txt\nCMD ["sh"]\n',
    context: { "hello.txt": "hello\n", "sub/link": { symlink: "../hello.txt" }, "empty": { dir: true } },
  },
  onbuild: { dockerfile: "FROM oracle/onbuild:latest\nCMD [\"true\"]\n" },
} satisfies Record<string, OracleCase>;

await oracleSuite("oracle harness (real engine)", (engine) => {
  let base: Map<string, unknown>;
  const results = new Map<OracleBuilder, Record<keyof typeof cases, OracleResult>>();

  beforeAll(async () => {
    base = await ensureBaseImages(engine);
    for (const builder of BUILDERS) {
      const names = Object.keys(cases) as (keyof typeof cases)[];
      const out = await buildCases(engine, names.map((n) => cases[n]), builder, { concurrency: 2 });
      results.set(builder, Object.fromEntries(names.map((n, i) => [n, out[i]!])) as Record<keyof typeof cases, OracleResult>);
    }
  });

  it("provides every base image", () => {
    for (const name of ["busybox", "entry-exec", "entry-shell", "cmd-exec", "cmd-shell", "shell", "env", "onbuild", "passwd"]) {
      expect(base.has(`oracle/${name}:latest`), name).toBe(true);
    }
    const entry = base.get("oracle/entry-exec:latest") as { Config: { Entrypoint: string[]; Cmd: string[] } };
    expect(entry.Config.Entrypoint).toEqual(["/bin/echo", "base-entry"]);
    expect(entry.Config.Cmd).toEqual(["base-cmd"]);
    const env = base.get("oracle/env:latest") as { Config: Record<string, unknown> };
    expect(env.Config.WorkingDir).toBe("/srv");
    expect(env.Config.User).toBe("1000:1000");
    expect(env.Config.StopSignal).toBe("SIGUSR1");
  });

  for (const builder of BUILDERS) {
    const r = (name: keyof typeof cases): OracleResult => results.get(builder)![name];

    it(`${builder}: an unknown instruction fails the build with the engine's message`, () => {
      const res = r("unknownInstruction");
      expect(res.build.ok).toBe(false);
      expect(res.build.ok ? "" : res.build.error).toMatch(/^dockerfile parse error on line 2: unknown instruction: FOO/);
      expect(res.config).toBeUndefined();
    });

    it(`${builder}: a CMD-only image runs its CMD; args, --entrypoint and flags override as docker run does`, () => {
      const res = r("cmdOnly");
      expect(res.build.ok).toBe(true);
      expect(res.config?.Cmd).toEqual(["echo", "hi"]);
      const [plain, args, entry, flags] = res.runs!;
      expect(plain).toMatchObject({ ok: true, path: "echo", args: ["hi"] });
      expect(args).toMatchObject({ ok: true, path: "ls", args: ["-l"] });
      expect(entry).toMatchObject({ ok: true, path: "/bin/true", args: [] }); // --entrypoint drops the image CMD
      expect(flags).toMatchObject({ ok: true, path: "echo", args: ["hi"], workdir: "/tmp", user: "1:2" });
      expect(flags!.ok && flags!.env).toContain("X=1");
    });

    it(`${builder}: docker create without any command is refused by the daemon`, () => {
      const res = r("noCommand");
      expect(res.build.ok).toBe(true);
      expect(res.config?.Env).toContain("A=1");
      expect(res.runs).toHaveLength(1);
      expect(res.runs![0]).toEqual({ ok: false, error: expect.stringMatching(/^no command specified$/i) });
    });

    it(`${builder}: history has one entry per instruction, empty_layer on metadata-only ones`, () => {
      const res = r("history");
      expect(res.build.ok).toBe(true);
      const baseHistory = (base.get("oracle/busybox:latest") as { RootFS: { Layers: unknown[] } }).RootFS.Layers.length;
      const own = res.history!.slice(-4);
      expect(res.history!.length).toBeGreaterThanOrEqual(baseHistory + 4);
      expect(own.map((h) => h.empty_layer === true)).toEqual([true, true, false, true]);
      expect(own[0]!.created_by).toContain("ENV A=1");
      expect(own[2]!.created_by).toMatch(/COPY/);
      expect(res.layers).toBe(baseHistory + 1);
      expect(res.blob?.rootfs).toMatchObject({ type: "layers" });
    });

    it(`${builder}: ONBUILD triggers of the base run in the child`, () => {
      const res = r("onbuild");
      expect(res.build.ok).toBe(true);
      expect(res.config?.Env).toContain("TRIGGERED=1");
      expect(res.config?.Labels).toMatchObject({ from: "onbuild" });
      expect(res.config?.OnBuild ?? []).toEqual([]);
    });
  }

  it("cleans up: no oracle/case-* image of this process is left", async () => {
    const { runDocker } = await import("./docker-cli.js");
    const ls = await runDocker(engine, ["image", "ls", "--format", "{{.Repository}}", `oracle/case-${process.pid}-*`]);
    expect(ls.stdout.toString("utf8").trim()).toBe("");
  });

  it("reports an unknown --target with each builder's own wording", async () => {
    const c: OracleCase = { dockerfile: "FROM oracle/busybox:latest AS a\n", target: "b" };
    const [bk, legacy] = await Promise.all([buildCase(engine, c, "buildkit"), buildCase(engine, c, "legacy")]);
    expect(bk.build).toEqual({ ok: false, error: 'target stage "b" could not be found (did you mean a?)' });
    expect(legacy.build).toEqual({ ok: false, error: 'target stage "b" could not be found' });
  });
});

await oracleSuite("oracle harness shortcuts are faithful (real engine)", (engine) => {
  // What a case's observation is made of, without what differs between any two builds (ids, timestamps)
  // and with `-e` entries sorted (the engine orders them at random).
  const view = (r: OracleResult): unknown => ({
    build: r.build,
    config: r.config,
    author: r.author,
    history: r.history,
    layers: r.layers,
    runs: r.runs?.map((x) => (x.ok ? { ...x, env: [...x.env].sort() } : x)),
  });

  it("a case built in a `docker buildx bake` with others is observed as when built alone with `docker build`", async () => {
    await ensureBaseImages(engine);
    const cases: OracleCase[] = [
      { dockerfile: 'FROM oracle/cmd-exec AS base\nARG A\nENV X=${A:-d} Y=$HOME\nLABEL l="$A"\nFROM base\nRUN true\nUSER 1:2\n', buildArgs: { A: "x y" }, runs: [{}, { args: ["a1"] }] },
      { dockerfile: "FROM oracle/onbuild AS a\nEXPOSE 80 53/udp\nFROM oracle/env AS b\nHEALTHCHECK CMD true\n", target: "a", runs: [{}] },
      { dockerfile: 'FROM scratch\nENTRYPOINT ["/x"]\nVOLUME /v\n', runs: [{ entrypoint: "" }] },
      { dockerfile: "FROM oracle/busybox\nFOO bar\n", runs: [{}] }, // fails: rebuilt alone, for docker build's message
      { dockerfile: "FROM oracle/shell\nARG V X\nENV Y=$V Z=$X\n", buildArgs: { V: "${NOT_HCL}", X: "%{also-not}" }, runs: [{}] },
    ];
    const failing = (c: OracleCase): boolean => c.dockerfile.includes("FOO");
    const [baked, alone] = await Promise.all([
      buildCases(engine, cases, "buildkit", { concurrency: 2, bake: 8, alone: failing }),
      buildCases(engine, cases, "buildkit", { concurrency: 2 }),
    ]);
    expect(baked.map(view)).toEqual(alone.map(view));
    expect(baked.map((r) => r.build.ok)).toEqual([true, true, true, false, true]);
    // The successes really came out of the bake; the failure was built alone.
    expect(baked.map((r) => r.via)).toEqual(["bake", "bake", "bake", "build", "bake"]);
    expect(alone.every((r) => r.via === "build")).toBe(true);
    // Build args reach the Dockerfile literally (a bake file's `${…}` and `%{…}` are escaped).
    expect(baked[4]!.config?.Env).toEqual(expect.arrayContaining(["Y=${NOT_HCL}", "Z=%{also-not}"]));
  });

  it("a target that fails stops its bake: every case of that bake is built again alone, with the same results", async () => {
    const cases: OracleCase[] = [
      { dockerfile: "FROM oracle/busybox\nENV A=1\n", runs: [{}] },
      { dockerfile: "FROM oracle/busybox\nFOO bar\n", runs: [{}] },
      { dockerfile: "FROM oracle/entry-shell\nLABEL x=y\n", runs: [{ args: ["z"] }] },
    ];
    const [baked, alone] = await Promise.all([bakeCases(engine, cases), buildCases(engine, cases, "buildkit", { concurrency: 3 })]);
    expect(baked.map(view)).toEqual(alone.map(view));
    expect(baked[1]!.build).toEqual({ ok: false, error: "dockerfile parse error on line 2: unknown instruction: FOO (did you mean FROM?)" });
    expect(baked[1]!.via).toBe("build");
  });

  it("`docker create` through the Engine API gives the containers the docker CLI gives", async () => {
    const runs: RunOverrides[] = [
      {},
      { args: ["a1", "a b"] },
      { args: [] },
      { entrypoint: "" },
      { entrypoint: "", args: ["x"] },
      { entrypoint: "/bin/echo e", env: ["MX=1", "EMPTY="], workdir: "/a/../b/", user: "1:2" },
      { env: [], workdir: "/", user: "app" },
      { entrypoint: "sh", args: ["$A", "/bin/echo"], env: ["PATH=/p", "HOME=/r"] },
    ];
    for (const image of ["oracle/entry-exec:latest", "oracle/cmd-shell:latest", "oracle/env:latest", "oracle/busybox:latest"]) {
      const [cli, api] = await Promise.all([createRuns(engine, image, runs, "cli"), createRuns(engine, image, runs, "api")]);
      const sorted = (xs: typeof cli): unknown => xs.map((x) => (x.ok ? { ...x, env: [...x.env].sort() } : x));
      expect(sorted(api), image).toEqual(sorted(cli));
    }
  });

  it("oracle/busybox links only its few applets, and shell-form RUNs still run any applet", async () => {
    const r = await buildCase(engine, { dockerfile: "FROM oracle/busybox\nRUN ls /bin > /bin.txt && mkdir -p /x/y && basename /x/y > /b.txt\n" }, "buildkit");
    expect(r.build).toEqual({ ok: true });
    const files = await buildCase(engine, { dockerfile: 'FROM oracle/busybox\nRUN ["true"]\nRUN ["/bin/ash","-c","[ -L /bin/sh ] && [ ! -e /bin/basename ]"]\n' }, "legacy");
    expect(files.build).toEqual({ ok: true });
    expect(BUSYBOX_APPLETS).toContain("sh");
  });
});

it("tar reader lists regular files of a ustar archive", () => {
  const header = Buffer.alloc(512);
  header.write("dir/a.txt", 0);
  header.write("0000644\0", 100);
  header.write("00000000003\0", 124);
  header.write("0", 156);
  header.write("ustar\0", 257);
  const archive = Buffer.concat([header, Buffer.from("abc"), Buffer.alloc(509), Buffer.alloc(1024)]);
  const files = readTar(archive);
  expect(files.map((f) => [f.name, Buffer.from(f.data).toString()])).toEqual([["dir/a.txt", "abc"]]);
});

it("build errors keep the engine's trailing spaces and lose only the CLI's decoration", async () => {
  const { buildError, daemonError } = await import("./docker-cli.js");
  expect(buildError("#1 ...\nDockerfile:3\n--------------------\nERROR: failed to build: failed to solve: invalid signal: a=b \n", "buildkit")).toBe("invalid signal: a=b ");
  expect(buildError("ERROR: failed to build: failed to run Build function: dockerfile parse error on line 2: unknown instruction: FOO\n\n", "buildkit")).toBe(
    "dockerfile parse error on line 2: unknown instruction: FOO",
  );
  expect(buildError("DEPRECATED: The legacy builder…\nStep 3/3 : STOPSIGNAL $A\ninvalid signal: a=b \n", "legacy")).toBe("invalid signal: a=b ");
  expect(daemonError("Error response from daemon: no command specified\n")).toBe("no command specified");
});
